import Foundation
import TestSupport
import Testing

@testable import Client

/// The rate-limit budget (docs/api.md §5.4): the gateway's headers read, a 429 held for every worker, and the usage
/// ledger `quota` sums.
@Suite struct RateLimitTests {
    @Test("the headers' four figures; an answer without any is no reading; a negative or garbled figure is missing")
    func reading() {
        let reading = RateLimitReading(
            HTTPResponseData(
                status: 200,
                headers: [
                    ("x-ratelimit-limit-1", "100000"), ("X-RateLimit-Remaining-1", " 90502"), ("X-RateLimit-Limit-2", "100"),
                    ("X-RateLimit-Remaining-2", "-3"),
                ], body: []), at: 7)
        #expect(reading == RateLimitReading(dayLimit: 100_000, dayRemaining: 90_502, burstLimit: 100, burstRemaining: nil, at: 7))
        #expect(RateLimitReading(HTTPResponseData(status: 200, headers: [("Date", "x"), ("X-RateLimit-Limit-1", "lots")], body: []), at: 0) == nil)
    }

    @Test("the day quota spent: the 429's Retry-After holds every worker; nothing is sent again, nothing retried")
    func noStorm() throws {
        let sandbox = try SandboxProcess.start(["--quota", "2", "--log"])
        defer { sandbox.stop() }
        let session = try SessionTests.loggedIn(sandbox)
        #expect(try session.send(.get("/user")).status == 200)
        #expect(try session.send(.get("/user")).status == 200)
        let refused = #expect(throws: ClientError.self) { try session.send(.get("/user")) }
        #expect(refused?.status == 429)
        // Workers share the hold: each fails at once, without a request.
        let started = Date()
        for _ in 0..<3 {
            let worker = try session.makeWorker()
            let error = #expect(throws: ClientError.self) { try worker.send(.get("/user")) }
            #expect(error?.status == 429)
            #expect(error?.message.contains("nothing more was sent") == true, "\(error?.message ?? "")")
        }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(session.budget.latest?.dayLimit == 2)
        #expect(session.budget.latest?.dayRemaining == 0)
        #expect(session.budget.sent == 3)
        sandbox.stop()
        #expect(RetryTests.logged(sandbox, "GET", "/user") == 3)
    }

    @Test("the ledger: lines of several processes summed over the last 24 hours and this month; a cut line is skipped")
    func ledger() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-usage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = UsageLedger(profile: "lab", stateDirectory: directory)
        let now = 1_796_569_769  // 2026-12-06T…Z
        let reading = RateLimitReading(dayLimit: 1000, dayRemaining: 990, at: now - 3600)
        try ledger.append(.init(at: now - 10 * 86_400, sent: 5, wakeUps: 2, reading: nil))  // November 26th: another month
        try ledger.append(.init(at: now - 2 * 86_400, sent: 7, wakeUps: 1, reading: nil))
        try ledger.append(.init(at: now - 3600, sent: 3, wakeUps: 0, reading: reading))
        try ledger.append(.init(at: now - 60, sent: 4, wakeUps: 1, reading: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: ledger.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("v1 1796569700 9".utf8))  // a process killed mid-line
        try handle.close()
        #expect(
            ledger.summary(now: now)
                == UsageLedger.Summary(sentLastDay: 7, sentThisMonth: 14, wakeUpsThisMonth: 2, latest: reading))
        let mode = try FileManager.default.attributesOfItem(atPath: ledger.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
