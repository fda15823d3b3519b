import Commands
import Foundation
import Shell
import TestSupport
import Testing

/// The golden scripts of `Tests/Scripts/API`, statement by statement, against a sandbox with the default seed —
/// so VINs, labels, levels and alert texts are known — through the real libcurl client.
@Suite(.sandbox("--vehicles", "3"), .serialized)
struct APIScriptTests {
    @Test("API golden script", arguments: GoldenScript.names(in: GoldenScript.apiDirectory))
    func script(_ name: String) throws {
        let profiles = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-api-script-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profiles) }
        let shell = try APIShell(profiles: profiles)
        ScriptTests.check(try GoldenScript(named: name, in: GoldenScript.apiDirectory), on: shell.shell)
    }

    @Test("every API command is in an API golden script")
    func everyCommand() throws {
        let scripts = try GoldenScript.names(in: GoldenScript.apiDirectory).map {
            try String(contentsOf: GoldenScript.apiDirectory.appendingPathComponent($0), encoding: .utf8)
        }
        let language = Set(CommandRegistry.language().names)
        let commands = CommandRegistry.standard(api: try APIShell().api).names.filter { !language.contains($0) }
        for command in commands {
            let pattern = try Regex("(^|[|(;{] *)\(command)( |$)").anchorsMatchLineEndings()
            #expect(scripts.contains { $0.contains(pattern) }, "\(command) is not run by any API golden script")
        }
    }
}
