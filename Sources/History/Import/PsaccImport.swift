import APIContract
import Foundation

/// Brings a psa_car_controller database into the history (`history import psacc PATH`; docs/history.md, "Import and
/// export"). psa_car_controller keeps, in `info.db` (its `psacc/repository/db.py`):
///
/// - `position (Timestamp DATETIME PRIMARY KEY, VIN, longitude, latitude, mileage, level, level_fuel, moving,
///   temperature, altitude)`: what it read of each car, every refresh;
/// - `battery (start_at DATETIME PRIMARY KEY, stop_at, VIN, start_level, end_level, co2, kw, price, charging_mode)`:
///   the charges it saw, `kw` the energy it counted (kWh);
/// - `battery_curve (start_at, VIN, date, level, rate, autonomy)`: the level during each charge.
///
/// Times are UTC, written `2024-01-31 20:15:00+00:00`. Each position becomes a status snapshot (its levels, odometer,
/// motion, position, outside temperature; no document) and a position; each charge curve point a snapshot of the
/// level while charging, where no position says more; each charge a charge session (`source` `psacc`: no derivation
/// replaces it) unless the car already has a session then. The drives, parked periods and days are then derived
/// again from the first imported time. Everything is keyed as the history keys it: importing again adds nothing.
package enum PsaccImport {
    /// What an import brought in.
    package struct Summary: Equatable, Sendable {
        /// VIN → the car it went to (the API's id, or `psacc:VIN` for a car not on the account).
        package var vehicles: [String: String] = [:]
        package var positions = 0
        package var positionsKnown = 0
        package var curvePoints = 0
        package var charges = 0
        /// Charges the car already had a session for (recorded by ccsh, or imported before).
        package var chargesKnown = 0
        package var from: Int?
        package var through: Int?
        /// The drives derived again over the imported time, in all.
        package var drives = 0
    }

    /// psa_car_controller's time, `2024-01-31 20:15:00+00:00` (or with `T`, or no offset: UTC), as seconds since 1970.
    static func time(_ text: String?) -> Int? {
        guard var text = text?.trimmingCharacters(in: .whitespaces), text.count >= 19 else { return nil }
        text = text.replacingOccurrences(of: " ", with: "T")
        if let fraction = text.firstIndex(of: "."), let end = text[fraction...].firstIndex(where: { $0 == "+" || $0 == "-" || $0 == "Z" }) {
            text.removeSubrange(fraction..<end)
        }
        return Timestamp.parse(text.count == 19 ? text + "Z" : text)
    }
}

extension HistoryStore {
    /// Imports the psa_car_controller database at `path`; `vehicle` names the car of a VIN (the API's id), nil for a
    /// car not on the account (kept as `psacc:VIN`).
    package func importPsacc(from path: String, vehicle: (String) -> String?) throws(HistoryError) -> PsaccImport.Summary {
        let source: SQLiteConnection
        do { source = try SQLiteConnection(path: path, readOnly: true) } catch {
            throw HistoryError(path: path, message: "cannot open it: \(error.message)")
        }
        let tables: Set<String>
        do { tables = Set(try source.all(String.self, "SELECT name FROM sqlite_master WHERE type = 'table'")) } catch {
            throw HistoryError(path: path, message: "not an SQLite database: \(error.message)")
        }
        guard tables.contains("position"), tables.contains("battery") else {
            throw HistoryError(path: path, message: "not a psa_car_controller database: it has no position and battery tables")
        }
        let positions: [SQLiteRow]
        let charges: [SQLiteRow]
        let curve: [SQLiteRow]
        do {
            let columns = Set(try source.rows("PRAGMA table_info(position)").compactMap { $0.get("name", as: String.self) })
            func column(_ name: String) -> String { columns.contains(name) ? name : "NULL AS \(name)" }
            positions = try source.rows(
                """
                SELECT Timestamp, VIN, longitude, latitude, mileage, level, \(column("level_fuel")), moving, temperature, \(column("altitude"))
                FROM position ORDER BY Timestamp
                """)
            let batteryColumns = Set(try source.rows("PRAGMA table_info(battery)").compactMap { $0.get("name", as: String.self) })
            charges = try source.rows(
                """
                SELECT start_at, stop_at, VIN, start_level, end_level, kw, \(batteryColumns.contains("charging_mode") ? "charging_mode" : "NULL AS charging_mode")
                FROM battery ORDER BY start_at
                """)
            curve = tables.contains("battery_curve") ? try source.rows("SELECT start_at, VIN, date, level FROM battery_curve ORDER BY date") : []
        } catch {
            throw HistoryError(path: path, message: "cannot read it: \(error.message)")
        }
        let (imported, first) = try write { db in
            var summary = PsaccImport.Summary()
            var keys: [String: Int] = [:]
            var first: [Int: Int] = [:]
            func key(_ vin: String?) throws -> Int? {
                guard let vin, !vin.isEmpty else { return nil }
                if let known = keys[vin] { return known }
                let id = try db.one(String.self, "SELECT id FROM vehicles WHERE vin = ?", [vin]) ?? vehicle(vin) ?? "psacc:\(vin)"
                summary.vehicles[vin] = id
                let made = try Self.key(making: id, at: Int(Date().timeIntervalSince1970), db)
                try db.execute("UPDATE vehicles SET vin = coalesce(vin, ?) WHERE key = ?", [vin, made])
                keys[vin] = made
                return made
            }
            func note(_ car: Int, _ at: Int) {
                first[car] = min(first[car] ?? at, at)
                summary.from = min(summary.from ?? at, at)
                summary.through = max(summary.through ?? at, at)
            }
            for row in positions {
                guard let at = PsaccImport.time(row.get("Timestamp", as: String.self)), let car = try key(row.get("VIN", as: String.self)) else {
                    continue
                }
                let latitude = row.get("latitude", as: Double.self)
                let longitude = row.get("longitude", as: Double.self)
                // psa_car_controller writes a mileage of 0 the API gave when the car was off as it came: not an odometer.
                let mileage = row.get("mileage", as: Double.self).flatMap { $0 > 0 ? $0 : nil }
                try db.execute(
                    """
                    INSERT OR IGNORE INTO statusSnapshots (vehicle, reportedAt, fetchedAt, electricLevel, fuelLevel, odometer, moving, latitude,
                        longitude, outsideTemperature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        car, at, at, row.get("level", as: Double.self), row.get("level_fuel", as: Double.self), mileage,
                        row.get("moving", as: Int.self), latitude, longitude, row.get("temperature", as: Double.self),
                    ])
                if db.changes > 0 { summary.positions += 1 } else { summary.positionsKnown += 1 }
                if let latitude, let longitude {
                    try db.execute(
                        "INSERT OR IGNORE INTO positions (vehicle, at, latitude, longitude, altitude) VALUES (?, ?, ?, ?, ?)",
                        [car, at, latitude, longitude, row.get("altitude", as: Double.self)])
                }
                note(car, at)
            }
            for row in curve {
                guard let at = PsaccImport.time(row.get("date", as: String.self)), let car = try key(row.get("VIN", as: String.self)),
                    let level = row.get("level", as: Double.self)
                else { continue }
                try db.execute(
                    "INSERT OR IGNORE INTO statusSnapshots (vehicle, reportedAt, fetchedAt, electricLevel, plugged) VALUES (?, ?, ?, ?, 1)",
                    [car, at, at, level])
                summary.curvePoints += db.changes
            }
            for row in charges {
                guard let start = PsaccImport.time(row.get("start_at", as: String.self)), let car = try key(row.get("VIN", as: String.self)),
                    let startLevel = row.get("start_level", as: Double.self)
                else { continue }
                let end = PsaccImport.time(row.get("stop_at", as: String.self))
                let overlapping = try db.one(
                    Int.self,
                    """
                    SELECT count(*) FROM chargeSessions WHERE vehicle = ? AND startedAt <= ? AND coalesce(endedAt, startedAt) >= ?
                    """, [car, end ?? start, start])
                if (overlapping ?? 0) > 0 {
                    summary.chargesKnown += 1
                    continue
                }
                let energy = row.get("kw", as: Double.self)
                let hours = end.map { Double($0 - start) / 3600 }
                let place = try db.rows(
                    "SELECT latitude, longitude FROM positions WHERE vehicle = ? AND at <= ? ORDER BY at DESC LIMIT 1", [car, start]
                ).first
                try db.execute(
                    """
                    INSERT INTO chargeSessions (vehicle, startedAt, endedAt, startLevel, endLevel, energyAdded, averagePower, latitude, longitude,
                        speed, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'psacc')
                    """,
                    [
                        car, start, end, startLevel, row.get("end_level", as: Double.self) ?? startLevel, energy,
                        hours.flatMap { hours in hours > 0 ? energy.map { $0 / hours } : nil }, place?.get("latitude", as: Double.self),
                        place?.get("longitude", as: Double.self), row.get("charging_mode", as: String.self) == "Quick" ? "fast" : "slow",
                    ])
                summary.charges += 1
                note(car, start)
            }
            return (summary, first)
        }
        // The drives, parked periods and days of each car, derived again from its first imported time.
        var summary = imported
        for (key, from) in first.sorted(by: { $0.key < $1.key }) {
            guard let id = try read({ db in try db.one(String.self, "SELECT id FROM vehicles WHERE key = ?", [key]) }) else { continue }
            summary.drives += try deriveDrives(vehicle: id, from: from)
            try deriveParkedPeriods(vehicle: id, from: from)
            try deriveEnergyDays(vehicle: id, from: from)
        }
        return summary
    }
}
