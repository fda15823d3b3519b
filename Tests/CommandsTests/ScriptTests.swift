import Foundation
import Shell
import Testing

/// The golden scripts in `Tests/Scripts`, statement by statement, against their `# expect:` comments.
@Suite struct ScriptTests {
    @Test("golden script", arguments: GoldenScript.names)
    func script(_ name: String) throws {
        let script = try GoldenScript(named: name)
        let shell = try ShellHarness(arguments: ["one", "two"], environment: ["CCSH_TEST_VALUE": "from the environment"])
        Self.check(script, on: shell)
    }

    /// Runs every statement of `script` on `shell` and checks it against its expectation.
    static func check(_ script: GoldenScript, on shell: ShellHarness) {
        let name = script.name
        for (n, statement) in script.statements.enumerated() {
            let line = script.source.location(statement.range.start).line
            let expectation = script.expectations[n] ?? GoldenScript.Expectation()
            let before = shell.printed
            do {
                let value = try shell.interpreter.execute(statement, in: script.source)
                #expect(expectation.error == nil, "\(name):\(line): expected the error '\(expectation.error ?? "")', got \(value.jsonText)")
                if let expected = expectation.value {
                    let wanted = try JSONReader.value(from: expected)
                    #expect(value == wanted, "\(name):\(line): got \(value.jsonText), expected \(expected)")
                }
            } catch {
                let failure = ShellError.wrapping(error)
                #expect(failure.message == expectation.error, "\(name):\(line): \(failure.message)")
            }
            let printed = shell.printed.dropFirst(before.count).split(separator: "\n").map(String.init)
            #expect(printed == expectation.printed, "\(name):\(line): printed \(printed)")
        }
    }

    @Test("every golden script has expectations")
    func scriptsAreChecked() throws {
        #expect(GoldenScript.names.count >= 4)
        for name in GoldenScript.names { #expect(try GoldenScript(named: name).expectations.count >= 5, "\(name)") }
    }
}
