import Foundation
import Shell
import TestSupport
import Testing

/// Monitors through injected faults (issue 8): the real `ccsh` binary runs the scripts of `Tests/Scripts/Faults`
/// against a sandbox that answers 20 % of every method's requests with 500, cuts 5 % of the connections after
/// serving the request, and rate-limits. Between phases the sandbox's own `monitors.json` is the judge: the end
/// state of each phase is exactly the one intended — no duplicate, none lost. `make soak` makes it 200 monitors.
@Suite(
    .sandbox(
        "--vehicles", "1", "--fail-rate", "0.2", "--fail-methods", "GET,POST,PUT,DELETE", "--drop-rate", "0.05", "--rate-limit", "600",
        "--log"),
    .serialized)
struct MonitorFaultTests {
    static let scripts = GoldenScript.directory.appendingPathComponent("Faults")
    /// 50, or `CCSH_SOAK_MONITORS` (`make soak`).
    static let count = ProcessInfo.processInfo.environment["CCSH_SOAK_MONITORS"].flatMap { Int($0) } ?? 50

    @Test("create, list, pause and delete monitors through faults: exactly the intended state after each phase")
    func monitorsThroughFaults() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let sandbox = try suiteSandbox()

        let created = try run("create.ccsh", [String(Self.count)], home)
        #expect(created.recordValue?["created"] == .int(Self.count))
        var monitors = try stored(sandbox)
        #expect(monitors.count == Self.count, "monitors stored after creating \(Self.count)")
        #expect(Set(monitors.compactMap(\.label)) == Set((1...Self.count).map { "fault-\($0)" }), "each label exactly once")
        let posts = Self.logged(sandbox, "POST")
        let cut = posts.filter { $0.hasSuffix("(connection cut)") }.count
        try #require(cut > 0, "no POST lost its answer: the reconciliation was not exercised")
        #expect(posts.count > Self.count, "failed POSTs were sent again")

        let paused = try run("pause.ccsh", [], home)
        #expect(paused == ["listed": .int(Self.count), "distinct": .int(Self.count), "paused": .int(Self.count)])
        monitors = try stored(sandbox)
        #expect(monitors.count == Self.count && monitors.allSatisfy { $0.status == "Paused" }, "every monitor paused, none added")

        let deleted = try run("delete.ccsh", [], home)
        #expect(deleted == ["deleted": .int(Self.count), "left": 0])
        #expect(try stored(sandbox).isEmpty, "no monitor left")
        #expect(Self.logged(sandbox, "DELETE").contains { $0.hasSuffix("(connection cut)") || $0.contains(" 500 ") }, "DELETEs met faults")
    }

    /// Runs a fault script with the real binary and returns its last value (a record).
    private func run(_ script: String, _ arguments: [String], _ home: SessionCommandTests.Home) throws -> Value {
        let binary = try #require(Executables.url(for: "ccsh"))
        let result = try Executables.run(
            binary, ["--output", "json", Self.scripts.appendingPathComponent(script).path] + arguments, environment: home.environment)
        try #require(result.status == 0, "\(script): \(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        // The last statement's value is the last JSON document printed.
        let start = lines.lastIndex { $0.hasPrefix("{") } ?? lines.startIndex
        return try JSONReader.value(from: lines[start...].joined(separator: "\n"))
    }

    /// One monitor as the sandbox keeps it.
    struct Stored {
        var label: String?
        var status: String?
    }

    /// The monitors in the sandbox's `monitors.json`, every user and vehicle.
    private func stored(_ sandbox: SandboxProcess) throws -> [Stored] {
        let file = sandbox.directory.appendingPathComponent("monitors.json")
        guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
        let users = try JSONReader.value(from: Array(data)).recordValue?.fields ?? []
        return users.flatMap { user in
            (user.value.recordValue?.fields ?? []).flatMap { vehicle in
                (vehicle.value.listItems ?? []).map { monitor in
                    Stored(
                        label: monitor.recordValue?["monitor"]?.recordValue?["label"]?.stringValue,
                        status: monitor.recordValue?["status"]?.stringValue)
                }
            }
        }
    }

    /// The sandbox's log lines for API requests of one method on monitors.
    static func logged(_ sandbox: SandboxProcess, _ method: String) -> [Substring] {
        sandbox.stderrText.split(separator: "\n").filter { $0.contains(" \(method) /connectedcar/v4") && $0.contains("/monitors") }
    }
}
