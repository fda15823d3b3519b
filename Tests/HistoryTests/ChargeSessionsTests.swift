import APIContract
import Foundation
import Testing

@testable import History

/// The charge-session rules of docs/history.md, each on a crafted history.
@Suite struct ChargeSessionsTests {
    typealias Snapshot = ChargeSessions.Snapshot
    static let hour = 3600

    /// A snapshot `hours` after the start of the history.
    static func at(_ hours: Double, _ level: Double?, _ status: String?, plugged: Bool? = true, mode: String? = "Slow", capacity: Double? = 50_000)
        -> Snapshot
    {
        Snapshot(
            at: Int(hours * Double(hour)), level: level, plugged: plugged, status: status, mode: mode, capacity: capacity, latitude: 48.85,
            longitude: 2.35)
    }

    @Test("parked, plugged in, charging, finished: one session from the first InProgress to the first snapshot after")
    func plain() {
        let sessions = ChargeSessions.derive([
            Self.at(0, 40, "Disconnected", plugged: false, mode: "No"), Self.at(1, 40, "InProgress"), Self.at(2, 60, "InProgress"),
            Self.at(3, 80, "InProgress"), Self.at(4, 80, "Finished", mode: "No"), Self.at(5, 80, "Finished", mode: "No"),
        ])
        #expect(
            sessions == [
                .init(
                    startedAt: 1 * Self.hour, endedAt: 4 * Self.hour, startLevel: 40, endLevel: 80, energyAdded: 20, capacity: 50,
                    averagePower: 20.0 / 3,
                    latitude: 48.85, longitude: 2.35, speed: "slow")
            ])
    }

    @Test("stopped and started again: two sessions; unplugged while the status still says InProgress ends one")
    func interrupted() {
        let sessions = ChargeSessions.derive([
            Self.at(0, 20, "InProgress"), Self.at(1, 30, "Stopped"), Self.at(2, 30, "InProgress"), Self.at(3, 45, "InProgress"),
            Self.at(4, 45, "InProgress", plugged: false),
        ])
        #expect(sessions.map(\.startedAt) == [0, 2 * Self.hour])
        #expect(sessions.map(\.endedAt) == [1 * Self.hour, 4 * Self.hour])
        #expect(sessions.map(\.startLevel) == [20, 30])
        #expect(sessions.map(\.endLevel) == [30, 45])
        #expect(sessions.map(\.energyAdded) == [5, 7.5])
    }

    @Test("still charging at the last snapshot: an open session, its end level the latest")
    func open() {
        let sessions = ChargeSessions.derive([
            Self.at(0, 10, "Disconnected", plugged: false), Self.at(1, 10, "InProgress"), Self.at(2, 35, "InProgress"),
        ])
        #expect(sessions.count == 1)
        #expect(sessions.first?.endedAt == nil)
        #expect(sessions.first?.endLevel == 35)
        #expect(sessions.first?.averagePower == nil)
    }

    @Test("no capacity known: no energy, no power; a Quick mode makes it fast")
    func unknownCapacityAndFast() {
        let sessions = ChargeSessions.derive([
            Self.at(0, 10, "InProgress", mode: "Quick", capacity: nil), Self.at(1, 70, "Finished", mode: "No", capacity: nil),
        ])
        #expect(sessions.first?.energyAdded == nil)
        #expect(sessions.first?.averagePower == nil)
        #expect(sessions.first?.speed == "fast")
    }

    @Test("energy from the battery's residual when both ends give it: the levels are whole per cents, the residual is not")
    func residual() {
        var start = Self.at(1, 40, "InProgress")
        start.residual = 20_240
        var end = Self.at(3, 80, "Finished", mode: "No")
        end.residual = 39_870
        let sessions = ChargeSessions.derive([start, Self.at(2, 60, "InProgress"), end])
        #expect(sessions.count == 1)
        #expect(sessions.first?.energyAdded.map { ($0 * 1000).rounded() / 1000 } == 19.63, "39 870 − 20 240 Wh, not 40 % of 50 kWh")
        // Without the residual at both ends, the levels and the capacity.
        let levels = ChargeSessions.derive([start, Self.at(3, 80, "Finished", mode: "No")])
        #expect(levels.first?.energyAdded == 20)
    }

    @Test("in the database: derived as snapshots come, an open session taken up again; three runs leave no duplicate")
    func stored() throws {
        try HistoryStoreTests.withStore { store in
            func status(_ hours: Int, _ level: Int, _ charging: String) throws -> JSON {
                try HistoryStoreTests.json(
                    """
                    {"updatedAt": "\(Timestamp.format(1_790_000_000 + hours * Self.hour))", "energies": [{"type": "Electric", "level": \(level),
                     "extension": {"electric": {"battery": {"load": {"capacity": 40000}},
                     "charging": {"plugged": \(charging != "Disconnected"), "status": "\(charging)", "chargingMode": "Slow"}}}}]}
                    """)
            }
            for (hours, level, charging) in [(0, 30, "Disconnected"), (1, 30, "InProgress"), (2, 50, "InProgress")] {
                try store.record(status: try status(hours, level, charging), vehicle: "v1", fetchedAt: 0)
            }
            #expect(try store.deriveChargeSessions(vehicle: "v1") == 1)
            #expect(try store.read { db in try db.one(Int.self, "SELECT count(*) FROM chargeSessions WHERE endedAt IS NULL") } == 1)
            for (hours, level, charging) in [(3, 70, "InProgress"), (4, 75, "Finished")] {
                try store.record(status: try status(hours, level, charging), vehicle: "v1", fetchedAt: 0)
            }
            for _ in 0..<3 { try store.deriveChargeSessions(vehicle: "v1") }
            let rows = try store.read { db in try db.rows("SELECT * FROM chargeSessions") }
            #expect(rows.count == 1)
            #expect(rows.first?.get("startLevel", as: Double.self) == 30)
            #expect(rows.first?.get("endLevel", as: Double.self) == 75)
            #expect(rows.first?.get("energyAdded", as: Double.self) == 18)
            #expect(rows.first?.get("endedAt", as: Int.self) == 1_790_000_000 + 4 * Self.hour)
        }
    }
}
