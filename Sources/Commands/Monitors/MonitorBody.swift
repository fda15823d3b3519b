import APIContract
import Foundation
import Shell

/// The body `monitors create` and `monitors update` send: a base (a `--file`, a record from the pipe, or the
/// monitor being updated) with the builder flags on top, checked with the API's own rules (``MonitorValidator``,
/// the sandbox's) before anything is sent.
///
/// Every problem is reported, each where it was written: at the place in the file (line, column, caret), at the
/// flag value that made that part of the body (for `--expr`, under the column of the expression), or by the field
/// path when the body came from the pipe.
struct MonitorBody {
    let json: JSON

    /// A `--file` body: its text (named as the user wrote the path) and its parse with the place of every value.
    private struct FileBody {
        var source: Source
        var located: LocatedJSON
    }

    /// The checked body; throws every problem as one error (the others as its `related`), nothing sent.
    init(_ call: Call, piped: Record?, current: Record?, version: APIVersion, context: CommandContext) throws {
        var base = piped ?? current ?? Record()
        var file: FileBody?
        if let path = call.string("file") {
            if piped != nil { throw call.error("give the body with --file or from the pipe, not both", argument: "file", code: .badArgument) }
            let loaded = try Self.read(path, call: call, context: context)
            guard case .record(let record) = Value(loaded.located.value) else {
                throw call.error(
                    "\(path) holds \(loaded.located.value.kindName), not a monitor", hint: "a monitor body is a JSON object; see `monitors template`",
                    argument: "file", code: .badArgument)
            }
            base = record
            file = loaded
        }
        let builder = try MonitorBuilder(call, base: base, version: version)
        json = JSON(.record(builder.body))
        let duplicates = file?.located.duplicateKeys.map(MonitorValidator.syntaxProblem) ?? []
        let problems = duplicates + MonitorValidator.problems(in: json, version: version)
        guard !problems.isEmpty else { return }
        var errors = problems.map { Self.place($0, builder: builder, file: file, call: call, context: context) }
        errors[errors.count - 1].hint =
            (errors[errors.count - 1].hint.map { $0 + "; " } ?? "") + "checked with the API's rules before sending: nothing was sent"
        var first = errors.removeFirst()
        first.related = errors
        throw first
    }

    /// Whether a piped record is a monitor body rather than a vehicle or a monitor.
    @Sendable static func isBody(_ record: Record) -> Bool {
        record["triggerParam"] != nil || record["subscribeParam"] != nil || (record["label"] != nil && record["vin"] == nil)
    }

    /// Reads and parses a body file; JSON that cannot be read at all is an error at its place in the file.
    private static func read(_ path: String, call: Call, context: CommandContext) throws -> FileBody {
        let bytes = try FileAccess.read(path, call: call, context: context)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw call.error("'\(path)' is not UTF-8 text", argument: "file", code: .io)
        }
        let source = Source(name: path, text: text)
        do throws(JSONParseError) {
            return FileBody(source: source, located: try JSONParser.parseLocated(bytes))
        } catch {
            let start = offset(line: error.line, column: error.column, in: bytes)
            var shellError = ShellError(.badArgument, error.message, hint: "fix the JSON at that place in \(path)", at: SourceRange(start, start + 1))
            shellError.source = source
            throw shellError
        }
    }

    /// One problem as an error placed where the part of the body it is about was written.
    private static func place(_ problem: MonitorProblem, builder: MonitorBuilder, file: FileBody?, call: Call, context: CommandContext)
        -> ShellError
    {
        // A JSON syntax problem (a repeated key) names its own place; the others start with the field's path.
        let message = problem.syntax == nil ? "\(problem.path): \(problem.message)" : problem.message
        if let origin = builder.origins.filter({ covers($0.path, problem.path) }).max(by: { $0.path.count < $1.path.count }) {
            var range = origin.bound.range
            if let expression = problem.expression, let source = context.interpreter.currentSource,
                let column = columnRange(expression, written: origin.bound.range, in: Array(source.text.utf8))
            {
                range = column
            }
            return ShellError(.badArgument, "--\(origin.flag): \(message)", at: range)
        }
        if let file {
            let bytes = Array(file.source.text.utf8)
            var start: Int?
            if let syntax = problem.syntax {
                start = offset(line: syntax.line, column: syntax.column, in: bytes)
            } else if let path = file.located.offsets.keys.filter({ covers($0, problem.path) }).max(by: { $0.count < $1.count }),
                let offset = file.located.offsets[path]
            {
                start = offset
                if let expression = problem.expression, path == problem.path,
                    let column = columnRange(expression, written: SourceRange(offset, stringEnd(from: offset, in: bytes)), in: bytes)
                {
                    start = column.start
                }
            }
            if let start {
                var error = ShellError(.badArgument, message, at: SourceRange(start, start + 1))
                error.source = file.source
                return error
            }
        }
        return ShellError(.badArgument, "monitor body: \(message)")
    }

    /// Whether the part of the body at `prefix` contains the field at `path`.
    private static func covers(_ prefix: String, _ path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + ".") || path.hasPrefix(prefix + "[")
    }

    /// The one-character range under `expression.column` of an expression written at `range` (a quoted string or a
    /// bare word holding exactly the expression); nil when escapes make the columns differ.
    private static func columnRange(_ expression: (text: String, column: Int), written range: SourceRange, in bytes: [UInt8]) -> SourceRange? {
        guard range.start >= 0, range.end <= bytes.count, range.start < range.end else { return nil }
        let written = Array(bytes[range.start..<range.end])
        let text = Array(expression.text.utf8)
        let skip: Int
        if written == text {
            skip = 0
        } else if written.count == text.count + 2, [UInt8(ascii: "\""), UInt8(ascii: "'")].contains(written[0]),
            Array(written[1..<written.count - 1]) == text
        {
            skip = 1
        } else {
            return nil
        }
        let start = range.start + skip + expression.text.prefix(max(0, expression.column - 1)).utf8.count
        return SourceRange(start, start + 1)
    }

    /// The offset just past a JSON string starting at `start` (its closing quote included).
    private static func stringEnd(from start: Int, in bytes: [UInt8]) -> Int {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else { return start }
        var index = start + 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1 }
        return min(index + 1, bytes.count)
    }

    /// The UTF-8 offset of a 1-based line and column (columns counted in characters, as the parser counts them).
    private static func offset(line: Int, column: Int, in bytes: [UInt8]) -> Int {
        var index = 0
        var currentLine = 1
        while currentLine < line, index < bytes.count {
            if bytes[index] == 0x0A { currentLine += 1 }
            index += 1
        }
        var currentColumn = 1
        while currentColumn < column, index < bytes.count, bytes[index] != 0x0A {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            currentColumn += 1
        }
        return index
    }
}
