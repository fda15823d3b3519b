import Foundation

/// Parses and evaluates ccsh source; the REPL, `-c`, stdin and script files all use it (docs/architecture.md §5.5).
/// Only the drivers differ: they decide what to print and whether to go on after an error.
///
/// Not `Sendable`: one interpreter runs one pipeline at a time, on the thread that drives it.
package final class Interpreter {
    package let registry: CommandRegistry
    /// The outermost scope: script variables, `$args`, and in the REPL `$last`.
    package let globals: Scope
    /// `$env`.
    package var environment: [String: String]
    /// Where `print` writes (a line at a time, newline included).
    package var write: (String) -> Void
    /// Sends what `write` buffered on its way (a command whose records must reach a pipe or a file as they come:
    /// `listen --print`).
    package var flush: () -> Void = {}
    /// Where `print --stderr` writes.
    package var writeError: (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    /// How `print` renders values that are not strings (the drivers set the output format).
    package var render: (Value) -> String = { $0.text }
    /// Relative paths of `open`, `save` and `source` start here.
    package var currentDirectory = FileManager.default.currentDirectoryPath
    /// Stops a top-level statement after this many steps (fuzzing and property tests guard against runaway input).
    package var stepLimit: Int?
    /// Set from a signal handler to stop the running pipeline; checked between steps.
    package var isInterrupted: () -> Bool = { false }
    /// Tells the driver that the running command ended its work gracefully on the signal (`record`): the run goes on
    /// as if no Ctrl-C had come, and a SIGTERM still ends the process, with the command's status.
    package var settleInterrupt: () -> Void = {}
    /// Asks the user for a line (`question`, then what they type), without echo when `isSecret` (a password); nil
    /// where nobody can answer (scripts, `-c`, stdin). `monitors delete` asks y/N, `login` for a code or password.
    package var ask: ((_ question: String, _ isSecret: Bool) -> String?)?
    /// The output format `set output` chose; nil leaves the driver's (a table on a terminal, else JSON).
    package var outputFormat: OutputFormat?
    /// Whether the interactive shell pages results taller than the terminal (`set pager off`).
    package var usesPager = true
    /// How results show on a terminal: its size and colors, the time style, and the views of the registry's commands.
    package var presentation: Presentation
    /// The interactive line editor, for `history` and `set editor`; nil in scripts.
    package weak var lineEditor: (any LineEditing)?

    /// The source being run, which `def`s and blocks remember for their errors.
    package private(set) var currentSource: Source?
    private var steps = 0
    private var callDepth = 0
    /// Where a `where` in progress records the bare field names its condition reads (``FieldReads``).
    package var fieldReads: FieldReads?
    /// How deep evaluation is now, in levels and in stack (``enterLevel(at:)``).
    var depth = StackDepth()
    /// Recursion of user commands beyond this is an error, not a crash.
    package static let maxCallDepth = 200
    private var regexes: [String: Regex<AnyRegexOutput>] = [:]

    package init(
        registry: CommandRegistry, environment: [String: String] = ProcessInfo.processInfo.environment, arguments: [String] = [],
        write: @escaping (String) -> Void = { print($0, terminator: "") }
    ) {
        self.registry = registry
        self.environment = environment
        self.write = write
        globals = Scope()
        presentation = Presentation(environment: environment)
        presentation.views = ViewCatalog { registry.all.compactMap(\.view) }
        globals.define("args", .list(arguments.map(Value.string)))
    }

    /// Parses `source`; syntax errors come back as one ``ShellError`` (the first) with the others in `related`.
    package func parse(_ source: Source) throws(ShellError) -> Block {
        let (block, diagnostics) = Parser.parse(source.text)
        guard let first = diagnostics.first else { return block }
        var error = ShellError(.syntax, first.message, hint: first.hint, at: first.range)
        error.source = source
        error.related = diagnostics.dropFirst().map { diagnostic in
            var related = ShellError(.syntax, diagnostic.message, hint: diagnostic.hint, at: diagnostic.range)
            related.source = source
            return related
        }
        throw error
    }

    /// Runs all of `source` in `scope` (the globals by default) and returns the value of its last statement.
    package func run(_ source: Source, in scope: Scope? = nil) throws -> Value {
        let block = try parse(source)
        let outer = currentSource
        if outer == nil { steps = 0 }
        currentSource = source
        defer { currentSource = outer }
        var result = Value.null
        for statement in block.statements { result = try execute(statement, in: source, scope: scope ?? globals) }
        return result
    }

    /// Runs one top-level statement of `source`, collecting its result; errors leave with their place.
    package func execute(_ statement: Statement, in source: Source, scope: Scope? = nil) throws -> Value {
        let outer = currentSource
        if outer == nil { steps = 0 }
        currentSource = source
        defer { currentSource = outer }
        do {
            let result = try execute(statement, scope: scope ?? globals, input: .empty)
            if case .stream(let stream) = result, let live = stream.live {
                try show(stream, live)
                return .null
            }
            return try result.collect()
        } catch let error as ShellError {
            throw error.placed(at: statement.range, in: source)
        }
    }

    /// Shows a live stream's rows as they come, until it ends (Ctrl-C, or its own end): at a terminal each row's
    /// card over the last one's, elsewhere one JSON line a row, each flushed at once.
    private func show(_ stream: ValueStream, _ live: LiveDisplay) throws {
        let asCards = presentation.outputIsTerminal && ![.json, .ndjson, .csv, .yaml].contains(outputFormat)
        var shown = 0
        while let row = try stream.next() {
            if asCards {
                let lines = live.card(row, presentation.frozen())
                // Up to the previous card's first line, and clear from there.
                write((shown > 0 ? "\u{1B}[\(shown)F\u{1B}[J" : "") + lines.joined(separator: "\n") + "\n")
                shown = lines.count
            } else {
                write(JSONWriter.string(row) + "\n")
            }
            flush()
        }
    }

    /// Whether `text` is a complete entry: no open quote, bracket, brace or block, and no trailing `|` (the REPL
    /// shows a continuation prompt until it is).
    package func isComplete(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // A trailing pipe, or a backslash (the line continues), asks for the next line.
        if trimmed.hasSuffix("|") || text.trimmingCharacters(in: CharacterSet(charactersIn: " \t")).hasSuffix("\\") { return false }
        return !Parser.parse(text).diagnostics.contains(where: \.isIncomplete)
    }

    // MARK: Limits

    /// Counts one evaluation step; fails when interrupted or past the step limit. Commands that produce many rows
    /// on their own (`range`) call it per row, so that Ctrl-C and the step limit reach them too.
    package func step() throws {
        steps += 1
        if isInterrupted() { throw ShellError(.interrupted, "interrupted") }
        if let stepLimit, steps > stepLimit {
            throw ShellError(.failed, "stopped after \(stepLimit) steps", hint: "the step limit guards against runaway input")
        }
    }

    /// Enters one level of evaluation at `range` (paired with `depth.leave()`); past the budget it is an error there,
    /// before the stack can overflow.
    func enterLevel(at range: SourceRange?) throws {
        guard depth.enter() else {
            throw ShellError(
                .failed, "the evaluation nests too deep",
                hint: "a command that calls itself needs a case that stops; a long chain can be split into parts with `let`", at: range)
        }
    }

    /// Runs `body` with `source` as the current source, so that errors raised in a `def` or a block are placed in
    /// the file that holds it, not in the file that called it.
    package func withSource<T>(_ source: Source?, _ body: () throws -> T) rethrows -> T {
        guard let source else { return try body() }
        let outer = currentSource
        currentSource = source
        defer { currentSource = outer }
        return try body()
    }

    /// Runs a user command's body one call deeper; too deep is an error.
    package func withCallDepth<T>(of name: String, _ body: () throws -> T) throws -> T {
        guard callDepth < Self.maxCallDepth else {
            throw ShellError(.failed, "'\(name)' called itself more than \(Self.maxCallDepth) times", hint: "check the command's recursion ends")
        }
        callDepth += 1
        defer { callDepth -= 1 }
        return try body()
    }

    /// A compiled regular expression, cached by pattern.
    func regex(_ pattern: String, at range: SourceRange) throws -> Regex<AnyRegexOutput> {
        if let cached = regexes[pattern] { return cached }
        do {
            let regex = try Regex(pattern)
            regexes[pattern] = regex
            return regex
        } catch {
            throw ShellError(.badArgument, "invalid regular expression '\(pattern)': \(error)", at: range)
        }
    }
}

/// `exit [code]`: unwinds every pipeline and block, past `try`, to the driver.
package struct ExitRequest: Error {
    package var status: Int32

    package init(status: Int32) { self.status = status }
}
