import Foundation
import Shell
import TestSupport
import Testing

/// `vehicles | status`: one request per vehicle, concurrently (8 at a time), in input order, rows tagged with the
/// VIN — and lazy by batches. The sandbox adds 200 ms to every request and logs each one; the tests run one at a
/// time so that the log counts only their own requests.
@Suite(.serialized, .sandbox("--vehicles", "50", "--alerts", "3", "--latency-ms", "200", "--log"))
struct FanOutTests {
    func statusRequests() throws -> Int {
        try suiteSandbox().stderrText.split(separator: "\n").filter { $0.contains("GET /connectedcar/v4/user/vehicles/") && $0.contains("/status ") }
            .count
    }

    @Test("vehicles | status | first 2 fetches one batch of 8 statuses, not 50")
    func lazyBatches() throws {
        let shell = try APIShell()
        let before = try statusRequests()
        #expect(try shell.run("vehicles | status | first 2 | count") == 2)
        // The sandbox writes its log after each response: wait for the batch, then a moment for any request beyond it.
        _ = try suiteSandbox().log { _ in (try? statusRequests() - before) ?? 0 >= 8 }
        Thread.sleep(forTimeInterval: 0.3)
        let fetched = try statusRequests() - before
        #expect(fetched == 8, "\(fetched) status requests")
    }

    @Test("results keep the input order and carry the vin; collections are tagged row by row")
    func orderAndTags() throws {
        let shell = try APIShell()
        let vins = try shell.run("vehicles | first 20 | get vin")
        #expect(try shell.run("vehicles | first 20 | status | get vin") == vins)
        let alerts = try shell.run("vehicles | first 4 | alerts | get vin")
        #expect(alerts.listItems?.count == 12)
        #expect(try shell.run("vehicles | first 4 | alerts | get vin | uniq") == shell.run("vehicles | first 4 | get vin"))
    }

    @Test("8 vehicles at 200 ms each: the fan-out takes well under half the time of one request after another")
    func concurrency() throws {
        let shell = try APIShell()
        _ = try shell.run("let eight = (vehicles | first 8)")
        // A ratio against the sequential run in the same test, not a wall-clock bound: it holds on a loaded machine.
        func seconds(_ source: String) throws -> Double {
            let start = Date()
            #expect(try shell.run(source) == 8)
            return Date().timeIntervalSince(start)
        }
        let sequential = try seconds("$eight | each { status $it } | count")
        let concurrent = try seconds("$eight | status | count")
        #expect(sequential >= 1.6)
        #expect(concurrent < sequential / 2, "fan-out \(concurrent) s, sequential \(sequential) s")
    }
}
