/// The one error type the interpreter raises and carries: a code, a specific message, an optional hint, and the
/// place in the source (range and the source it belongs to — a `source`d file or a `def` from another file keeps
/// its own). Messages are lower case, say what happened to what, and end without a period.
package struct ShellError: UserFacingError, CustomStringConvertible {
    /// What kind of failure; a struct so that new codes need no new enum case (docs/architecture.md §5.4).
    package struct Code: Hashable, Sendable {
        package var name: String
        package var exitStatus: Int32

        package init(_ name: String, exitStatus: Int32 = ExitStatus.failure) {
            self.name = name
            self.exitStatus = exitStatus
        }

        package static let syntax = Code("syntax", exitStatus: ExitStatus.usage)
        package static let unknownCommand = Code("unknown-command", exitStatus: ExitStatus.usage)
        package static let badArgument = Code("bad-argument", exitStatus: ExitStatus.usage)
        package static let typeMismatch = Code("type-mismatch")
        package static let undefinedVariable = Code("undefined-variable")
        package static let notFound = Code("not-found")
        package static let io = Code("io")
        package static let failed = Code("failed")
        package static let interrupted = Code("interrupted", exitStatus: ExitStatus.interrupted)
    }

    package var code: Code
    package var message: String
    package var hint: String?
    package var range: SourceRange?
    /// The source `range` points into; the interpreter fills it in as the error leaves a source.
    package var source: Source?
    package var httpStatus: Int?
    /// Further errors found with this one (the other syntax errors of a script).
    package var related: [ShellError] = []
    /// Bytes of the source never to show again, even in this error's source line: a secret typed where it does
    /// not belong (`profile add … --client-secret hunter2`).
    package var concealed: SourceRange?

    package init(_ code: Code, _ message: String, hint: String? = nil, at range: SourceRange? = nil, httpStatus: Int? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.range = range
        self.httpStatus = httpStatus
    }

    package var userMessage: String { message }
    package var codeName: String { code.name }
    package var exitStatus: Int32 { code.exitStatus }
    package var description: String { message }

    /// This error, placed at `range` in `source` unless it already has a place.
    package func placed(at range: SourceRange?, in source: Source?) -> ShellError {
        var copy = self
        if copy.range == nil { copy.range = range }
        if copy.source == nil, copy.range != nil { copy.source = source }
        return copy
    }

    /// The value `try { } catch e { }` binds: `{message, code, status?}` (status only for HTTP errors).
    package var record: Value {
        var record = Record()
        record["message"] = .string(message)
        record["code"] = .string(code.name)
        if let httpStatus { record["status"] = .int(httpStatus) }
        return .record(record)
    }

    /// Wraps any error: a ``ShellError`` stays as it is, a ``UserFacingError`` keeps its code, message and status,
    /// anything else is reported as an internal error (a bug in ccsh, never the user's fault).
    package static func wrapping(_ error: any Error) -> ShellError {
        if let error = error as? ShellError { return error }
        if let error = error as? any UserFacingError {
            return ShellError(Code(error.codeName, exitStatus: error.exitStatus), error.userMessage, hint: error.hint, httpStatus: error.httpStatus)
        }
        return ShellError(.failed, "internal error: \(error)", hint: "this is a bug in ccsh; please report it with the command that caused it")
    }
}

/// Process exit statuses (README, "Exit codes").
package enum ExitStatus {
    package static let success: Int32 = 0
    /// A command failed.
    package static let failure: Int32 = 1
    /// Bad usage: a syntax error, an unknown command or flag, a bad argument.
    package static let usage: Int32 = 2
    /// The API needs a login first.
    package static let loginRequired: Int32 = 3
    /// Interrupted by Ctrl-C.
    package static let interrupted: Int32 = 130
}
