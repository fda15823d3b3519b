import APIContract
import Foundation
import Testing

@testable import History

/// The history database on disk: made private, in WAL mode, migrated; each API document kept once.
@Suite struct HistoryStoreTests {
    /// A fresh directory for one test's database.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func json(_ text: String) throws -> JSON { try JSONParser.parse(Array(text.utf8)) }

    /// Runs `body` with a new database in a new directory, removed afterwards.
    static func withStore(_ body: (HistoryStore) throws -> Void) throws {
        let root = try directory()
        defer { try? FileManager.default.removeItem(at: root) }
        try body(try HistoryStore(path: root.appendingPathComponent("lab.sqlite").path))
    }

    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test("opening makes a private file in a private directory, in WAL mode, with every table")
    func opening() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("data/ccsh/lab.sqlite").path
        let store = try HistoryStore(path: path)
        #expect(try Self.mode(path) == 0o600)
        #expect(try Self.mode((path as NSString).deletingLastPathComponent) == 0o700)
        #expect(try store.read { db in try db.one(String.self, "PRAGMA journal_mode") } == "wal")
        let tables = try store.read { db in try db.all(String.self, "SELECT name FROM sqlite_master WHERE type = 'table'") }
        for table in [
            "vehicles", "statusSnapshots", "positions", "trips", "alerts", "alarms", "remoteActions", "notifications",
            "chargeSessions", "drives", "parkedPeriods", "energyDays",
        ] {
            #expect(tables.contains(table), "\(table)")
        }
        // Opening again migrates nothing and keeps what is there.
        try store.record(vehicle: try Self.json(#"{"id": "v1", "vin": "VR3"}"#), at: 100)
        let again = try HistoryStore(path: path)
        #expect(try again.read { db in try db.one(Int.self, "SELECT count(*) FROM vehicles") } == 1)
    }

    @Test("a database a newer ccsh migrated further is refused, and says so")
    func newerDatabase() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("lab.sqlite").path
        let store = try HistoryStore(path: path)
        try store.write { db in try db.execute("INSERT INTO schemaMigrations (name) VALUES ('v99: from the future')") }
        #expect(throws: HistoryError(path: path, message: "it was written by a newer ccsh (v99: from the future); update ccsh to read it")) {
            _ = try HistoryStore(path: path)
        }
    }

    @Test("read-only: a missing file is an error, not a new database; a write is refused")
    func readOnly() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("lab.sqlite").path
        #expect(throws: HistoryError.self) { _ = try HistoryStore(path: path, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: path))
        _ = try HistoryStore(path: path)
        let reader = try HistoryStore(path: path, readOnly: true)
        #expect(throws: HistoryError.self) { try reader.write { db in try db.execute("DELETE FROM trips") } }
    }

    @Test("a status document is kept once per time the car reported it, with its position")
    func statusOnce() throws {
        try Self.withStore { store in
            let first = try Self.json(
                #"{"updatedAt": "2026-11-03T08:00:00Z", "energies": [{"type": "Electric", "level": 80}],"#
                    + #" "lastPosition": {"geometry": {"coordinates": [2.35, 48.85, 35]}, "properties": {"createdAt": "2026-11-03T07:59:00Z"}}}"#)
            #expect(try store.record(status: first, vehicle: "v1", fetchedAt: 1000) == .added)
            #expect(try store.record(status: first, vehicle: "v1", fetchedAt: 2000) == .unchanged)
            let later = try Self.json(#"{"updatedAt": "2026-11-03T09:00:00Z", "energies": [{"type": "Electric", "level": 70}]}"#)
            #expect(try store.record(status: later, vehicle: "v1", fetchedAt: 3000) == .added)
            // Another car's document at the same time is its own row.
            #expect(try store.record(status: first, vehicle: "v2", fetchedAt: 1000) == .added)
            let levels = try store.read { db in
                try db.all(
                    Double.self,
                    "SELECT electricLevel FROM statusSnapshots WHERE vehicle = (SELECT key FROM vehicles WHERE id = 'v1') ORDER BY reportedAt")
            }
            #expect(levels == [80, 70])
            let positions = try store.read { db in try db.rows("SELECT * FROM positions WHERE vehicle = (SELECT key FROM vehicles WHERE id = 'v1')") }
            #expect(positions.count == 1)
            #expect(positions.first?.get("at", as: Int.self) == Timestamp.parse("2026-11-03T07:59:00Z"))
            #expect(positions.first?.get("latitude", as: Double.self) == 48.85)
            // Without any time, a document repeating the latest one is not kept again.
            let timeless = try Self.json(#"{"energies": [{"type": "Electric", "level": 60}]}"#)
            #expect(try store.record(status: timeless, vehicle: "v3", fetchedAt: 5000) == .added)
            #expect(try store.record(status: timeless, vehicle: "v3", fetchedAt: 5300) == .unchanged)
        }
    }

    @Test("trips and alerts are kept by id; read again with other fields they are updated, not duplicated")
    func tripsAndAlerts() throws {
        try Self.withStore { store in
            let trip = try Self.json(#"{"id": "t1", "startedAt": "2026-11-03T08:00:00Z", "distance": 12.5, "odometer": 1012.5}"#)
            #expect(try store.record(trip: trip, vehicle: "v1") == .added)
            #expect(try store.record(trip: trip, vehicle: "v1") == .unchanged)
            let late = try Self.json(
                #"{"id": "t1", "startedAt": "2026-11-03T08:00:00Z", "stoppedAt": "2026-11-03T08:20:00Z", "distance": 12.5, "odometer": 1012.5}"#)
            #expect(try store.record(trip: late, vehicle: "v1") == .updated)
            let row = try #require(try store.read { db in try db.rows("SELECT * FROM trips").first })
            #expect(row.get("stoppedAt", as: Int.self) == Timestamp.parse("2026-11-03T08:20:00Z"))
            #expect(row.get("startOdometer", as: Double.self) == 1000.0)
            #expect(try store.read { db in try db.one(Int.self, "SELECT count(*) FROM trips") } == 1)

            let alert = try Self.json(#"{"id": "a1", "type": "LowFuel", "active": true, "startedAt": "2026-11-03T08:00:00Z"}"#)
            #expect(try store.record(alert: alert, vehicle: "v1") == .added)
            let ended = try Self.json(
                #"{"id": "a1", "type": "LowFuel", "active": false, "startedAt": "2026-11-03T08:00:00Z", "endedAt": "2026-11-03T10:00:00Z"}"#)
            #expect(try store.record(alert: ended, vehicle: "v1") == .updated)
            let alertRow = try #require(try store.read { db in try db.rows("SELECT * FROM alerts").first })
            #expect(alertRow.get("active", as: Bool.self) == false)
            #expect(alertRow.get("endedAt", as: Int.self) == Timestamp.parse("2026-11-03T10:00:00Z"))
        }
    }

    @Test("trips and alerts are due when never read, 6 hours after, or parked with an odometer that moved since")
    func syncDue() throws {
        try Self.withStore { store in
            #expect(try store.syncDue(vehicle: "v1", now: 1000, odometer: 500, moving: false), "never read")
            try store.noteSync(vehicle: "v1", now: 1000, odometer: 500)
            #expect(try !store.syncDue(vehicle: "v1", now: 1600, odometer: 500, moving: false), "nothing happened")
            #expect(try !store.syncDue(vehicle: "v1", now: 1600, odometer: 512, moving: true), "still driving: the trip is not there yet")
            #expect(try store.syncDue(vehicle: "v1", now: 2200, odometer: 512, moving: false), "parked after a drive")
            #expect(try store.syncDue(vehicle: "v1", now: 1000 + 6 * 3600, odometer: 500, moving: false), "6 hours on")
            try store.noteSync(vehicle: "v1", now: 2200, odometer: 512)
            #expect(try !store.syncDue(vehicle: "v1", now: 2800, odometer: 512, moving: false))
            #expect(try store.syncDue(vehicle: "v2", now: 2800, odometer: nil, moving: nil), "another car, never read")
        }
    }

    @Test("a sync cut short is read again from where the last whole sync stood, not from the newest item it kept")
    func watermark() throws {
        try Self.withStore { store in
            let trip = try Self.json(#"{"id": "t9", "startedAt": "2026-11-20T08:00:00Z", "stoppedAt": "2026-11-20T09:00:00Z"}"#)
            try store.record(trip: trip, vehicle: "v1")
            #expect(try store.syncStart(.trips, vehicle: "v1", overlap: 3600) == nil, "cut short before the end: read everything again")
            try store.noteSyncedWhole(.trips, vehicle: "v1")
            #expect(try store.syncStart(.trips, vehicle: "v1", overlap: 3600) == Timestamp.parse("2026-11-20T07:00:00Z"))
            #expect(try store.syncStart(.alerts, vehicle: "v1", overlap: 3600) == nil, "alerts have their own")
            try store.noteSync(vehicle: "v1", now: 1000, odometer: 5)
            #expect(try store.syncStart(.trips, vehicle: "v1", overlap: 3600) == Timestamp.parse("2026-11-20T07:00:00Z"), "kept")
        }
    }

    @Test("a snapshot keeps its document only when it says more than its columns and the last kept document")
    func documentsWhenNew() throws {
        try Self.withStore { store in
            func status(_ time: String, level: Int, doors: String) throws -> JSON {
                try Self.json(
                    #"{"updatedAt": "\#(time)", "energies": [{"type": "Electric", "level": \#(level), "createdAt": "\#(time)"}], "#
                        + #""odometer": {"mileage": \#(level * 10)}, "doorsState": {"lockedStates": ["\#(doors)"]}, "tyre": {"bar": 2.0}}"#)
            }
            try store.record(status: try status("2026-11-02T08:00:00Z", level: 80, doors: "Locked"), vehicle: "v1", fetchedAt: 0)
            try store.record(status: try status("2026-11-02T08:05:00Z", level: 78, doors: "Locked"), vehicle: "v1", fetchedAt: 0)
            try store.record(status: try status("2026-11-02T08:10:00Z", level: 76, doors: "Unlocked"), vehicle: "v1", fetchedAt: 0)
            let rows = try store.read { db in try db.rows("SELECT electricLevel, odometer, document IS NOT NULL AS kept FROM statusSnapshots") }
            #expect(rows.map { $0.get("electricLevel", as: Double.self) } == [80, 78, 76], "every snapshot's columns")
            #expect(rows.map { $0.get("odometer", as: Double.self) } == [800, 780, 760])
            #expect(rows.map { $0.get("kept", as: Int.self) } == [1, 0, 1], "the second says no more than its columns; the doors changed")
        }
    }

    /// A database at `path` made by a ccsh that knew the first `migrations` only.
    static func oldDatabase(_ path: String, migrations: Int) throws -> SQLiteConnection {
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]))
        let old = try SQLiteConnection(path: path, readOnly: false)
        try old.execute("CREATE TABLE schemaMigrations (name TEXT PRIMARY KEY NOT NULL)")
        for migration in HistorySchema.migrations.prefix(migrations) {
            for statement in migration.statements { try old.execute(statement) }
            try old.execute("INSERT INTO schemaMigrations (name) VALUES (?)", [migration.name])
        }
        return old
    }

    @Test("a database of the migrations before v4 keeps its snapshots, documents and all, and takes snapshots without")
    func migratedToV4() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("old.sqlite").path
        let old = try Self.oldDatabase(path, migrations: 3)
        try old.execute("INSERT INTO statusSnapshots (vehicle, reportedAt, fetchedAt, electricLevel, document) VALUES ('v1', 1, 1, 50, '{}')")
        let store = try HistoryStore(path: path)
        #expect(try store.read { db in try db.one(String.self, "SELECT document FROM statusSnapshots WHERE reportedAt = 1") } == "{}")
        try store.write { db in
            try db.execute("INSERT INTO statusSnapshots (vehicle, reportedAt, fetchedAt) VALUES ((SELECT key FROM vehicles WHERE id = 'v1'), 2, 2)")
        }
        #expect(try store.read { db in try db.one(Int.self, "SELECT count(*) FROM statusSnapshots WHERE document IS NULL") } == 1)
    }

    @Test("a database of the migrations before v5 names its vehicles by a number, every row kept and still theirs")
    func migratedToV5() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("old.sqlite").path
        let old = try Self.oldDatabase(path, migrations: 5)
        // A listed car with a snapshot and a trip; another only ever named by its snapshots and its sync.
        try old.execute("INSERT INTO vehicles (id, vin, label, firstSeenAt, lastSeenAt, document) VALUES ('listed', 'VR3', 'e-208', 5, 9, '{}')")
        for (vehicle, at, level) in [("listed", 10, 50.0), ("listed", 20, 60.0), ("unlisted", 10, 70.0)] {
            try old.execute(
                "INSERT INTO statusSnapshots (vehicle, reportedAt, fetchedAt, electricLevel) VALUES (?, ?, ?, ?)", [vehicle, at, at, level])
            try old.execute("INSERT INTO positions (vehicle, at, latitude, longitude) VALUES (?, ?, 48.8, 2.3)", [vehicle, at])
        }
        try old.execute("INSERT INTO trips (id, vehicle, startedAt, document) VALUES ('t1', 'listed', 10, '{}')")
        try old.execute("INSERT INTO syncs (vehicle, syncedAt, tripsThrough) VALUES ('unlisted', 30, 10)")
        let store = try HistoryStore(path: path)
        let vehicles = try store.read { db in try db.rows("SELECT key, id, vin, firstSeenAt FROM vehicles ORDER BY key") }
        #expect(vehicles.map { $0.get("id", as: String.self) } == ["listed", "unlisted"])
        #expect(vehicles.first?.get("vin", as: String.self) == "VR3")
        #expect(vehicles.first?.get("firstSeenAt", as: Int.self) == 5)
        let keys = vehicles.compactMap { $0.get("key", as: Int.self) }
        #expect(
            try store.read { db in try db.all(Int.self, "SELECT vehicle FROM statusSnapshots ORDER BY vehicle, reportedAt") }
                == [keys[0], keys[0], keys[1]])
        #expect(try store.read { db in try db.all(String.self, "SELECT DISTINCT typeof(vehicle) FROM positions") } == ["integer"])
        #expect(try store.read { db in try db.one(Int.self, "SELECT vehicle FROM trips") } == keys[0])
        #expect(try store.syncStart(.trips, vehicle: "unlisted", overlap: 0) == 10)
        // And the store goes on by the API's ids.
        let later = try Self.json(#"{"updatedAt": "2026-11-03T09:00:00Z", "energies": [{"type": "Electric", "level": 40}]}"#)
        #expect(try store.record(status: later, vehicle: "listed", fetchedAt: 30) == .added)
        #expect(
            try store.read { db in
                try db.all(Double.self, "SELECT electricLevel FROM statusSnapshots WHERE vehicle = ? ORDER BY reportedAt", [keys[0]])
            }
                == [50, 60, 40])
    }

    @Test("the default path follows XDG_DATA_HOME, else ~/.local/share")
    func defaultPath() {
        #expect(HistoryStore.defaultPath(profile: "lab", environment: ["HOME": "/home/a"]) == "/home/a/.local/share/ccsh/lab.sqlite")
        #expect(
            HistoryStore.defaultPath(profile: "lab", environment: ["HOME": "/home/a", "XDG_DATA_HOME": "/data"]) == "/data/ccsh/lab.sqlite")
        // A relative XDG_DATA_HOME is ignored, as the XDG specification says.
        #expect(
            HistoryStore.defaultPath(profile: "lab", environment: ["HOME": "/home/a", "XDG_DATA_HOME": "data"])
                == "/home/a/.local/share/ccsh/lab.sqlite")
    }
}
