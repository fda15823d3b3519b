import APIContract
import Foundation

/// What writing one API document did to the history.
package enum RecordOutcome: Equatable, Sendable {
    /// A row that was not there.
    case added
    /// A row that was there, with a different document (a trip's late fields, an alert that ended).
    case updated
    /// The same document again: nothing written.
    case unchanged
}

extension HistoryStore {
    /// Keeps a vehicle of the `vehicles` list (`id`, `vin`, `brand`, `label`), seen at `at`.
    @discardableResult
    package func record(vehicle document: JSON, at: Int) throws(HistoryError) -> RecordOutcome {
        guard let id = document["id"]?.string else { return .unchanged }
        let text = document.text
        return try write { db in
            let known = try db.one(String.self, "SELECT document FROM vehicles WHERE id = ?", [id])
            try db.execute(
                """
                INSERT INTO vehicles (id, vin, brand, label, firstSeenAt, lastSeenAt, document) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET vin = excluded.vin, brand = excluded.brand, label = excluded.label,
                    lastSeenAt = excluded.lastSeenAt, document = excluded.document
                """,
                [id, document["vin"]?.string, document["brand"]?.string, document["label"]?.string, at, at, text])
            return known == nil ? .added : known == text ? .unchanged : .updated
        }
    }

    /// Keeps a status document of `vehicle` read at `fetchedAt`, once per time the car reported (``StatusReading``),
    /// with its position. Its columns are always kept; the document itself only when it says more than they do and
    /// than the vehicle's last document kept before it (``StatusMask``). A document without any time is kept whole unless it
    /// repeats the last kept one.
    @discardableResult
    package func record(status document: JSON, vehicle: String, fetchedAt: Int) throws(HistoryError) -> RecordOutcome {
        try write { db in try Self.insert(status: document, vehicle: Self.key(making: vehicle, at: fetchedAt, db), fetchedAt: fetchedAt, db) }
    }

    /// ``record(status:vehicle:fetchedAt:)`` in the transaction of `db`, the vehicle by its key.
    static func insert(status document: JSON, vehicle key: Int, fetchedAt: Int, _ db: SQLiteConnection) throws -> RecordOutcome {
        let reading = StatusReading(document)
        let text = document.text
        // The last document kept before this one's time (a snapshot read late is compared with what came before it).
        let latest = try db.one(
            String.self,
            "SELECT document FROM statusSnapshots WHERE vehicle = ? AND reportedAt <= ? AND document IS NOT NULL ORDER BY reportedAt DESC LIMIT 1",
            [key, reading.reportedAt ?? Int.max])
        if reading.reportedAt == nil, latest == text { return .unchanged }
        // Both as their text reads back: a number kept as 15.0 may read back as 15.
        func masked(_ text: String) -> JSON? { (try? JSONParser.parse(Array(text.utf8))).map(StatusMask.masked) }
        let saysNothingMore = reading.reportedAt != nil && latest != nil && latest.flatMap(masked) == masked(text)
        try db.execute(
            """
            INSERT OR IGNORE INTO statusSnapshots (vehicle, reportedAt, fetchedAt, electricLevel, electricRange,
                batteryCapacity, batteryResidual, fuelLevel, fuelRange, odometer, plugged, chargingStatus, chargingMode,
                chargingRate, moving, speed, ignition, latitude, longitude, outsideTemperature, preconditioning, document)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                key, reading.reportedAt ?? fetchedAt, fetchedAt, reading.electricLevel, reading.electricRange,
                reading.batteryCapacity, reading.batteryResidual, reading.fuelLevel, reading.fuelRange, reading.odometer,
                reading.plugged, reading.chargingStatus, reading.chargingMode, reading.chargingRate, reading.moving,
                reading.speed, reading.ignition, reading.position?.latitude, reading.position?.longitude,
                reading.outsideTemperature, reading.preconditioning, saysNothingMore ? nil : text,
            ])
        let added = db.changes > 0
        if let position = reading.position { try insert(position, vehicle: key, fallback: reading.reportedAt ?? fetchedAt, db) }
        return added ? .added : .unchanged
    }

    /// Keeps a position Feature of `vehicle` (`lastPosition`), once per time it was taken.
    @discardableResult
    package func record(position document: JSON, vehicle: String, fetchedAt: Int) throws(HistoryError) -> RecordOutcome {
        guard let position = PositionReading(document) else { return .unchanged }
        return try write { db in
            try Self.insert(position, vehicle: try Self.key(making: vehicle, at: fetchedAt, db), fallback: fetchedAt, db)
            return db.changes > 0 ? .added : .unchanged
        }
    }

    static func insert(_ position: PositionReading, vehicle: Int, fallback: Int, _ db: SQLiteConnection) throws {
        try db.execute(
            "INSERT OR IGNORE INTO positions (vehicle, at, latitude, longitude, altitude, heading) VALUES (?, ?, ?, ?, ?, ?)",
            [vehicle, position.at ?? fallback, position.latitude, position.longitude, position.altitude, position.heading])
    }

    /// Keeps a trip by its id, with every field the API gave (`document`); a trip read again with other fields
    /// (late data) replaces its row.
    @discardableResult
    package func record(trip document: JSON, vehicle: String) throws(HistoryError) -> RecordOutcome {
        try write { db in try Self.insert(trip: document, vehicle: Self.key(making: vehicle, at: nil, db), db) }
    }

    /// ``record(trip:vehicle:)`` in the transaction of `db`.
    static func insert(trip document: JSON, vehicle: Int, _ db: SQLiteConnection) throws -> RecordOutcome {
        guard let id = document["id"]?.string, let startedAt = StatusReading.time(document["startedAt"]) else { return .unchanged }
        let start = document["startPosition"].flatMap(PositionReading.init)
        let stop = document["stopPosition"].flatMap(PositionReading.init)
        let endOdometer = document["odometer"]?.number
        return try upsert(
            table: "trips", id: id, vehicle: vehicle, document: document, db,
            columns: [
                "startedAt": startedAt, "stoppedAt": StatusReading.time(document["stoppedAt"]),
                "distance": document["distance"]?.number, "duration": document["duration"]?.number,
                "startOdometer": document["startMileage"]?.number ?? both(endOdometer, document["distance"]?.number).map { $0 - $1 },
                "endOdometer": endOdometer, "startLatitude": start?.latitude, "startLongitude": start?.longitude,
                "endLatitude": stop?.latitude, "endLongitude": stop?.longitude,
            ])
    }

    /// Keeps an alert by its id, with its start and, once it ended, its end.
    @discardableResult
    package func record(alert document: JSON, vehicle: String) throws(HistoryError) -> RecordOutcome {
        try write { db in try Self.insert(alert: document, vehicle: Self.key(making: vehicle, at: nil, db), db) }
    }

    /// ``record(alert:vehicle:)`` in the transaction of `db`.
    static func insert(alert document: JSON, vehicle: Int, _ db: SQLiteConnection) throws -> RecordOutcome {
        guard let id = document["id"]?.string else { return .unchanged }
        return try upsert(
            table: "alerts", id: id, vehicle: vehicle, document: document, db,
            columns: [
                "type": document["type"]?.string, "severity": document["severity"]?.string,
                "active": document["active"]?.bool, "startedAt": StatusReading.time(document["startedAt"] ?? document["createdAt"]),
                "endedAt": StatusReading.time(document["endedAt"]),
            ])
    }

    /// Inserts the row of `vehicle`, or replaces its columns when its document changed.
    private static func upsert(
        table: String, id: String, vehicle: Int, document: JSON, _ db: SQLiteConnection, columns: KeyValuePairs<String, any SQLiteBindable>
    ) throws -> RecordOutcome {
        let text = document.text
        let names = ["id", "vehicle"] + columns.map(\.key) + ["document"]
        let known = try db.one(String.self, "SELECT document FROM \(table) WHERE id = ?", [id])
        if known == text { return .unchanged }
        let values: [any SQLiteBindable] = [id, vehicle] + columns.map(\.value) + [text]
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
        try db.execute("INSERT OR REPLACE INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(placeholders))", values)
        return known == nil ? .added : .updated
    }
}

/// The tables the recorder syncs incrementally.
package enum RecordedTable: String, Sendable {
    case trips, alerts, alarms

    /// The column of an item's time, by which the API filters (`timestamps`).
    var time: String { self == .alarms ? "createdAt" : "startedAt" }
}

/// Both values, or nil.
private func both<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}

extension HistoryStore {
    /// Where an incremental sync of `table` (trips or alerts) of `vehicle` starts reading: `overlap` seconds before
    /// the latest start kept when the last sync read to its end (items that arrive late), and no later than the start
    /// of an alert still active (so that its end is read). Nil before any sync read to its end: the sync reads
    /// everything the API has (a sync cut short kept only the newest items).
    package func syncStart(_ table: RecordedTable, vehicle: String, overlap: Int) throws(HistoryError) -> Int? {
        try read { db in
            guard let key = try Self.key(vehicle, db),
                let through = try db.one(Int.self, "SELECT \(table.rawValue)Through FROM syncs WHERE vehicle = ?", [key])
            else { return nil }
            var start = through - overlap
            if table == .alerts,
                let open = try db.one(Int.self, "SELECT min(startedAt) FROM alerts WHERE vehicle = ? AND active = 1", [key])
            {
                start = min(start, open)
            }
            return start
        }
    }

    /// Notes that a sync of `table` of `vehicle` read to its end: the next one starts from what it kept.
    package func noteSyncedWhole(_ table: RecordedTable, vehicle: String) throws(HistoryError) {
        let column = table.rawValue + "Through"
        try write { db in
            let key = try Self.key(making: vehicle, at: nil, db)
            let through = try db.one(Int.self, "SELECT max(\(table.time)) FROM \(table.rawValue) WHERE vehicle = ?", [key])
            try db.execute(
                "INSERT INTO syncs (vehicle, syncedAt, \(column)) VALUES (?, 0, ?) ON CONFLICT (vehicle) DO UPDATE SET \(column) = ?",
                [key, through, through])
        }
    }
}

extension HistoryStore {
    /// Seconds after which a vehicle's trips and alerts are read again even if it did not drive.
    package static let syncEvery = 6 * 3600

    /// Whether `vehicle`'s trips and alerts are to be read now (docs/history.md, "When record reads"): never read
    /// before; read more than ``syncEvery`` ago; or parked (`moving` false) with an `odometer` that moved since
    /// (a drive ended, so its trip is there to read).
    package func syncDue(vehicle: String, now: Int, odometer: Double?, moving: Bool?) throws(HistoryError) -> Bool {
        try read { db in
            guard let key = try Self.key(vehicle, db), let last = try db.rows("SELECT syncedAt, odometer FROM syncs WHERE vehicle = ?", [key]).first,
                let at = last.get("syncedAt", as: Int.self)
            else { return true }
            if now - at >= Self.syncEvery { return true }
            guard moving != true, let odometer, let before = last.get("odometer", as: Double.self) else { return false }
            return abs(odometer - before) >= 0.1
        }
    }

    /// Notes that `vehicle`'s trips and alerts were read at `now`, its odometer then `odometer`.
    package func noteSync(vehicle: String, now: Int, odometer: Double?) throws(HistoryError) {
        try write { db in
            try db.execute(
                "INSERT INTO syncs (vehicle, syncedAt, odometer) VALUES (?, ?, ?) ON CONFLICT (vehicle) DO UPDATE SET syncedAt = ?, odometer = ?",
                [try Self.key(making: vehicle, at: now, db), now, odometer, now, odometer])
        }
    }
}

extension HistoryStore {
    /// Derives `vehicle`'s charge sessions (``ChargeSessions``) from its snapshots since the start of its latest
    /// session (which may have gone on or ended since), replacing those rows; returns how many sessions it wrote.
    /// Running it again with nothing new changes nothing.
    @discardableResult
    package func deriveChargeSessions(vehicle: String) throws(HistoryError) -> Int {
        try write { db in
            guard let vehicle = try Self.key(vehicle, db) else { return 0 }
            // Imported sessions (`source`) stand as they came: neither where derivation starts again nor replaced.
            let since =
                try db.one(Int.self, "SELECT max(startedAt) FROM chargeSessions WHERE vehicle = ? AND source IS NULL", [vehicle]) ?? Int(Int32.min)
            let snapshots = try db.rows(
                """
                SELECT reportedAt, electricLevel, plugged, chargingStatus, chargingMode, batteryCapacity, batteryResidual, latitude, longitude
                FROM statusSnapshots WHERE vehicle = ? AND reportedAt >= ? ORDER BY reportedAt
                """, [vehicle, since]
            ).compactMap { row in
                row.get("reportedAt", as: Int.self).map {
                    ChargeSessions.Snapshot(
                        at: $0, level: row.get("electricLevel"), plugged: row.get("plugged"), status: row.get("chargingStatus"),
                        mode: row.get("chargingMode"), capacity: row.get("batteryCapacity"), residual: row.get("batteryResidual"),
                        latitude: row.get("latitude"),
                        longitude: row.get("longitude"))
                }
            }
            try db.execute("DELETE FROM chargeSessions WHERE vehicle = ? AND startedAt >= ? AND source IS NULL", [vehicle, since])
            let sessions = ChargeSessions.derive(snapshots)
            for session in sessions {
                // The car's own reading of a session wins over an import's of the same start.
                try db.execute(
                    """
                    INSERT OR REPLACE INTO chargeSessions (vehicle, startedAt, endedAt, startLevel, endLevel, energyAdded, capacity, averagePower,
                        latitude, longitude, speed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        vehicle, session.startedAt, session.endedAt, session.startLevel, session.endLevel, session.energyAdded, session.capacity,
                        session.averagePower, session.latitude, session.longitude, session.speed,
                    ])
            }
            return sessions.count
        }
    }
}

extension HistoryStore {
    /// How far back of the latest drive each derivation starts again: a trip the API reports late replaces the
    /// inferred drive it covers.
    static let driveOverlap = 2 * 86_400

    /// Derives `vehicle`'s drives (``Drives``) from its trips and snapshots since a little before its latest drive (or
    /// since `from`, when earlier: an import of older data), replacing those rows; returns how many drives it wrote.
    /// Running it again with nothing new changes nothing.
    @discardableResult
    package func deriveDrives(vehicle: String, from: Int? = nil) throws(HistoryError) -> Int {
        try write { db in
            guard let vehicle = try Self.key(vehicle, db) else { return 0 }
            let latest = try db.one(Int.self, "SELECT max(startedAt) FROM drives WHERE vehicle = ?", [vehicle])
            let since = min(latest.map { $0 - Self.driveOverlap } ?? Int(Int32.min), from ?? Int.max)
            // From the last snapshot before the window, so that a drive across its edge is seen, with every trip since
            // that snapshot, so that a trip across the edge still covers the snapshots it covers.
            let edge =
                try db.one(Int.self, "SELECT max(reportedAt) FROM statusSnapshots WHERE vehicle = ? AND reportedAt < ?", [vehicle, since]) ?? since
            let trips = try db.rows(
                """
                SELECT id, startedAt, stoppedAt, distance, startOdometer, endOdometer, startLatitude, startLongitude, endLatitude,
                    endLongitude, document FROM trips WHERE vehicle = ? AND (stoppedAt IS NULL OR stoppedAt >= ?) ORDER BY startedAt
                """, [vehicle, edge]
            )
            let finished = trips.compactMap(Self.drive)
            let ongoing = trips.filter { $0.get("stoppedAt", as: Int.self) == nil }.compactMap { $0.get("startedAt", as: Int.self) }.min()
            let snapshots = try db.rows(
                """
                SELECT reportedAt, odometer, coalesce(electricLevel, fuelLevel) AS level, moving, latitude, longitude FROM statusSnapshots
                WHERE vehicle = ? AND reportedAt >= ? ORDER BY reportedAt
                """, [vehicle, edge]
            ).compactMap { row in
                row.get("reportedAt", as: Int.self).map {
                    Drives.Snapshot(
                        at: $0, odometer: row.get("odometer"), level: row.get("level"), moving: row.get("moving"),
                        position: Self.point(row, "latitude", "longitude"))
                }
            }
            try db.execute("DELETE FROM drives WHERE vehicle = ? AND startedAt >= ?", [vehicle, since])
            // Drives that start before the window are in the table already, derived when the window was theirs.
            let drives = Drives.derive(trips: finished, ongoingTripSince: ongoing, snapshots: snapshots).filter { $0.startedAt >= since }
            for drive in drives {
                try db.execute(
                    """
                    INSERT OR REPLACE INTO drives (vehicle, startedAt, endedAt, distance, startOdometer, endOdometer, startLevel, endLevel,
                        startLatitude, startLongitude, endLatitude, endLongitude, source, trip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        vehicle, drive.startedAt, drive.endedAt, drive.distance, drive.startOdometer, drive.endOdometer, drive.startLevel,
                        drive.endLevel, drive.start?.latitude, drive.start?.longitude, drive.end?.latitude, drive.end?.longitude, drive.source,
                        drive.trip,
                    ])
            }
            return drives.count
        }
    }

    /// A finished trip's row as a drive, with the levels of its document's start and end energies.
    private static func drive(_ row: SQLiteRow) -> Drives.Drive? {
        guard let id = row.get("id", as: String.self), let startedAt = row.get("startedAt", as: Int.self),
            let stoppedAt = row.get("stoppedAt", as: Int.self)
        else { return nil }
        let document = row.get("document", as: String.self).flatMap { try? JSONParser.parse(Array($0.utf8)) }
        func level(_ key: String) -> Double? {
            let energies = document?[key]?.array ?? []
            return (energies.first { $0["type"]?.string == "Electric" } ?? energies.first { $0["type"]?.string == "Fuel" })?["level"]?.number
        }
        return Drives.Drive(
            startedAt: startedAt, endedAt: stoppedAt, distance: row.get("distance"), startOdometer: row.get("startOdometer"),
            endOdometer: row.get("endOdometer"), startLevel: level("startEnergies"), endLevel: level("endEnergies"),
            start: point(row, "startLatitude", "startLongitude"), end: point(row, "endLatitude", "endLongitude"), source: "trip", trip: id)
    }

    private static func point(_ row: SQLiteRow, _ latitude: String, _ longitude: String) -> (latitude: Double, longitude: Double)? {
        guard let lat = row.get(latitude, as: Double.self), let lon = row.get(longitude, as: Double.self) else { return nil }
        return (lat, lon)
    }
}

extension HistoryStore {
    /// Derives `vehicle`'s parked periods (``ParkedPeriods``) from its drives, charge sessions and snapshots since a
    /// little before its latest period (as far back as drives are derived again: a drive or a charge found late moves
    /// the periods around it; or since `from`, when earlier), replacing those rows; returns how many it wrote.
    @discardableResult
    package func deriveParkedPeriods(vehicle: String, from: Int? = nil) throws(HistoryError) -> Int {
        try write { db in
            guard let vehicle = try Self.key(vehicle, db) else { return 0 }
            let latest = try db.one(Int.self, "SELECT max(startedAt) FROM parkedPeriods WHERE vehicle = ?", [vehicle])
            let since = min(latest.map { $0 - Self.driveOverlap } ?? Int(Int32.min), from ?? Int.max)
            // A period starts where a drive ends: the drives that end in the window, and the one after each.
            let drives = try db.rows(
                "SELECT startedAt, endedAt FROM drives WHERE vehicle = ? AND endedAt >= ? ORDER BY startedAt", [vehicle, since]
            ).compactMap { row in
                row.get("startedAt", as: Int.self).flatMap { start in row.get("endedAt", as: Int.self).map { (start: start, end: $0) } }
            }
            let charges = try db.rows(
                "SELECT startedAt, endedAt FROM chargeSessions WHERE vehicle = ? AND (endedAt IS NULL OR endedAt >= ?)", [vehicle, since]
            ).compactMap { row in
                row.get("startedAt", as: Int.self).map { (start: $0, end: row.get("endedAt", as: Int.self)) }
            }
            let snapshots = try db.rows(
                """
                SELECT reportedAt, electricLevel, batteryCapacity, preconditioning FROM statusSnapshots WHERE vehicle = ? AND reportedAt >= ?
                ORDER BY reportedAt
                """,
                [vehicle, since]
            ).compactMap { row in
                row.get("reportedAt", as: Int.self).map {
                    ParkedPeriods.Snapshot(
                        at: $0, level: row.get("electricLevel"), capacity: row.get("batteryCapacity"),
                        preconditioning: row.get("preconditioning", as: Int.self).map { $0 != 0 })
                }
            }
            try db.execute("DELETE FROM parkedPeriods WHERE vehicle = ? AND startedAt >= ?", [vehicle, since])
            let periods = ParkedPeriods.derive(drives: drives, charges: charges, snapshots: snapshots)
            for period in periods {
                try db.execute(
                    """
                    INSERT OR REPLACE INTO parkedPeriods (vehicle, startedAt, endedAt, startLevel, endLevel, drainPercentPerDay, drainKWhPerDay)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        vehicle, period.startedAt, period.endedAt, period.startLevel, period.endLevel, period.drainPercentPerDay,
                        period.drainKWhPerDay,
                    ])
            }
            return periods.count
        }
    }
}

extension HistoryStore {
    /// Derives `vehicle`'s energy per day (``EnergyDays``) from its charge sessions and drives, from a little before
    /// its latest day (as far back as drives are derived again; or since `from`, when earlier), replacing those rows;
    /// returns how many days it wrote.
    @discardableResult
    package func deriveEnergyDays(vehicle: String, from: Int? = nil) throws(HistoryError) -> Int {
        try write { db in
            guard let vehicle = try Self.key(vehicle, db) else { return 0 }
            let latest = try db.one(String.self, "SELECT max(day) FROM energyDays WHERE vehicle = ?", [vehicle]).flatMap {
                Timestamp.parse($0 + "T00:00:00Z")
            }
            let since = min(latest.map { $0 - Self.driveOverlap } ?? Int(Int32.min), from ?? Int.max)
            let (charges, drives) = try Self.energySpans(vehicle, from: since, to: Int.max, db)
            let days = EnergyDays.derive(charges: charges, drives: drives, from: since)
            try db.execute("DELETE FROM energyDays WHERE vehicle = ? AND day >= ?", [vehicle, EnergyDays.name(dayHolding: since)])
            for day in days {
                try db.execute(
                    "INSERT INTO energyDays (vehicle, day, charged, driven, distance) VALUES (?, ?, ?, ?, ?)",
                    [vehicle, day.day, day.charged, day.driven, day.distance])
            }
            return days.count
        }
    }

    /// `vehicle`'s energy per day in `zone` (``EnergyDays``, the days of the stored table read again in another
    /// zone), from the day holding `from` to the one holding `to`.
    package func energyDays(vehicle: String, from: Int, to: Int, zone: TimeZone) throws(HistoryError) -> [EnergyDays.Day] {
        try read { db in
            guard let key = try Self.key(vehicle, db) else { return [] }
            // A day's spans: what ends after it starts and starts before it ends (a day is at most 25 hours).
            let (low, high) = (max(from, Int(Int32.min)) - 90_000, min(to, Int(Int32.max)) + 90_000)
            let (charges, drives) = try Self.energySpans(key, from: low, to: high, db)
            let days = EnergyDays.derive(charges: charges, drives: drives, from: from, zone: zone)
            let calendar = EnergyDays.Calendar(zone)
            let last = calendar.name(calendar.dayStart(to))
            return days.filter { $0.day <= last }
        }
    }

    /// The charge sessions and drives of the vehicle with `key` that end from `from` and start up to `to`, as
    /// ``EnergyDays`` reads them: a drive's energy is its level lost × the battery's capacity (the latest a
    /// snapshot gave).
    static func energySpans(_ key: Int, from: Int, to: Int, _ db: SQLiteConnection) throws -> (charges: [EnergyDays.Span], drives: [EnergyDays.Span])
    {
        let charges = try db.rows(
            """
            SELECT startedAt, coalesce(endedAt, startedAt) AS endedAt, energyAdded FROM chargeSessions
            WHERE vehicle = ? AND coalesce(endedAt, startedAt) >= ? AND startedAt <= ?
            """, [key, from, to]
        ).compactMap { row in
            both(row.get("startedAt", as: Int.self), row.get("endedAt", as: Int.self)).map {
                EnergyDays.Span(startedAt: $0, endedAt: $1, energy: row.get("energyAdded"))
            }
        }
        let capacity = try db.one(
            Double.self,
            "SELECT batteryCapacity FROM statusSnapshots WHERE vehicle = ? AND batteryCapacity IS NOT NULL ORDER BY reportedAt DESC LIMIT 1",
            [key])
        let drives = try db.rows(
            "SELECT startedAt, endedAt, distance, startLevel, endLevel FROM drives WHERE vehicle = ? AND endedAt >= ? AND startedAt <= ?",
            [key, from, to]
        ).compactMap { row in
            both(row.get("startedAt", as: Int.self), row.get("endedAt", as: Int.self)).map { start, end in
                let lost = both(row.get("startLevel", as: Double.self), row.get("endLevel", as: Double.self)).map { $0 - $1 }
                return EnergyDays.Span(
                    startedAt: start, endedAt: end, energy: both(lost, capacity).map { $0 / 100 * $1 / 1000 }, distance: row.get("distance"))
            }
        }
        return (charges, drives)
    }
}
