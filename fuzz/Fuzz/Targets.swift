import APIContract
import Client
import Commands
import Shell

/// What each input is run through, and what must hold afterwards besides "no crash, no hang". A broken property
/// is returned as a sentence; nil means the input passed.
struct Targets {
    /// The language's commands that touch neither files nor the process: `open`, `save`, `source`, `exit` and
    /// `history` are left out, everything else (data, formats, `echo`, `help`) is fuzzed.
    let pureCommands: CommandRegistry = {
        let impure: Set = ["open", "save", "source", "exit", "history"]
        var registry = CommandRegistry()
        registry.register(CommandRegistry.language().all.filter { !impure.contains($0.signature.name) })
        return registry
    }()

    /// The targets in the order inputs rotate through them.
    static let names: [StaticString] = ["lexer", "parser", "evaluator", "JSON reader"]

    /// Steps an evaluated input may take; every line stops by itself well before the watchdog.
    static let stepLimit = 5_000

    /// Tokens cover the text in order, inside it, and end with `.end`.
    static func lex(_ text: String) -> String? {
        let tokens = Lexer.tokens(text)
        let length = text.utf8.count
        var previous = 0
        for token in tokens {
            guard token.range.start <= token.range.end, token.range.start >= previous, token.range.end <= length else {
                return "token \(token.kind) at \(token.range.start)..<\(token.range.end) is outside 0..<\(length) or out of order"
            }
            previous = token.range.start
        }
        guard tokens.last?.kind == .end else { return "the tokens do not end with .end" }
        return nil
    }

    /// Every diagnostic points inside the text and prints with its caret; a script nested past the parser's limit
    /// gets a diagnostic, not a tree (which would overflow the evaluator's stack).
    static func parse(_ text: String) -> String? {
        let (_, diagnostics) = Parser.parse(text)
        let source = Source(name: "fuzz.ccsh", text: text)
        for diagnostic in diagnostics {
            if let problem = outside(diagnostic.range, of: text, what: "diagnostic '\(diagnostic.message)'") { return problem }
            _ = DiagnosticPrinter().format(message: diagnostic.message, hint: diagnostic.hint, range: diagnostic.range, in: source)
        }
        return nil
    }

    /// Why `range` is not a place in `text`, or nil when it is.
    private static func outside(_ range: SourceRange, of text: String, what: String) -> String? {
        let length = text.utf8.count
        guard 0 <= range.start, range.start <= range.end, range.end <= length else {
            return "\(what) at \(range.start)..<\(range.end) is outside the text, 0..<\(length)"
        }
        return nil
    }

    /// Runs to a value or a ``ShellError`` within the step limit, in a fresh interpreter with the pure commands.
    func evaluate(_ text: String) -> String? {
        let interpreter = Interpreter(registry: pureCommands, environment: ["HOME": "/nonexistent", "LANG": "C.UTF-8"], write: { _ in })
        interpreter.writeError = { _ in }
        interpreter.stepLimit = Self.stepLimit
        interpreter.currentDirectory = "/nonexistent"
        do {
            let value = try interpreter.run(Source(name: "fuzz.ccsh", text: text))
            _ = value.text
            return nil
        } catch let error as ShellError {
            // The error as the drivers print it: a caret under its place when it has one.
            for each in [error] + error.related {
                if let range = each.range, each.source?.text == text, let problem = Self.outside(range, of: text, what: "error '\(each.message)'") {
                    return problem
                }
                _ = ErrorReporter(printer: DiagnosticPrinter(), write: { _ in }).format(each)
            }
            return nil
        } catch {
            return "ended with \(type(of: error)), not a ShellError: \(error)"
        }
    }

    /// A value or a ``JSONError``; a value written back as JSON reads as the same value. The three readers of the
    /// one JSON core agree: the sandbox's strict parser takes exactly what the shell's reader takes, and reads the
    /// same value; the page scanner (which leaves string contents to whoever decodes the items) takes at least that.
    static func readJSON(_ bytes: [UInt8]) -> String? {
        let strict = try? JSONParser.parse(bytes)
        let value: Value
        do {
            value = try JSONReader.value(from: bytes)
        } catch {
            _ = error.description
            return strict == nil ? nil : "the strict parser took what the shell's reader refused (\(error.description))"
        }
        guard let strict else { return "the strict parser refused what the shell's reader took" }
        guard (try? JSONReader.value(from: strict.bytes)) == value else { return "the strict parser read another value" }
        guard JSONScanner.scan(bytes) != nil else { return "the page scanner refused what the shell's reader took" }
        let written = JSONWriter.bytes(value)
        do {
            let again = try JSONReader.value(from: written)
            return again == value ? nil : "written and read again, the value changed: \(String(decoding: written, as: UTF8.self))"
        } catch {
            return "the reader's own value, written, does not read: \(error.description)"
        }
    }
}
