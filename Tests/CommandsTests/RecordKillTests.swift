import APIContract
import Foundation
import History
import TestSupport
import Testing

/// `kill -9` of a running recorder, again and again at random moments while a living sandbox's month goes by: the
/// database always opens and passes `PRAGMA integrity_check`, nothing is kept twice, and the next pass catches up
/// with everything the API still has.
@Suite struct RecordKillTests {
    /// Kills: 50, or `CCSH_SOAK_KILLS` (`make soak`: 200).
    static let kills = ProcessInfo.processInfo.environment["CCSH_SOAK_KILLS"].flatMap { Int($0) } ?? 50

    @Test("kill -9 of ccsh record, 50 times at random moments in a simulated month: sound, nothing twice, nothing lost")
    func killed() throws {
        // A month in about as many seconds as the kills take.
        let world = try RecordLifeTests.World(quota: 100_000, timeScale: 90_000)
        let seed = UInt64(Date().timeIntervalSince1970 * 1000)
        var random = SplitMix(seed: seed)
        for kill in 1...Self.kills {
            let process = Process()
            process.executableURL = Executables.url(for: "ccsh")
            process.arguments = ["record"]
            process.environment = world.home.environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: 0.05 + Double(random.below(900)) / 1000)
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "kill \(kill) (seed \(seed))")
            guard FileManager.default.fileExists(atPath: world.database) else { continue }
            let check = try HistoryStore(path: world.database, readOnly: true).read { db in try db.one(String.self, "PRAGMA integrity_check") }
            #expect(check == "ok", "after kill \(kill) (seed \(seed))")
        }
        _ = try world.ccsh("sandbox clock --scale 0; record --once; record --once")
        let check = try HistoryStore(path: world.database, readOnly: true).read { db in try db.one(String.self, "PRAGMA integrity_check") }
        #expect(check == "ok")
        for (n, vehicle) in world.sandbox.endpoints.vehicles.enumerated() {
            for (table, command) in [("trips", "trips"), ("alerts", "alerts")] {
                let listed = try JSONParser.parse(Array(try world.ccsh("\(command) \(n) | get id | to json").utf8)).array?.compactMap(\.string) ?? []
                let kept = try world.rows("SELECT id FROM \(table) WHERE vehicle = (SELECT key FROM vehicles WHERE id = ?)", [vehicle.id]).compactMap
                { $0.get("id", as: String.self) }
                #expect(Set(listed).isSubset(of: Set(kept)), "car \(n): every one of the API's \(table) is kept (seed \(seed))")
                #expect(kept.count == Set(kept).count)
            }
        }
        let twice = [
            "SELECT count(*) AS n FROM (SELECT trip FROM drives WHERE trip IS NOT NULL GROUP BY vehicle, trip HAVING count(*) > 1)",
            """
            SELECT count(*) AS n FROM drives a JOIN drives b ON a.vehicle = b.vehicle AND a.startedAt < b.startedAt AND a.endedAt > b.startedAt
            """,
            """
            SELECT count(*) AS n FROM chargeSessions a JOIN chargeSessions b ON a.vehicle = b.vehicle AND a.startedAt < b.startedAt
                AND (a.endedAt IS NULL OR a.endedAt > b.startedAt)
            """,
        ]
        for sql in twice {
            #expect(try world.rows(sql).first?.get("n", as: Int.self) == 0, "\(sql) (seed \(seed))")
        }
        #expect(try world.rows("SELECT count(*) AS n FROM chargeSessions").first?.get("n", as: Int.self) ?? 0 > 10, "a month of charges")
    }
}
