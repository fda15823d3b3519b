import Foundation
import Synchronization
import TestSupport
import Testing

/// One interactive ccsh typed thousands of commands on a real pseudo-terminal — API requests, pipelines, variables,
/// errors — keeps its memory flat: the resident size after the last command is within 10 % of the size after the
/// warm-up (issue 8). 1 000 commands here; `make soak` types 10 000.
@Suite(.sandbox("--vehicles", "3"), .serialized)
struct LongLifeTests {
    /// 1 000, or `CCSH_SOAK_COMMANDS` (`make soak`: 10 000).
    static let count = ProcessInfo.processInfo.environment["CCSH_SOAK_COMMANDS"].flatMap { Int($0) } ?? 1_000

    /// What is typed, in turn: every kind of work a session does, an error among them.
    static let commands = [
        "vehicles | count", "status 0 | get energy.0.level", "alerts 0 | first 3 | count", "let x = (user | get email)",
        "range 1 200 | each { $it * 2 } | sum", "monitors 0 | count", "status no-such-car",
        "vehicles | select vin label | to json | from json | count",
        "trips 0 | first 2 | count", "{a: [1, 2, {b: 3}]} | to yaml | from yaml | get a.2.b",
    ]

    @Test("thousands of REPL commands: resident memory after the last within 10 % of after the warm-up")
    func flatMemory() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let samples = Mutex<[Int]>([])
        let sample: @Sendable (Int32) -> Void = { pid in
            if let kilobytes = Self.residentKilobytes(pid) { samples.withLock { $0.append(kilobytes) } }
        }
        let warmUp = max(200, Self.count / 10)
        var typing: [PseudoTerminal.Keystrokes] = []
        for index in 0..<Self.count {
            let observe = index == warmUp || index == Self.count / 2 ? sample : nil
            typing.append(.init(after: "> ", Self.commands[index % Self.commands.count] + "\n", observe: observe))
        }
        typing.append(.init(after: "> ", "exit\n", observe: sample))
        let run = try home.replOnTerminal(typing, timeout: Double(Self.count) / 10 + 60)
        #expect(run.status == 0, "\(run.screen.suffix(2_000))")
        #expect(run.typedAt.count == typing.count, "every command got its prompt back: \(run.screen.suffix(2_000))")
        let sizes = samples.withLock { $0 }
        try #require(sizes.count == 3, "resident sizes read: \(sizes)")
        let growth = Double(sizes[2] - sizes[0]) / Double(sizes[0])
        print("long life: \(Self.count) commands, resident \(sizes.map { "\($0) kB" }.joined(separator: " → ")), growth \(Int(growth * 100)) %")
        // A sanitizer's quarantine keeps freed memory on purpose (`make sanitize`): the bound holds in plain builds.
        if ProcessInfo.processInfo.sanitizerSettings.isEmpty {
            #expect(growth <= 0.10, "resident size after warm-up, middle, end: \(sizes) kB")
        }
    }

    /// `VmRSS` of a process, in kB.
    static func residentKilobytes(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first { !$0.isEmpty }?.trimmingCharacters(in: .whitespaces) ?? "") }
    }
}
