import APIContract
import Testing

@testable import History

/// The parked-period rules of docs/history.md, each on a crafted history.
@Suite struct ParkedPeriodsTests {
    static let hour = 3600
    static let day = 86_400

    @Test("between two drives: the levels of its first and last snapshot, drain per day in % and kWh")
    func drain() {
        let periods = ParkedPeriods.derive(
            drives: [(0, 1 * Self.hour), (3 * Self.day, 3 * Self.day + Self.hour)], charges: [],
            snapshots: [
                .init(at: 1 * Self.hour, level: 80, capacity: 50_000), .init(at: Self.day + Self.hour, level: 79, capacity: 50_000),
                .init(at: 2 * Self.day + Self.hour, level: 78, capacity: 50_000),
            ])
        #expect(periods.count == 1)
        #expect(periods.first?.startedAt == 1 * Self.hour)
        #expect(periods.first?.endedAt == 3 * Self.day)
        #expect(periods.first?.startLevel == 80)
        #expect(periods.first?.endLevel == 78)
        #expect(periods.first?.drainPercentPerDay == 1)
        #expect(periods.first?.drainKWhPerDay == 0.5)
    }

    @Test("a charge session in between cuts the time in two: charging is not parking; an open charge runs on")
    func charging() {
        let periods = ParkedPeriods.derive(
            drives: [(0, 1 * Self.hour), (10 * Self.hour, 11 * Self.hour)], charges: [(3 * Self.hour, 6 * Self.hour), (20 * Self.hour, nil)],
            snapshots: [])
        #expect(periods.map(\.startedAt) == [1 * Self.hour, 6 * Self.hour])
        #expect(periods.map(\.endedAt) == [3 * Self.hour, 10 * Self.hour])
        #expect(periods.allSatisfy { $0.drainPercentPerDay == nil }, "no snapshots: no drain")
    }

    @Test("preconditioning is not drain: the hours around a snapshot that says so, and what the level lost in them, are left out")
    func preconditioning() {
        // 80 % → 79 % in a day parked, then the cabin heated: 79 → 75 within the hour around the snapshot that says so,
        // then 75 → 74 in a day. Drain: 2 % over the 2 days without it, 1 % a day (not 6 % over 2 days and an hour).
        let periods = ParkedPeriods.derive(
            drives: [(0, 0), (3 * Self.day, 3 * Self.day)], charges: [],
            snapshots: [
                .init(at: 0, level: 80), .init(at: Self.day, level: 79), .init(at: Self.day + 1800, level: 77, preconditioning: true),
                .init(at: Self.day + Self.hour, level: 75, preconditioning: false), .init(at: 2 * Self.day + Self.hour, level: 74),
            ])
        #expect(periods.first?.startLevel == 80)
        #expect(periods.first?.endLevel == 74)
        #expect(periods.first?.drainPercentPerDay == 1)
    }

    @Test("fewer than two snapshots, or less than an hour between them: levels but no drain")
    func tooShort() {
        let periods = ParkedPeriods.derive(
            drives: [(0, 0), (Self.day, Self.day)], charges: [], snapshots: [.init(at: 100, level: 60), .init(at: 1900, level: 59)])
        #expect(periods.first?.startLevel == 60)
        #expect(periods.first?.endLevel == 59)
        #expect(periods.first?.drainPercentPerDay == nil)
    }

    @Test("in the database: derived from the drives, the sessions and the snapshots; three runs leave the same rows")
    func stored() throws {
        try HistoryStoreTests.withStore { store in
            let base = 1_790_000_000
            func status(_ at: Int, _ odometer: Double, _ level: Int) throws -> JSON {
                try HistoryStoreTests.json(
                    """
                    {"updatedAt": "\(Timestamp.format(base + at))", "odometer": {"mileage": \(odometer)},
                     "energies": [{"type": "Electric", "level": \(level), "extension": {"electric": {"battery": {"load": {"capacity": 40000}},
                      "charging": {"plugged": false, "status": "Disconnected"}}}}]}
                    """)
            }
            // Drive (inferred), two days parked losing 2 %, drive again.
            for (at, odometer, level) in [
                (0, 100.0, 90), (Self.hour, 120.0, 85), (Self.day + Self.hour, 120.0, 84), (2 * Self.day + Self.hour, 120.0, 83),
                (2 * Self.day + 2 * Self.hour, 140.0, 78),
            ] {
                try store.record(status: try status(at, odometer, level), vehicle: "v1", fetchedAt: 0)
            }
            try store.deriveDrives(vehicle: "v1")
            for _ in 0..<3 { #expect(try store.deriveParkedPeriods(vehicle: "v1") == 1) }
            let rows = try store.read { db in try db.rows("SELECT * FROM parkedPeriods") }
            #expect(rows.count == 1)
            #expect(rows.first?.get("startLevel", as: Double.self) == 85)
            #expect(rows.first?.get("endLevel", as: Double.self) == 83)
            #expect(rows.first?.get("drainPercentPerDay", as: Double.self) == 1)
            #expect(rows.first?.get("drainKWhPerDay", as: Double.self) == 0.4)
        }
    }
}
