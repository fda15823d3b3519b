import Commands
import Foundation
import Shell
import Testing

/// 100 000 random lines, mostly well-formed pipelines over the language's commands, never crash or hang the
/// evaluator: each ends with a value or a ShellError within the step limit.
@Suite struct EvaluatorPropertyTests {
    /// A deterministic generator; the seed is printed with any failure.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func pick(_ items: [String]) -> String { items[next(items.count)] }
    }

    static let arguments = [
        "1", "2", "0", "-1", "2.5", "a", "\"s\"", "'r'", "[1, 2, 3]", "[]", "{a: 1, b: [2]}", "$x", "$it", "$in", "$r.a", "(1 + 2)",
        "{ $it }", "{ $it * 2 }", "--reverse", "--compact", "-r", "a.b", "a.0", "null", "true", "$nope", "(range 1 3)", "--force",
        "level < 2", "a == 1", "$it > 1", "\"$x\"", "\"$(echo 1)\"",
    ]
    static let values = ["[1, 2, 3]", "$x", "$r", "(range 1 4)", "{a: 1}", "[{a: 1, b: 2}, {a: 3}]", "\"text\"", "1", "null", "[[1], 2]"]
    static let statements = ["let y = ", "if true { ", "for i in ", "try { ", "def f [p] { ", ""]

    @Test("100 000 random lines never crash or hang the evaluator")
    func randomLines() throws {
        var seed = SystemRandomNumberGenerator()
        let start = seed.next() as UInt64
        var g = Generator(state: start)
        let shell = try ShellHarness()
        shell.interpreter.stepLimit = 5_000
        _ = try shell.run("let x = [3, 1, 2]; let r = {a: [1, {b: 2}], c: \"x\"}")
        let commands = CommandRegistry.language().names.filter { !["exit", "source"].contains($0) } + ["f", "nosuch"]
        var values = 0
        var errors = 0
        for _ in 0..<100_000 {
            var stages = [g.pick(Self.values)]
            for _ in 0..<g.next(4) {
                stages.append(([g.pick(commands)] + (0..<g.next(3)).map { _ in g.pick(Self.arguments) }).joined(separator: " "))
            }
            var line = stages.joined(separator: " | ")
            let statement = g.pick(Self.statements)
            if !statement.isEmpty { line = statement + line + (statement.hasSuffix("{ ") ? " }" : "") }
            if statement == "for i in " { line += " { $i }" }
            if statement == "try { " { line += " catch e { $e }" }
            do {
                _ = try shell.run(line)
                values += 1
            } catch is ShellError {
                errors += 1
            } catch is ExitRequest {
                errors += 1
            } catch {
                Issue.record("seed \(start): \(line): \(error)")
            }
        }
        #expect(values > 10_000, "too few lines ran to a value: the generator is not exercising the evaluator (seed \(start))")
        #expect(errors > 1_000)
    }

    @Test("a runaway line stops at the step limit")
    func stepLimit() throws {
        let shell = try ShellHarness()
        shell.interpreter.stepLimit = 10_000
        let error = shell.failure("range 1 1000000000 | count")
        #expect(error?.message == "stopped after 10000 steps")
        #expect(try shell.run("range 1 100 | count") == 100)
    }
}
