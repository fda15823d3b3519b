import Commands
import Shell
import Testing

/// The REPL driver with a scripted line reader: continuation lines, `$last`, going on after errors, `exit`.
@Suite struct REPLTests {
    /// Hands out prepared lines and records the prompts it was shown.
    struct ScriptedReader: LineReader {
        var lines: [String]
        var prompts: [String] = []

        mutating func readLine(prompt: String) -> String? {
            prompts.append(prompt)
            return lines.isEmpty ? nil : lines.removeFirst()
        }
    }

    func run(_ lines: [String]) throws -> (output: String, errors: String, status: Int32, prompts: [String]) {
        let shell = try ShellHarness()
        var errors = ""
        let repl = REPL(
            interpreter: shell.interpreter, renderer: ResultRenderer(format: .json),
            reporter: ErrorReporter(printer: DiagnosticPrinter()) { errors += $0 },
            write: shell.interpreter.write
        ) { "ccsh> " }
        var reader = ScriptedReader(lines: lines)
        let status = repl.run(reader: &reader)
        return (shell.printed, errors, status, reader.prompts)
    }

    @Test("an unfinished entry continues on the next line")
    func continuation() throws {
        let result = try run(["[1, 2, 3] |", "  where $it > 1 |", "  count", "let r = {", "a: 1", "}", "$r.a"])
        #expect(result.output == "2\n1\n")
        #expect(result.prompts == ["ccsh> ", "…> ", "…> ", "ccsh> ", "…> ", "…> ", "ccsh> ", "ccsh> "])
    }

    @Test("$last holds the previous result; errors are reported and the loop goes on")
    func lastAndErrors() throws {
        let result = try run(["[3, 1, 2] | sort-by", "1 / 0", "$last | first", "exit 4", "print never"])
        #expect(result.output == "[\n  1,\n  2,\n  3\n]\n1\n")
        #expect(result.errors == "<repl>:1:1: error: division by zero\n  1 / 0\n  ^~~~~\n")
        #expect(result.status == 4)
    }

    @Test("the end of input ends the REPL with status 0")
    func endOfInput() throws {
        #expect(try run(["1"]).status == 0)
    }

    /// A line editor that only remembers.
    final class FakeEditor: LineEditing {
        var entries = ["vehicles", "status 0", "monitors 0"]
        var mode = "emacs"
        func setEditor(_ mode: String) { self.mode = mode }
    }

    @Test("history lists the editor's entries, numbered; a script has none")
    func history() throws {
        let shell = try ShellHarness()
        #expect(try shell.run("history") == .list([]))
        let editor = FakeEditor()
        shell.interpreter.lineEditor = editor
        #expect(try shell.run("history | last 2 | get entry") == ["status 0", "monitors 0"])
        #expect(try shell.run("history | first | get index") == 1)
    }
}
