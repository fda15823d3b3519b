import Foundation
import Shell
import TestSupport
import Testing

/// One sandbox per state directory: several `ccsh --sandbox` at once share the one that holds it, a second
/// `ccsh-sandbox` is refused, and an unreadable state file is moved aside instead of stopping every later start.
@Suite struct SharedSandboxTests {
    /// A fresh state home and the environment that points ccsh and its sandbox at it.
    final class StateHome {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-shared-\(UUID().uuidString)")
        var sandboxDirectory: URL { root.appendingPathComponent("ccsh/sandbox") }
        let environment: [String: String]

        init() throws {
            let sandbox = try #require(Executables.url(for: "ccsh-sandbox"))
            environment = ["PATH": "/usr/bin:/bin", "HOME": root.path, "XDG_STATE_HOME": root.path, "CCSH_SANDBOX": sandbox.path]
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        /// Starts `ccsh --sandbox -c SOURCE`, its output in files (a pipe left unread could stall it).
        func start(_ source: String, _ n: Int) throws -> Process {
            let binary = try #require(Executables.url(for: "ccsh"))
            let process = Process()
            process.executableURL = binary
            process.arguments = ["--sandbox", "-c", source]
            process.environment = environment
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try Data().write(to: root.appendingPathComponent("out.\(n)"))
            try Data().write(to: root.appendingPathComponent("err.\(n)"))
            process.standardOutput = try FileHandle(forWritingTo: root.appendingPathComponent("out.\(n)"))
            process.standardError = try FileHandle(forWritingTo: root.appendingPathComponent("err.\(n)"))
            try process.run()
            return process
        }

        func output(_ n: Int) -> String { (try? String(contentsOf: root.appendingPathComponent("out.\(n)"), encoding: .utf8)) ?? "" }
        func errors(_ n: Int) -> String { (try? String(contentsOf: root.appendingPathComponent("err.\(n)"), encoding: .utf8)) ?? "" }
    }

    @Test("4 × ccsh --sandbox -c at once on one state directory, 20 rounds: no failure, every state file parses, no sandbox left")
    func fourAtOnce() throws {
        let home = try StateHome()
        let rounds = Int(ProcessInfo.processInfo.environment["CCSH_SOAK_SANDBOX_ROUNDS"] ?? "") ?? 20
        var failures: [String] = []
        for round in 0..<rounds {
            let processes = try (0..<4).map { try home.start("vehicles | count", $0) }
            for (n, process) in processes.enumerated() {
                process.waitUntilExit()
                if process.terminationStatus != 0 || home.output(n) != "3\n" {
                    failures.append("round \(round), ccsh \(n): status \(process.terminationStatus), \(home.errors(n))")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(rounds * 4) failed: \(failures.prefix(3))")
        for name in try FileManager.default.contentsOfDirectory(atPath: home.sandboxDirectory.path) where name.hasSuffix(".json") {
            let data = try Data(contentsOf: home.sandboxDirectory.appendingPathComponent(name))
            #expect((try? JSONReader.value(from: Array(data))) != nil, "\(name) parses")
        }
        // The last sandbox ends once its last user is gone (it saves its world first).
        let deadline = Date().addingTimeInterval(10)
        while SandboxProcessProbe.holds(home.sandboxDirectory), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!SandboxProcessProbe.holds(home.sandboxDirectory), "no sandbox is left running")
    }

    @Test("a second ccsh-sandbox on a held state directory is refused with the reason; the first goes on")
    func secondSandboxRefused() throws {
        let home = try StateHome()
        let first = try home.start("vehicles | count; listen --port 0 --timeout 3s | count", 0)
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: home.sandboxDirectory.appendingPathComponent("ready").path), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let second = try Executables.run(
            try #require(Executables.url(for: "ccsh-sandbox")), ["--state", home.sandboxDirectory.path, "--port", "0"], environment: home.environment)
        #expect(second.status != 0)
        #expect(second.stderr.contains("another ccsh-sandbox holds \(home.sandboxDirectory.path)"), "\(second.stderr)")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0, "\(home.errors(0))")
        #expect(home.output(0).hasSuffix("0\n"), "\(home.output(0))")
    }

    @Test("a world.json left at 0 bytes is moved aside with a message, and the next ccsh --sandbox starts")
    func unreadableStateMovedAside() throws {
        let home = try StateHome()
        let first = try home.start("vehicles | count", 0)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0, "\(home.errors(0))")
        Thread.sleep(forTimeInterval: 0.5)
        let world = home.sandboxDirectory.appendingPathComponent("world.json")
        try Data().write(to: world)
        let second = try home.start("vehicles | count", 1)
        second.waitUntilExit()
        #expect(second.terminationStatus == 0, "\(home.errors(1))")
        #expect(home.output(1) == "3\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: home.sandboxDirectory.path)
        #expect(names.contains { $0.hasPrefix("world.json.unreadable-") }, "\(names)")
        let log = (try? String(contentsOf: home.sandboxDirectory.appendingPathComponent("sandbox.err"), encoding: .utf8)) ?? ""
        #expect(log.contains("world.json could not be read"), "\(log)")
    }
}

/// Whether a sandbox holds a state directory: its instance lock is taken (flock, as ``SandboxDirectory`` does).
enum SandboxProcessProbe {
    static func holds(_ directory: URL) -> Bool {
        let descriptor = open(directory.appendingPathComponent(".sandbox.json.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return flock(descriptor, LOCK_EX | LOCK_NB) != 0
    }
}
