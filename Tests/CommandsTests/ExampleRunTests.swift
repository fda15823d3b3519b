import APIContract
import Foundation
import Shell
import TestSupport
import Testing

@testable import Commands

/// Every API command's signature examples, run against a sandbox whose world runs a minute a second (so that a
/// remote action's example ends within a second), each command in a fresh shell.
@Suite(.sandbox("--vehicles", "5", "--alerts", "130", "--time-scale", "60"))
struct ExampleRunTests {
    @Test(
        "every API command's signature examples run against the sandbox, each command in a fresh logged-in shell, in each API version that has it"
    )
    func examples() throws {
        let profiles = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-examples-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profiles) }
        let language = Set(CommandRegistry.language().names)
        let names = CommandRegistry.standard(api: try APIShell().api).names.filter { !language.contains($0) }
        #expect(names.count >= 30)
        for name in names {
            // A fresh shell per command: `logout` must not log the next one out; the sandbox's state (monitors) carries on.
            let shell = try APIShell(profiles: profiles)
            let command = try #require(shell.shell.interpreter.registry.command(named: name))
            #expect(!command.signature.examples.isEmpty, "\(command.signature.name)")
            // A command of one version runs its examples there; one of every version in v4.0, whose shapes they are
            // written for (a 4.17 monitor, for one, has no `id`).
            // The history's examples read what `record` keeps: one pass first.
            if shell.shell.interpreter.registry.family(of: name) == CommandRegistry.Family.history, name != "record" {
                _ = try shell.run("record --once")
            }
            // `history import psacc info.db` imports psa_car_controller's database from where the shell stands.
            if name == "history import" {
                let vin = try #require(try shell.run("vehicles | first | get vin").stringValue)
                try PsaccImportTests.fixture(at: shell.shell.directory.appendingPathComponent("info.db").path, vin: vin)
            }
            let spoken = (command as? VersionedCommand)?.versions ?? [.v40]
            let versions: Set<APIVersion> = spoken.count == APIVersion.allCases.count ? [.v40] : spoken
            for version in versions.sorted(by: { $0.rawValue < $1.rawValue }) {
                shell.api.apiVersionOverride = version
                for example in command.signature.examples {
                    #expect(throws: Never.self, "\(example.source) (API \(version.rawValue))") {
                        let value = try shell.run(example.source)
                        if let expected = example.result { #expect(value == expected, "\(example.source) (API \(version.rawValue))") }
                    }
                }
            }
        }
    }
}
