import APIContract
import Foundation
import Testing

@testable import History

/// Energy per day (docs/history.md, "Energy per day"): charges and drives split between the days they span, in
/// proportion to their time; what is not known stays unknown.
@Suite struct EnergyDaysTests {
    /// 2026-11-03T00:00:00Z.
    static let day = 1_793_664_000

    @Test("a charge from 22:00 to 02:00 is half on each day; a drive in one day is wholly in it")
    func split() {
        let days = EnergyDays.derive(
            charges: [.init(startedAt: Self.day + 22 * 3600, endedAt: Self.day + 26 * 3600, energy: 20)],
            drives: [.init(startedAt: Self.day + 8 * 3600, endedAt: Self.day + 9 * 3600, energy: 3, distance: 20)], from: Self.day)
        #expect(days.map(\.day) == ["2026-11-03", "2026-11-04"])
        #expect(days.map(\.charged) == [10, 10])
        #expect(days.map(\.driven) == [3, nil])
        #expect(days.map(\.distance) == [20, nil])
    }

    @Test("a drive across midnight splits its energy and distance by time; one of no time is all on its day")
    func acrossMidnight() {
        let days = EnergyDays.derive(
            charges: [.init(startedAt: Self.day + 5 * 3600, endedAt: Self.day + 5 * 3600, energy: 1)],
            drives: [.init(startedAt: Self.day - 900, endedAt: Self.day + 2700, energy: 4, distance: 40)], from: Self.day - 86_400)
        #expect(days.map(\.day) == ["2026-11-02", "2026-11-03"])
        #expect(days.map(\.driven) == [1, 3])
        #expect(days.map(\.distance) == [10, 30])
        #expect(days.map(\.charged) == [nil, 1])
    }

    @Test("in a zone: Paris's midnight splits a night charge; the day summer time ends has 25 hours")
    func zone() throws {
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        // 22:00Z–02:00Z on 3 November is 23:00–03:00 in Paris: one hour on the 3rd, three on the 4th.
        let night = EnergyDays.derive(
            charges: [.init(startedAt: Self.day + 22 * 3600, endedAt: Self.day + 26 * 3600, energy: 20)], drives: [], from: Self.day, zone: paris)
        #expect(night.map(\.day) == ["2026-11-03", "2026-11-04"])
        #expect(night.map(\.charged) == [5, 15])
        // From Paris's midnight of 25 October (22:00Z the day before) to its midnight of 27 October: 25 + 24 hours.
        let start = try #require(Timestamp.parse("2026-10-24T22:00:00Z"))
        let end = try #require(Timestamp.parse("2026-10-26T23:00:00Z"))
        let days = EnergyDays.derive(
            charges: [], drives: [.init(startedAt: start, endedAt: end, energy: 49, distance: 98)], from: start, zone: paris)
        #expect(days.map(\.day) == ["2026-10-25", "2026-10-26"])
        #expect(days.map(\.driven) == [25, 24])
        #expect(days.map(\.distance) == [50, 48])
    }

    @Test("unknown energy stays unknown, not 0; days before `from` are not written")
    func unknowns() {
        let days = EnergyDays.derive(
            charges: [.init(startedAt: Self.day - 3600, endedAt: Self.day + 3600, energy: nil)],
            drives: [.init(startedAt: Self.day + 3600, endedAt: Self.day + 7200, energy: nil, distance: 12)], from: Self.day)
        #expect(days.count == 1)
        #expect(days.first?.charged == nil)
        #expect(days.first?.driven == nil)
        #expect(days.first?.distance == 12)
    }

    @Test("in the database: from the sessions and drives; three runs leave the same rows")
    func stored() throws {
        try HistoryStoreTests.withStore { store in
            func status(_ at: Int, _ odometer: Double, _ level: Int, charging: Bool) throws -> JSON {
                try HistoryStoreTests.json(
                    """
                    {"updatedAt": "\(Timestamp.format(Self.day + at))", "odometer": {"mileage": \(odometer)},
                     "energies": [{"type": "Electric", "level": \(level), "extension": {"electric": {"battery": {"load": {"capacity": 50000}},
                      "charging": {"plugged": \(charging), "status": "\(charging ? "InProgress" : "Disconnected")"}}}}]}
                    """)
            }
            // A drive (inferred: 20 km, 10 % of 50 kWh), then a charge 23:00–01:00 adding 20 %.
            for (at, odometer, level, charging) in [
                (8 * 3600, 100.0, 80, false), (9 * 3600, 120.0, 70, false), (23 * 3600, 120.0, 70, true), (25 * 3600, 120.0, 90, false),
            ] {
                try store.record(status: try status(at, odometer, level, charging: charging), vehicle: "v1", fetchedAt: 0)
            }
            try store.deriveChargeSessions(vehicle: "v1")
            try store.deriveDrives(vehicle: "v1")
            for _ in 0..<3 { #expect(try store.deriveEnergyDays(vehicle: "v1") == 2) }
            let rows = try store.read { db in try db.rows("SELECT * FROM energyDays ORDER BY day") }
            #expect(rows.map { $0.get("day", as: String.self) } == ["2026-11-03", "2026-11-04"])
            #expect(rows.map { $0.get("charged", as: Double.self) } == [5, 5])
            #expect(rows.map { $0.get("driven", as: Double.self) } == [5, nil])
            #expect(rows.map { $0.get("distance", as: Double.self) } == [20, nil])
        }
    }
}
