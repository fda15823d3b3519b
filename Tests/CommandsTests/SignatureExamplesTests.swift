import Commands
import Foundation
import Shell
import Testing

/// Every example in every signature runs (docs/architecture.md §5.9); those with a `result` must produce it exactly.
@Suite struct SignatureExamplesTests {
    static let examples: [(command: String, example: Signature.Example)] = CommandRegistry.language().all.flatMap { command in
        command.signature.examples.map { (command.signature.name, $0) }
    }

    @Test("every command has examples and a summary")
    func documented() {
        for command in CommandRegistry.language().all {
            #expect(!command.signature.examples.isEmpty, "\(command.signature.name) has no example")
            #expect(command.signature.summary.hasSuffix("."), "\(command.signature.name)'s summary is not a sentence")
        }
    }

    @Test("signature example", arguments: examples.map { "\($0.command): \($0.example.source)" })
    func example(_ label: String) throws {
        let (_, example) = try #require(Self.examples.first { "\($0.command): \($0.example.source)" == label })
        let shell = try ShellHarness()
        try shell.write("monitor.json", #"{"label": "m", "callback": {"target": "https://example.com/hook"}}"#)
        try shell.write("lib.ccsh", "def double [x] { $x * 2 }\n")
        do {
            let value = try shell.run(example.source, name: "example")
            if let expected = example.result { #expect(value == expected, "\(example.source)") }
        } catch let exit as ExitRequest {
            #expect(example.source.hasPrefix("exit"), "only `exit` may end an example (status \(exit.status))")
        }
    }
}
