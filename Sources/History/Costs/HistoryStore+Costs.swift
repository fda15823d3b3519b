import APIContract

/// A charge session with what it cost (docs/history.md, "Tariffs and costs").
package struct CostedCharge: Sendable {
    package var startedAt: Int
    package var endedAt: Int
    /// kWh.
    package var energy: Double?
    /// Its place's name (``Place``).
    package var place: String
    package var fast: Bool
    package var cost: ChargeCost?
    /// Why it has no cost: no tariff takes it, a dynamic price is missing, its energy is not known.
    package var uncosted: String?
}

/// A drive with what its energy cost: electricity at the price of the charge that filled it, fuel at the fuel
/// tariff's price a litre.
package struct CostedDrive: Sendable {
    package var startedAt: Int
    package var endedAt: Int
    /// km.
    package var distance: Double?
    /// kWh taken from the battery: level lost × capacity.
    package var energy: Double?
    /// Litres of fuel burned: the trip's average consumption × distance.
    package var litres: Double?
    package var startPlace: String
    package var cost: Double?
    package var currency: String?
    /// The tariff(s) priced: the filling charge's, the fuel's.
    package var tariff: String?
}

extension HistoryStore {
    /// The finished charge sessions of `vehicle` (the API's id) that start in `from...to`, each priced by its
    /// tariff in `tariffs` (``TariffBook/tariff(place:fast:at:)``), its place named by `places`.
    package func chargeCosts(vehicle: String, from: Int, to: Int, tariffs: TariffBook, places: [Place]) throws(HistoryError) -> [CostedCharge] {
        let rows = try read { db in
            try db.rows(
                """
                SELECT c.startedAt AS session, c.endedAt, c.energyAdded, c.latitude, c.longitude, c.speed,
                    (SELECT min(u.reportedAt) FROM statusSnapshots u WHERE u.vehicle = c.vehicle AND u.reportedAt >= c.endedAt
                        AND u.reportedAt < c.endedAt + 172800 AND u.plugged = 0) AS unpluggedAt,
                    s.reportedAt AS at, s.batteryResidual AS residual, s.electricLevel AS level
                FROM chargeSessions c LEFT JOIN statusSnapshots s
                    ON s.vehicle = c.vehicle AND s.reportedAt BETWEEN c.startedAt AND c.endedAt
                WHERE c.vehicle = (SELECT key FROM vehicles WHERE id = ?) AND c.startedAt BETWEEN ? AND ? AND c.endedAt IS NOT NULL
                ORDER BY c.startedAt, s.reportedAt
                """, [vehicle, from, to])
        }
        // The rows of one session together: its own columns, then its snapshots'.
        var sessions: [(row: SQLiteRow, points: [(at: Int, residual: Double?, level: Double?)])] = []
        for row in rows {
            let point = row.get("at", as: Int.self).map {
                (at: $0, residual: row.get("residual", as: Double.self), level: row.get("level", as: Double.self))
            }
            if let last = sessions.last, last.row.get("session", as: Int.self) == row.get("session", as: Int.self) {
                if let point { sessions[sessions.count - 1].points.append(point) }
            } else {
                sessions.append((row, point.map { [$0] } ?? []))
            }
        }
        let span = (sessions.first?.row.get("session", as: Int.self) ?? from, sessions.last?.row.get("endedAt", as: Int.self) ?? to)
        var markets: [String: [PriceSchedule.MarketPrice]] = [:]
        for tariff in tariffs.tariffs {
            if case .electricity(.dynamic, _) = tariff.pricing { markets[tariff.name] = try prices(tariff: tariff.name, from: span.0, to: span.1) }
        }
        return sessions.compactMap { session, points in
            guard let startedAt = session.get("session", as: Int.self), let endedAt = session.get("endedAt", as: Int.self) else { return nil }
            let place =
                session.get("latitude", as: Double.self).flatMap { latitude in
                    session.get("longitude", as: Double.self).map { Place.name(latitude: latitude, longitude: $0, among: places) }
                } ?? "unknown"
            let fast = session.get("speed", as: String.self) == "fast"
            let energy = session.get("energyAdded", as: Double.self)
            var costed = CostedCharge(startedAt: startedAt, endedAt: endedAt, energy: energy, place: place, fast: fast)
            guard let tariff = tariffs.tariff(place: place, fast: fast, at: startedAt) else {
                costed.uncosted = "no tariff: declare a default one (`tariff add NAME --default`)"
                return costed
            }
            guard let energy else {
                costed.uncosted = "its energy is not known"
                return costed
            }
            // The residual energy when every snapshot gives it (it is not rounded), else the level: only the
            // curve's shape counts.
            let residuals = points.compactMap(\.residual)
            let curve =
                residuals.count == points.count
                ? points.compactMap { point in point.residual.map { (at: point.at, energy: $0) } }
                : points.compactMap { point in point.level.map { (at: point.at, energy: $0) } }
            let charge = ChargeCost.Session(
                startedAt: startedAt, endedAt: endedAt, energyAdded: energy, curve: curve, unpluggedAt: session.get("unpluggedAt", as: Int.self))
            switch ChargeCost.of(charge, tariff: tariff, market: markets[tariff.name] ?? []) {
            case .success(let cost): costed.cost = cost
            case .failure(let missing):
                costed.uncosted = "tariff \(tariff.name) has no price for \(Timestamp.format(Int(missing.at))): `tariff import \(tariff.name) FILE`"
            }
            return costed
        }
    }

    /// The drives of `vehicle` that start in `from...to`, each with the cost of its energy: its kWh (level lost ×
    /// the battery's capacity) at the price a kWh of the last charge that ended before it started, and its litres
    /// (the trip's average fuel consumption × distance) at the fuel tariff's price.
    package func driveCosts(vehicle: String, from: Int, to: Int, tariffs: TariffBook, places: [Place]) throws(HistoryError) -> [CostedDrive] {
        let capacity = try reportedCapacity(vehicle: vehicle)
        let (rows, lastChargeBefore) = try read { db in
            let rows = try db.rows(
                """
                SELECT d.startedAt, d.endedAt, d.distance, d.startLevel, d.endLevel, d.startLatitude, d.startLongitude, t.document
                FROM drives d LEFT JOIN trips t ON t.id = d.trip
                WHERE d.vehicle = (SELECT key FROM vehicles WHERE id = ?) AND d.startedAt BETWEEN ? AND ?
                ORDER BY d.startedAt
                """, [vehicle, from, to])
            let before = try db.one(
                Int.self,
                """
                SELECT max(startedAt) FROM chargeSessions WHERE vehicle = (SELECT key FROM vehicles WHERE id = ?) AND endedAt <= ?
                """, [vehicle, from])
            return (rows, before)
        }
        let charges = try chargeCosts(vehicle: vehicle, from: lastChargeBefore ?? from, to: to, tariffs: tariffs, places: places)
        var next = 0
        var filling: CostedCharge?
        return rows.compactMap { row in
            guard let startedAt = row.get("startedAt", as: Int.self), let endedAt = row.get("endedAt", as: Int.self) else { return nil }
            while next < charges.count, charges[next].endedAt <= startedAt {
                filling = charges[next]
                next += 1
            }
            let distance = row.get("distance", as: Double.self)
            let lost = row.get("startLevel", as: Double.self).flatMap { start in row.get("endLevel", as: Double.self).map { max(0, start - $0) } }
            let energy = capacity.flatMap { capacity in lost.map { $0 / 100 * capacity } }
            let trip = row.get("document", as: String.self).flatMap { try? JSONParser.parse(Array($0.utf8)) }
            let litres = trip.flatMap(Self.fuelPer100km).flatMap { rate in distance.map { rate * $0 / 100 } }
            let place =
                row.get("startLatitude", as: Double.self).flatMap { latitude in
                    row.get("startLongitude", as: Double.self).map { Place.name(latitude: latitude, longitude: $0, among: places) }
                } ?? "unknown"
            var drive = CostedDrive(startedAt: startedAt, endedAt: endedAt, distance: distance, energy: energy, litres: litres, startPlace: place)
            var parts: [(cost: Double, currency: String, tariff: String)] = []
            if let energy, energy > 0, let charge = filling, let cost = charge.cost, let charged = charge.energy, charged > 0 {
                parts.append((energy * cost.total / charged, cost.currency, cost.tariff))
            }
            if let litres, litres > 0, let fuel = tariffs.fuel(at: startedAt), case .fuel(let perLitre) = fuel.pricing {
                parts.append((litres * perLitre, fuel.currency, fuel.name))
            }
            if let first = parts.first, parts.allSatisfy({ $0.currency == first.currency }) {
                drive.cost = (parts.reduce(0) { $0 + $1.cost } * 100).rounded() / 100
                drive.currency = first.currency
                drive.tariff = parts.map(\.tariff).joined(separator: "+")
            }
            return drive
        }
    }
}
