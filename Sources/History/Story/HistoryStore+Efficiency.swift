import APIContract

/// A charge session as the story reads it: when, how much, where.
package struct StoryCharge: Equatable, Sendable {
    package var startedAt: Int
    package var endedAt: Int?
    /// kWh, nil when not known.
    package var energy: Double?
    package var startLevel: Double
    package var endLevel: Double
    /// Whether its energy was measured (the residual energy at its start), not worked out from its levels.
    package var measured: Bool
    package var fast: Bool
    package var latitude: Double?
    package var longitude: Double?
}

/// A drive as the story reads it, with what it took and the weather.
package struct StoryDrive: Equatable, Sendable {
    package var startedAt: Int
    package var endedAt: Int
    /// km.
    package var distance: Double?
    /// Points of battery level lost.
    package var levelLost: Double?
    /// °C: the mean of the outside temperatures reported while it drove, else the last before it.
    package var temperature: Double?
    /// kWh/100 km the API's trip says (4.0 `avgConsumption`, 4.17 `energyConsumptions` in Wh/100 km).
    package var apiConsumption: Double?
    /// L/100 km of fuel the API's trip says.
    package var fuelConsumption: Double?
    package var startLatitude: Double?
    package var startLongitude: Double?
    package var endLatitude: Double?
    package var endLongitude: Double?

    /// Litres of fuel burned: its consumption × its distance.
    package var litres: Double? { fuelConsumption.flatMap { rate in distance.map { rate * $0 / 100 } } }
}

extension HistoryStore {
    /// The charge sessions of `vehicle` (the API's id) that start in `from...to`, oldest first.
    package func storyCharges(vehicle: String, from: Int, to: Int) throws(HistoryError) -> [StoryCharge] {
        try read { db in
            try db.rows(
                """
                SELECT c.startedAt, c.endedAt, c.energyAdded, c.startLevel, c.endLevel, c.speed, c.latitude, c.longitude,
                    (SELECT batteryResidual IS NOT NULL FROM statusSnapshots s WHERE s.vehicle = c.vehicle AND s.reportedAt = c.startedAt)
                        AS measured
                FROM chargeSessions c WHERE c.vehicle = (SELECT key FROM vehicles WHERE id = ?) AND c.startedAt BETWEEN ? AND ?
                ORDER BY c.startedAt
                """, [vehicle, from, to]
            ).compactMap { row in
                guard let start = row.get("startedAt", as: Int.self), let startLevel = row.get("startLevel", as: Double.self),
                    let endLevel = row.get("endLevel", as: Double.self)
                else { return nil }
                return StoryCharge(
                    startedAt: start, endedAt: row.get("endedAt"), energy: row.get("energyAdded"), startLevel: startLevel, endLevel: endLevel,
                    measured: row.get("measured", as: Int.self) == 1, fast: row.get("speed", as: String.self) == "fast",
                    latitude: row.get("latitude"), longitude: row.get("longitude"))
            }
        }
    }

    /// The drives of `vehicle` that start in `from...to`, oldest first.
    package func storyDrives(vehicle: String, from: Int, to: Int) throws(HistoryError) -> [StoryDrive] {
        try read { db in
            try db.rows(
                """
                SELECT d.startedAt, d.endedAt, d.distance, d.startLevel - d.endLevel AS lost, t.document,
                    coalesce(
                        (SELECT avg(outsideTemperature) FROM statusSnapshots s
                            WHERE s.vehicle = d.vehicle AND s.reportedAt BETWEEN d.startedAt AND d.endedAt),
                        (SELECT outsideTemperature FROM statusSnapshots s WHERE s.vehicle = d.vehicle AND s.reportedAt <= d.startedAt
                            AND s.outsideTemperature IS NOT NULL ORDER BY s.reportedAt DESC LIMIT 1)) AS temperature,
                    d.startLatitude, d.startLongitude, d.endLatitude, d.endLongitude
                FROM drives d LEFT JOIN trips t ON t.id = d.trip
                WHERE d.vehicle = (SELECT key FROM vehicles WHERE id = ?) AND d.startedAt BETWEEN ? AND ?
                ORDER BY d.startedAt
                """, [vehicle, from, to]
            ).compactMap { row in
                guard let start = row.get("startedAt", as: Int.self), let end = row.get("endedAt", as: Int.self) else { return nil }
                let trip = row.get("document", as: String.self).flatMap { try? JSONParser.parse(Array($0.utf8)) }
                return StoryDrive(
                    startedAt: start, endedAt: end, distance: row.get("distance"), levelLost: row.get("lost"), temperature: row.get("temperature"),
                    apiConsumption: trip.flatMap(Self.electricPer100km), fuelConsumption: trip.flatMap(Self.fuelPer100km),
                    startLatitude: row.get("startLatitude"), startLongitude: row.get("startLongitude"), endLatitude: row.get("endLatitude"),
                    endLongitude: row.get("endLongitude"))
            }
        }
    }

    /// The parked periods of `vehicle` that start in `from...to`: their times and drain (% a day).
    package func storyParked(vehicle: String, from: Int, to: Int) throws(HistoryError) -> [(start: Int, end: Int, drain: Double?)] {
        try read { db in
            try db.rows(
                """
                SELECT startedAt, endedAt, drainPercentPerDay FROM parkedPeriods WHERE vehicle = (SELECT key FROM vehicles WHERE id = ?)
                    AND startedAt BETWEEN ? AND ? ORDER BY startedAt
                """, [vehicle, from, to]
            ).compactMap { row in
                guard let start = row.get("startedAt", as: Int.self), let end = row.get("endedAt", as: Int.self) else { return nil }
                return (start, end, row.get("drainPercentPerDay", as: Double.self))
            }
        }
    }

    /// The battery's capacity (kWh) as the API gives it, the latest a snapshot of `vehicle` kept.
    package func reportedCapacity(vehicle: String) throws(HistoryError) -> Double? {
        try read { db in
            try db.one(
                Double.self,
                """
                SELECT batteryCapacity FROM statusSnapshots WHERE vehicle = (SELECT key FROM vehicles WHERE id = ?)
                    AND batteryCapacity IS NOT NULL ORDER BY reportedAt DESC LIMIT 1
                """, [vehicle])
        }.map { $0 / 1000 }
    }
}
