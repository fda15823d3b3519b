import APIContract
import Foundation
import Testing

@testable import History

/// The drive rules of docs/history.md, each on a crafted history.
@Suite struct DrivesTests {
    static let hour = 3600

    /// A finished trip as the store gives it.
    static func trip(_ id: String, _ start: Int, _ end: Int, distance: Double? = nil) -> Drives.Drive {
        Drives.Drive(
            startedAt: start, endedAt: end, distance: distance, startOdometer: nil, endOdometer: nil, startLevel: nil, endLevel: nil, start: nil,
            end: nil, source: "trip", trip: id)
    }

    @Test("a trip still going covers the snapshots after its start: no drive is inferred there")
    func ongoingTrip() {
        let snapshots: [Drives.Snapshot] = [.init(at: 0, odometer: 100), .init(at: 2 * Self.hour, odometer: 120)]
        #expect(Drives.derive(trips: [], ongoingTripSince: 1 * Self.hour, snapshots: snapshots).isEmpty)
        #expect(Drives.derive(trips: [], snapshots: snapshots).count == 1)
    }

    @Test("an odometer that moved between snapshots with no trip over them: an inferred drive; one a trip covers is not")
    func inferred() {
        let drives = Drives.derive(
            trips: [Self.trip("t1", 1 * Self.hour, 2 * Self.hour, distance: 30)],
            snapshots: [
                .init(at: 0, odometer: 100, level: 80), .init(at: 3 * Self.hour, odometer: 130, level: 70),  // the trip's
                .init(at: 4 * Self.hour, odometer: 130.3, level: 70),  // 300 m: not a drive
                .init(at: 6 * Self.hour, odometer: 142.3, level: 66, position: (48.8, 2.3)),  // 12 km the API never reported
                .init(at: 7 * Self.hour, odometer: nil, level: 66),
            ])
        #expect(drives.map(\.source) == ["trip", "inferred"])
        let inferred = drives.first { $0.source == "inferred" }
        #expect(inferred?.startedAt == 4 * Self.hour)
        #expect(inferred?.endedAt == 6 * Self.hour)
        #expect(inferred.flatMap(\.distance).map { ($0 * 10).rounded() / 10 } == 12)
        #expect(inferred?.startLevel == 70)
        #expect(inferred?.endLevel == 66)
        #expect(inferred?.end?.latitude == 48.8)
    }

    @Test("a snapshot taken while the car drove splits nothing: the inferred drive goes on to the next snapshot")
    func drivenThrough() {
        let drives = Drives.derive(
            trips: [],
            snapshots: [
                .init(at: 0, odometer: 100, moving: false), .init(at: 1 * Self.hour, odometer: 104, moving: true),
                .init(at: 2 * Self.hour, odometer: 110, moving: false), .init(at: 3 * Self.hour, odometer: 115, moving: false),
            ])
        #expect(drives.count == 2, "one drive through the moving snapshot, another after a stop")
        #expect(drives.first?.startedAt == 0)
        #expect(drives.first?.endedAt == 2 * Self.hour)
        #expect(drives.first?.distance == 10)
        #expect(drives.last?.distance == 5)
    }

    @Test("in the database: a late trip replaces the inferred drive it covers; three runs leave no duplicate")
    func stored() throws {
        try HistoryStoreTests.withStore { store in
            func status(_ hours: Int, _ odometer: Double) throws -> JSON {
                try HistoryStoreTests.json(
                    #"{"updatedAt": "\#(Timestamp.format(1_790_000_000 + hours * Self.hour))", "odometer": {"mileage": \#(odometer)}}"#)
            }
            try store.record(status: try status(0, 1000), vehicle: "v1", fetchedAt: 0)
            try store.record(status: try status(3, 1025), vehicle: "v1", fetchedAt: 0)
            #expect(try store.deriveDrives(vehicle: "v1") == 1)
            #expect(try store.read { db in try db.one(String.self, "SELECT source FROM drives") } == "inferred")
            let trip = try HistoryStoreTests.json(
                """
                {"id": "t1", "startedAt": "\(Timestamp.format(1_790_000_000 + 1 * Self.hour))",
                 "stoppedAt": "\(Timestamp.format(1_790_000_000 + 2 * Self.hour))", "distance": 25, "odometer": 1025,
                 "startEnergies": [{"type": "Electric", "level": 90}], "endEnergies": [{"type": "Electric", "level": 84}]}
                """)
            try store.record(trip: trip, vehicle: "v1")
            for _ in 0..<3 { try store.deriveDrives(vehicle: "v1") }
            let rows = try store.read { db in try db.rows("SELECT * FROM drives") }
            #expect(rows.count == 1)
            #expect(rows.first?.get("source", as: String.self) == "trip")
            #expect(rows.first?.get("startLevel", as: Double.self) == 90)
            #expect(rows.first?.get("endLevel", as: Double.self) == 84)
            #expect(rows.first?.get("startOdometer", as: Double.self) == 1000)
            // A trip still going is not a drive yet.
            let going = try HistoryStoreTests.json(#"{"id": "t2", "startedAt": "\#(Timestamp.format(1_790_000_000 + 5 * Self.hour))"}"#)
            try store.record(trip: going, vehicle: "v1")
            #expect(try store.deriveDrives(vehicle: "v1") == 1)
        }
    }

    @Test("in the database: a trip across the edge of the derivation's window still covers its snapshots")
    func windowEdge() throws {
        try HistoryStoreTests.withStore { store in
            let base = 1_790_000_000
            func status(_ minutes: Int, _ odometer: Double, moving: Bool) throws -> JSON {
                try HistoryStoreTests.json(
                    #"{"updatedAt": "\#(Timestamp.format(base + minutes * 60))", "odometer": {"mileage": \#(odometer)}, "kinetic": {"moving": \#(moving)}}"#
                )
            }
            func trip(_ id: String, _ from: Int, _ to: Int, _ odometer: Double) throws -> JSON {
                try HistoryStoreTests.json(
                    #"{"id": "\#(id)", "startedAt": "\#(Timestamp.format(base + from * 60))", "stoppedAt": "\#(Timestamp.format(base + to * 60))", "distance": 12, "odometer": \#(odometer)}"#
                )
            }
            // A trip from 0:36 to 0:51, read once on the way (0:45) and once parked (1:00).
            try store.record(status: try status(45, 1005, moving: true), vehicle: "v1", fetchedAt: 0)
            try store.record(status: try status(60, 1012, moving: false), vehicle: "v1", fetchedAt: 0)
            try store.record(trip: try trip("t1", 36, 51, 1012), vehicle: "v1")
            try store.deriveDrives(vehicle: "v1")
            // Two days and 0:55 later, a trip whose window starts at 0:55: after the first trip ended, before 1:00.
            try store.record(trip: try trip("t2", 2 * 24 * 60 + 55, 2 * 24 * 60 + 70, 1024), vehicle: "v1")
            for _ in 0..<3 { try store.deriveDrives(vehicle: "v1") }
            let sources = try store.read { db in try db.all(String.self, "SELECT source FROM drives ORDER BY startedAt") }
            #expect(sources == ["trip", "trip"], "no inferred drive between 0:45 and 1:00, which the first trip covers")
        }
    }
}
