import Foundation
import Shell
import TestSupport
import Testing

/// `ccsh --sandbox`: starts the bundled sandbox, logs in through the authorization-code flow, runs the script's
/// API commands against it, and stops it on exit — also when the script fails.
@Suite struct SandboxModeTests {
    /// Runs `ccsh --sandbox ARGUMENTS` with a fresh state directory.
    func run(arguments: [String]) throws -> (run: Executables.Run, pid: Int32?) {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-sandbox-mode-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let ccsh = try #require(Executables.url(for: "ccsh"))
        let sandbox = try #require(Executables.url(for: "ccsh-sandbox"))
        let environment = ["PATH": "/usr/bin:/bin", "HOME": state.path, "XDG_STATE_HOME": state.path, "CCSH_SANDBOX": sandbox.path]
        let run = try Executables.run(ccsh, ["--sandbox"] + arguments, environment: environment)
        let description = FileManager.default.contents(atPath: state.appendingPathComponent("ccsh/sandbox/sandbox.json").path)
        let pid = description.flatMap { try? JSONReader.value(from: Array($0)).recordValue?["pid"] }.flatMap {
            if case .int(let p) = $0 { Int32(p) } else { nil }
        }
        return (run, pid)
    }

    func run(_ source: String) throws -> (run: Executables.Run, pid: Int32?) { try run(arguments: ["-c", source]) }

    @Test(
        "examples.ccsh, the tour `make demo` runs, goes end to end: every command family, exit 0; on 4.17 a listen receives the monitor's event and a remote lock succeeds"
    )
    func examples() throws {
        let tour = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples.ccsh")
        let (run, _) = try run(arguments: ["--output", "table", tour.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let markers = [
            "== who am I", "== the seed's monitor", "unbalanced parentheses", "Paused", "curl --cert", "type                    Monitor",
            "status          Success", "Doors         locked",
        ]
        for marker in markers {
            #expect(run.stdout.contains(marker), "\(marker)")
        }
    }

    @Test("the seed's requests as one-liners, then the sandbox is gone")
    func oneLiners() throws {
        let (run, pid) = try run(
            "user | get email\nvehicles --index-range 0-9 --page-size 10 | count\nvehicles | first | alerts --locale fr-FR | first | get message")
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.contains("@") == true)
        #expect(lines.dropFirst().first == "3")
        let pidValue = try #require(pid)
        #expect(kill(pidValue, 0) != 0, "the sandbox still runs after ccsh exited")
    }

    @Test("a failing script still stops the sandbox; API errors name what was asked, in words")
    func failure() throws {
        let (run, pid) = try run("{id: nope} | alerts | first")
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: the alerts of vehicle nope → 404: Not Found"), "\(run.stderr)")
        #expect(kill(try #require(pid), 0) != 0)
    }
}
