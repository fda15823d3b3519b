import APIContract
import Foundation
import History
import Testing

/// `history import psacc` (docs/history.md, "Import and export"): a psa_car_controller database, made here from its
/// schema (`psa_car_controller/psacc/repository/db.py` in flobz/psa_car_controller: its tables as it creates them,
/// with the columns it adds later), imported twice into a sandbox profile's history, counts once; `history export`
/// writes each table back as CSV.
@Suite(.sandbox("--vehicles", "2")) struct PsaccImportTests {
    /// psa_car_controller's tables, as `Database.init_db` leaves them.
    static let schema = [
        """
        CREATE TABLE position (Timestamp DATETIME PRIMARY KEY, VIN TEXT, longitude REAL, latitude REAL, mileage REAL, level INTEGER,
            level_fuel INTEGER, moving BOOLEAN, temperature INTEGER, altitude INTEGER)
        """,
        "CREATE TABLE battery (start_at DATETIME PRIMARY KEY, stop_at DATETIME, VIN TEXT, start_level INTEGER, end_level INTEGER, co2 INTEGER, kw INTEGER, price INTEGER, charging_mode TEXT)",
        "CREATE TABLE battery_curve (start_at DATETIME, VIN TEXT, date DATETIME, level INTEGER, rate INTEGER, autonomy INTEGER, UNIQUE(start_at, VIN, level))",
    ]

    static let start = Timestamp.epoch(year: 2026, month: 11, day: 2)
    static let unknownVIN = "VR3UNKNOWN0000001"

    /// psa_car_controller's way of writing a time: `2026-11-02 07:30:00+00:00`.
    static func text(_ time: Int) -> String {
        Timestamp.format(time).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "+00:00")
    }

    /// A psa_car_controller database at `path`: two days of `vin` (a position every 10 minutes; a 15 km drive to work
    /// at 07:30 and back at 17:00; a charge from 21:00 to 23:00 each evening, with its curve), and a few positions of a
    /// car not on the account. Returns how many positions it holds.
    @discardableResult
    static func fixture(at path: String, vin: String) throws -> Int {
        let db = try SQLiteConnection(path: path, readOnly: false)
        for statement in schema { try db.execute(statement) }
        var mileage = 10_000.0
        var level = 80.0
        var positions = 0
        for step in 0..<(2 * 144) {
            let at = start + step * 600
            let minute = (at % 86_400) / 60
            let driving = (450..<480).contains(minute) || (1020..<1050).contains(minute)
            let charging = (1260..<1380).contains(minute)
            if driving {
                mileage += 5
                level -= 2
            }
            if charging { level = min(100, level + 2) }
            let away = minute >= 480 && minute < 1050
            try db.execute(
                "INSERT INTO position VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 9, 35)",
                [text(at), vin, away ? 2.55 : 2.35, 48.85, mileage, level, driving ? 1 : 0])
            positions += 1
        }
        for day in 0..<2 {
            let charge = start + day * 86_400 + 21 * 3600
            try db.execute(
                "INSERT INTO battery VALUES (?, ?, ?, 68, 92, 0, 12, 3, 'Slow')", [text(charge), text(charge + 7200), vin])
            for point in 0...4 {
                try db.execute(
                    "INSERT INTO battery_curve VALUES (?, ?, ?, ?, 20, 300)", [text(charge), vin, text(charge + point * 1800 + 300), 68 + point * 6])
            }
        }
        for step in 0..<3 {
            try db.execute(
                "INSERT INTO position VALUES (?, ?, 4.83, 45.76, 5000, 50, 40, 0, 12, 170)", [text(start + 7 * 86_400 + step * 600), unknownVIN])
            positions += 1
        }
        return positions
    }

    @Test("a psa_car_controller database imported twice counts once; its charges stay through record; export writes each table")
    func importTwice() throws {
        let shell = try APIShell()
        let database = shell.shell.directory.appendingPathComponent("history.sqlite").path
        let vin = try #require(try shell.run("vehicles | first | get vin").stringValue)
        let positions = try Self.fixture(at: shell.shell.directory.appendingPathComponent("info.db").path, vin: vin)
        _ = try shell.run("record --once --db \(database)")

        let first = try #require(try shell.run("history import psacc info.db --db \(database)").recordValue)
        #expect(first["positions"] == .int(positions) && first["positionsKnown"] == .int(0), "\(first)")
        #expect(first["charges"] == .int(2) && first["chargesKnown"] == .int(0) && first["curvePoints"] != .int(0), "\(first)")
        let id = try #require(try shell.run("vehicles | first | get id").stringValue)
        let vehicles = try #require(first["vehicles"]?.recordValue)
        #expect(vehicles[vin] == .string(id) && vehicles[Self.unknownVIN] == .string("psacc:" + Self.unknownVIN), "\(vehicles)")
        #expect((first["drives"]?.number ?? 0) >= 4, "two days of commutes, derived from the imported odometers: \(first)")
        let counts = try Self.counts(database)

        let again = try #require(try shell.run("history import psacc info.db --db \(database)").recordValue)
        #expect(again["positions"] == .int(0) && again["positionsKnown"] == .int(positions) && again["charges"] == .int(0), "\(again)")
        #expect(again["chargesKnown"] == .int(2) && again["curvePoints"] == .int(0), "\(again)")
        #expect(try Self.counts(database) == counts, "importing again changes nothing")

        // The charges are the car's: with their energy, in `charges`, and a record pass derives none over them.
        #expect(try shell.run("charges 0 --db \(database) --until 2026-11-05 | get energyAdded") == [12.0, 12.0])
        let drives = try shell.run(
            "drives 0 --db \(database) --since 2026-11-02 --until 2026-11-04 | select startedAt distance source | to json --compact")
        #expect(try shell.run("drives 0 --db \(database) --since 2026-11-02 --until 2026-11-04 | get distance | sum") == 60.0, "\(drives)")
        _ = try shell.run("record --once --db \(database)")
        #expect(try shell.run("charges 0 --db \(database) --until 2026-11-05 | count") == 2)

        // Every table as CSV: its rows and a header.
        let exported = try shell.run("history export out --db \(database)")
        let files = exported.listItems ?? []
        let tables = try HistoryStore(path: database, readOnly: true).read { db in
            try db.one(Int.self, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        }
        #expect(files.count == tables, "every table: \(files.compactMap { $0.recordValue?["table"]?.text })")
        let snapshots = try #require(files.compactMap(\.recordValue).first { $0["table"] == .string("statusSnapshots") })
        let csv = try String(contentsOfFile: snapshots["file"]?.text ?? "", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == (snapshots["rows"]?.number).map { Int($0) + 1 })
        #expect(csv.hasPrefix("vehicle,reportedAt,fetchedAt,electricLevel"))
    }

    /// Rows of the tables an import writes or derives.
    static func counts(_ database: String) throws -> [Int] {
        try HistoryStore(path: database, readOnly: true).read { db in
            try ["statusSnapshots", "positions", "chargeSessions", "drives", "parkedPeriods", "energyDays", "vehicles"].map {
                try db.one(Int.self, "SELECT count(*) FROM \($0)") ?? -1
            }
        }
    }
}
