import Foundation
import Shell
import TestSupport
import Testing

/// Input that nests or recurses without end never overflows the stack: long flat expressions, long pipelines and
/// recursion through a block are each an error with its place (exit 1 or 2), in a script and at the prompt, where
/// the session goes on with its variables.
@Suite struct DepthTests {
    /// The shapes that overflowed the stack (exit 139) before the parser and the evaluator shared one depth budget.
    static let shapes: [(name: String, source: String, status: Int32)] = [
        ("5 000 additions", Array(repeating: "1", count: 5_000).joined(separator: " + "), 2),
        ("5 000 ands", Array(repeating: "true", count: 5_000).joined(separator: " and "), 2),
        ("a 300-stage pipeline", "[1] " + String(repeating: "| each { $it } ", count: 300), 2),
        ("recursion through each", "def f [] { [1] | each { f } }; f", 1),
        ("recursion through where", "def f [] { [1] | where { f } }; f", 1),
        ("recursion through a condition", "def f [] { [1] | where (f) }; f", 1),
        ("recursion through a for block", "def f [] { for x in [1] { f } }; f", 1),
    ]

    @Test("in a script file: an error at file:line:col with a hint, exit 1 or 2, never a signal", arguments: 0..<shapes.count)
    func script(_ index: Int) throws {
        let shape = Self.shapes[index]
        let run = try ScriptModeTests.run(["deep.ccsh"], files: ["deep.ccsh": "let kept = 1\n" + shape.source + "\n"])
        #expect(run.status == shape.status, "\(shape.name): \(run.stderr.prefix(300))")
        #expect(run.stderr.hasPrefix("$DIR/deep.ccsh:2:") || run.stderr.hasPrefix("deep.ccsh:2:"), "\(shape.name): \(run.stderr.prefix(300))")
        #expect(run.stderr.contains("hint: "), "\(shape.name)")
        #expect(run.stderr.split(separator: "\n").allSatisfy { $0.count < 200 }, "a long line shows as a window around the place")
    }

    @Test("in the interpreter: the error is placed, and the next statement runs", arguments: 0..<shapes.count)
    func interpreter(_ index: Int) throws {
        let shell = try ShellHarness()
        let error = shell.failure(Self.shapes[index].source)
        #expect(error?.range != nil, "\(Self.shapes[index].name)")
        #expect(try shell.run("[1, 2] | count") == 2)
    }

    @Test("at the prompt on a terminal: each shape is an error, and the session keeps its variables")
    func prompt() throws {
        let ccsh = try #require(Executables.url(for: "ccsh"))
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-depth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        var typing: [PseudoTerminal.Keystrokes] = [.init(after: "> ", "let kept = 41\r")]
        // Shorter shapes, each still past the limits: libedit redraws the whole line at each typed character.
        let typed =
            [
                Array(repeating: "1", count: 210).joined(separator: "+"), Array(repeating: "true", count: 210).joined(separator: " or "),
                "[1]" + String(repeating: "|each{$it}", count: 210),
            ] + Self.shapes.filter { $0.source.count < 100 }.map(\.source)
        for source in typed { typing.append(.init(after: "> ", source + "\r")) }
        typing.append(.init(after: "hint: ", "$kept + 1\r", pause: 0.2))
        typing.append(.init(after: "42", "exit\r"))
        let run = try PseudoTerminal.run(
            ccsh, [], typing: typing,
            environment: ["PATH": "/usr/bin:/bin", "HOME": home.path, "XDG_STATE_HOME": home.path, "XDG_CONFIG_HOME": home.path, "NO_COLOR": "1"])
        #expect(run.status == 0, "\(run.screen.suffix(2000).debugDescription)")
        #expect(run.screen.components(separatedBy: "error: ").count - 1 == typed.count, "\(run.screen.suffix(3000).debugDescription)")
        #expect(run.screen.contains("\r\n42\r\n"))
    }
}
