import Commands
import Shell
import Testing

/// What `make fuzz` found (fuzz/README.md), each kept as a test: deep nesting overflowed the evaluator's stack, and
/// numbers past the float range became an infinity that printed as `null`.
@Suite struct FuzzRegressionTests {
    /// Openers nested 5 000 deep: one syntax error at the 201st level, not a crash, and a complete entry (the REPL
    /// must not wait for 5 000 closers).
    @Test(
        "nesting past the limit is one syntax error",
        arguments: [("(", ""), ("[", ""), ("{a: ", ""), ("\"$(", ")\""), ("not ", ""), ("- ", ""), ("if true { ", ""), ("{ ", ""), ("[{a: (", "")])
    func deepNesting(opener: String, closer: String) throws {
        let shell = try ShellHarness()
        let text = String(repeating: opener, count: 5_000) + "1" + String(repeating: closer, count: 5_000)
        let error = shell.failure(text)
        #expect(error?.code == .syntax)
        #expect(error?.message.hasPrefix("this nests deeper than \(Parser.maxNesting) levels") == true)
        #expect(error?.related.isEmpty == true, "one error, not one per unclosed level")
        #expect(shell.interpreter.isComplete(text))
    }

    @Test("nesting within the limit still runs")
    func nestingWithinLimit() throws {
        let shell = try ShellHarness()
        let depth = Parser.maxNesting - 1
        #expect(try shell.run(String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)) == 1)
        #expect(try shell.run(String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth) + " | count") == 1)
    }

    @Test("a float literal past ±1.8e308 is a syntax error, not null")
    func floatLiteralOutOfRange() throws {
        let shell = try ShellHarness()
        let error = shell.failure("1e400")
        #expect(error?.code == .syntax)
        #expect(error?.message == "number out of range: 1e400 is beyond ±1.8e308")
        #expect(try shell.run("1e-400") == .double(0))
    }

    @Test("float arithmetic that overflows is an error, not null")
    func floatOverflow() throws {
        let shell = try ShellHarness()
        #expect(shell.failure("1e308 * 10")?.message == "float overflow in '*': the result is beyond ±1.8e308")
        #expect(shell.failure("0 - 1e308 - 1e308")?.message == "float overflow in '-': the result is beyond ±1.8e308")
        #expect(shell.failure("[1e308, 1e308] | sum")?.message == "'sum' overflows: the total is beyond ±1.8e308")
        #expect(try shell.run("1e308 + 1") == .double(1e308))
    }

    @Test("a CSV cell past the float range stays text")
    func csvOutOfRange() throws {
        let shell = try ShellHarness()
        #expect(try shell.run("\"a,b\\n1e999,2.5\" | from csv") == [["a": "1e999", "b": 2.5]])
    }
}
