import APIContract
import Foundation
import History
import Shell

/// A car's month (docs/history.md, "The monthly report"): each figure of the card is worked out by a query shown
/// with `--explain` — SQL over the history's tables, run as written (`history sql` gives the same number), or for
/// the cost the `costs` pipeline — for the month and the one before; the pictures' series come from the drives,
/// charges and positions of the month.
struct MonthReport {
    /// A figure of the card: its value this month and the one before, and the query that gives it.
    struct Figure {
        var name: String
        var label: String
        var unit: String
        var value: Double?
        var previous: Double?
        var query: String
        var previousQuery: String
    }

    /// A month of a zone: `2026-11`, and its first and next month's first second (seconds since 1970).
    struct Month {
        var name: String
        var start: Int
        var end: Int

        /// `2026-11` in `zone`; nil when not a month.
        init?(_ name: String, zone: TimeZone) {
            let parts = name.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, name.count == 7, (1...12).contains(parts[1]), (1970...9999).contains(parts[0]) else { return nil }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            guard let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: 1)),
                let end = calendar.date(byAdding: .month, value: 1, to: start)
            else { return nil }
            self.name = name
            self.start = Int(start.timeIntervalSince1970)
            self.end = Int(end.timeIntervalSince1970)
        }

        /// The month holding `time` in `zone`.
        init?(holding time: Int, zone: TimeZone) {
            self.init(LocalTime.month(time, zone), zone: zone)
        }

        /// The month before.
        func previous(zone: TimeZone) -> Month? { Month(holding: start - 1, zone: zone) }
    }

    var month: Month
    var previousMonth: Month
    var figures: [Figure]
    var currency: String?
    /// Each day of the month: `day`, `km`, `kWh`.
    var days: [(day: String, km: Double, kWh: Double)]
    /// Each day with driving: kWh/100 km from the battery levels the drives lost.
    var efficiency: [(day: String, kWhPer100km: Double)]
    /// The month's drives, each with its path.
    var drives: [(startedAt: Int, km: Double?, path: [(latitude: Double, longitude: Double)])]
    /// The pictures' queries: name and SQL.
    var seriesQueries: [(name: String, sql: String)]

    /// The report of `month` for `vehicle` (the API's id; `reference` names it in the cost's pipeline: its VIN).
    init(
        store: HistoryStore, vehicle: String, reference: String, month: Month, zone: TimeZone, tariffs: TariffBook, factors: EmissionFactors
    ) throws(HistoryError) {
        self.month = month
        previousMonth = month.previous(zone: zone) ?? month
        guard let key = try store.read({ db in try db.one(Int.self, "SELECT key FROM vehicles WHERE id = ?", [vehicle]) }) else {
            throw HistoryError(path: store.path, message: "the car has no recorded history")
        }
        let places = try store.places()
        let home = places.first { $0.name == "home" }
        var figures: [Figure] = []
        for (name, label, unit, sql) in Self.sql(key: key, home: home, factors: factors) {
            let this = sql(month.start, month.end)
            let before = sql(previousMonth.start, previousMonth.end)
            figures.append(
                Figure(
                    name: name, label: label, unit: unit, value: try store.read { db in try db.one(Double.self, this) },
                    previous: try store.read { db in try db.one(Double.self, before) }, query: this, previousQuery: before))
        }
        // The cost: the `costs` command's own sums.
        func cost(_ month: Month) throws(HistoryError) -> (Double?, String?) {
            guard !tariffs.tariffs.isEmpty else { return (nil, nil) }
            let charges = try store.chargeCosts(vehicle: vehicle, from: month.start, to: month.end - 1, tariffs: tariffs, places: places)
            let drives = try store.driveCosts(vehicle: vehicle, from: month.start, to: month.end - 1, tariffs: tariffs, places: places)
            let fuel = drives.reduce(0.0) { total, drive in
                guard let litres = drive.litres, case .fuel(let perLitre)? = tariffs.fuel(at: drive.startedAt)?.pricing else { return total }
                return total + litres * perLitre
            }
            let charging = charges.reduce(0) { $0 + ($1.cost?.total ?? 0) }
            return (
                charging + (fuel * 100).rounded() / 100, charges.first { $0.cost != nil }?.cost?.currency ?? tariffs.tariffs.first?.currency
            )
        }
        let (spent, currency) = try cost(month)
        self.currency = currency
        let pipeline = { (month: Month) in
            "costs \(reference) --since \(Timestamp.format(month.start)) --until \(Timestamp.format(month.end - 1)) --zone \(zone.identifier) | get total | sum"
        }
        figures.insert(
            Figure(
                name: "cost", label: "cost", unit: currency ?? "", value: spent, previous: try cost(previousMonth).0, query: pipeline(month),
                previousQuery: pipeline(previousMonth)), at: 3)
        self.figures = figures
        let daysSQL = Self.daysSQL(key: key, month: month, zone: zone)
        let efficiencySQL = Self.efficiencySQL(key: key, month: month, zone: zone)
        let (dayRows, efficiencyRows) = try store.read { db in (try db.rows(daysSQL), try db.rows(efficiencySQL)) }
        let active = Dictionary(
            dayRows.compactMap { row in
                row.get("day", as: String.self).map { ($0, (row.get("km", as: Double.self) ?? 0, row.get("kWh", as: Double.self) ?? 0)) }
            },
            uniquingKeysWith: { first, _ in first })
        days = Self.dayNames(month, zone: zone).map { day in (day, active[day]?.0 ?? 0, active[day]?.1 ?? 0) }
        efficiency = efficiencyRows.compactMap { row in
            row.get("day", as: String.self).flatMap { day in row.get("kWhPer100km", as: Double.self).map { (day, $0) } }
        }
        drives = try Self.paths(store, key: key, month: month)
        seriesQueries = [("calendar", daysSQL), ("efficiency by day", efficiencySQL), ("drives map", Self.pathsSQL(key: key, month: month))]
    }

    /// The card's SQL figures: name, label, unit, and the query for a window `[start, end)`.
    private static func sql(key: Int, home: Place?, factors: EmissionFactors) -> [(String, String, String, (Int, Int) -> String)] {
        func within(_ table: String, _ alias: String = "") -> (Int, Int) -> String {
            { start, end in "\(alias)vehicle = \(key) AND \(alias)startedAt >= \(start) AND \(alias)startedAt < \(end)" }
        }
        let drives = within("drives")
        let charges = within("chargeSessions")
        // At home: in the place named home (meters on a flat earth: exact enough within a radius), else slow.
        let atHome: String
        if let home {
            let north = "(latitude - \(home.latitude)) * 111195.0"
            let east = "(longitude - \(home.longitude)) * \(111_195.0 * cos(home.latitude * .pi / 180))"
            atHome = "coalesce(\(north) * \(north) + \(east) * \(east) <= \(home.radius * home.radius), 0)"
        } else {
            atHome = "coalesce(speed = 'slow', 0)"
        }
        let litres = { (start: Int, end: Int) in
            """
            (SELECT coalesce(sum(d.distance * coalesce(
                (SELECT json_extract(e.value, '$.value') FROM json_each(t.document, '$.avgConsumption') e WHERE json_extract(e.value, '$.type') = 'Fuel'),
                (SELECT json_extract(e.value, '$.avgConsumption') / 100.0 FROM json_each(t.document, '$.energyConsumptions') e
                    WHERE json_extract(e.value, '$.type') = 'Fuel'), 0) / 100), 0)
            FROM drives d JOIN trips t ON t.id = d.trip WHERE \(within("drives", "d.")(start, end)))
            """
        }
        return [
            ("km", "driven", "km", { "SELECT round(coalesce(sum(distance), 0), 1) FROM drives WHERE \(drives($0, $1))" }),
            ("drives", "drives", "", { "SELECT count(*) FROM drives WHERE \(drives($0, $1))" }),
            ("kWh", "charged", "kWh", { "SELECT round(coalesce(sum(energyAdded), 0), 2) FROM chargeSessions WHERE \(charges($0, $1))" }),
            (
                "efficiency", "efficiency", "kWh/100 km",
                {
                    """
                    SELECT round((SELECT sum(energyAdded) FROM chargeSessions WHERE \(charges($0, $1))) * 100
                        / nullif((SELECT sum(distance) FROM drives WHERE \(drives($0, $1))), 0), 1)
                    """
                }
            ),
            ("homeCharges", "charges at home", "", { "SELECT count(*) FROM chargeSessions WHERE \(charges($0, $1)) AND \(atHome)" }),
            ("publicCharges", "charges elsewhere", "", { "SELECT count(*) FROM chargeSessions WHERE \(charges($0, $1)) AND NOT \(atHome)" }),
            (
                "drain", "drain parked", "%/day",
                {
                    """
                    SELECT round(sum(drainPercentPerDay * (endedAt - startedAt)) / sum(endedAt - startedAt), 2) FROM parkedPeriods
                    WHERE \(within("parkedPeriods")($0, $1)) AND drainPercentPerDay IS NOT NULL
                    """
                }
            ),
            (
                "co2", "CO₂", "kg",
                {
                    """
                    SELECT round((SELECT coalesce(sum(energyAdded), 0) FROM chargeSessions WHERE \(charges($0, $1))) * \(factors.grid) / 1000
                        + \(litres($0, $1)) * \(factors.fuel) / 1000, 1)
                    """
                }
            ),
        ]
    }

    /// `2026-11-01` … `2026-11-30`: the days of `month` in `zone`.
    static func dayNames(_ month: Month, zone: TimeZone) -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let days = calendar.range(of: .day, in: .month, for: Date(timeIntervalSince1970: Double(month.start)))?.count ?? 30
        return (1...days).map { month.name + "-" + ($0 < 10 ? "0" : "") + String($0) }
    }

    /// SQL of a time column's local day in `zone` over `month`: the zone's offset, changing at its transitions
    /// (summer time) within the month, added before `date()`.
    static func localDay(_ column: String, month: Month, zone: TimeZone) -> String {
        var cases: [String] = []
        var at = month.start
        while let next = zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: Double(at))),
            Int(next.timeIntervalSince1970) < month.end
        {
            cases.append(
                "WHEN \(column) < \(Int(next.timeIntervalSince1970)) THEN \(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(at))))")
            at = Int(next.timeIntervalSince1970)
        }
        let last = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(at)))
        let offset = cases.isEmpty ? "\(last)" : "CASE \(cases.joined(separator: " ")) ELSE \(last) END"
        return "date(\(column) + \(offset), 'unixepoch')"
    }

    /// SQL of the battery's usable capacity (kWh): the estimate of the measured sessions (``CapacityEstimate``),
    /// else the capacity the car reports.
    static func capacitySQL(key: Int) -> String {
        """
        coalesce(
            (SELECT sum(c.energyAdded) * 100 / sum(c.endLevel - c.startLevel) FROM chargeSessions c
                WHERE c.vehicle = \(key) AND c.endedAt IS NOT NULL AND c.endLevel - c.startLevel >= \(CapacityEstimate.minimumGain)
                    AND c.energyAdded > 0
                    AND (SELECT batteryResidual IS NOT NULL FROM statusSnapshots s WHERE s.vehicle = c.vehicle AND s.reportedAt = c.startedAt)),
            (SELECT batteryCapacity / 1000 FROM statusSnapshots WHERE vehicle = \(key) AND batteryCapacity IS NOT NULL
                ORDER BY reportedAt DESC LIMIT 1))
        """
    }

    /// The calendar's query: each day of the month with driving or charging, its km and kWh.
    static func daysSQL(key: Int, month: Month, zone: TimeZone) -> String {
        let window = "vehicle = \(key) AND startedAt >= \(month.start) AND startedAt < \(month.end)"
        return """
            SELECT day, round(sum(km), 1) AS km, round(sum(kWh), 2) AS kWh FROM (
                SELECT \(localDay("startedAt", month: month, zone: zone)) AS day, coalesce(distance, 0) AS km, 0 AS kWh FROM drives WHERE \(window)
                UNION ALL
                SELECT \(localDay("startedAt", month: month, zone: zone)), 0, coalesce(energyAdded, 0) FROM chargeSessions WHERE \(window))
            GROUP BY day ORDER BY day
            """
    }

    /// The efficiency chart's query: each day with at least a km driven, kWh/100 km from the levels its drives
    /// lost × the capacity.
    static func efficiencySQL(key: Int, month: Month, zone: TimeZone) -> String {
        """
        SELECT day, round(sum(lost) / 100 * \(capacitySQL(key: key)) / sum(km) * 100, 1) AS kWhPer100km FROM (
            SELECT \(localDay("startedAt", month: month, zone: zone)) AS day, max(0, startLevel - endLevel) AS lost, distance AS km FROM drives
            WHERE vehicle = \(key) AND startedAt >= \(month.start) AND startedAt < \(month.end) AND startLevel IS NOT NULL AND endLevel IS NOT NULL)
        GROUP BY day HAVING sum(km) >= 1 AND kWhPer100km IS NOT NULL ORDER BY day
        """
    }

    /// The map's query: the month's drives and the positions kept while each drove.
    static func pathsSQL(key: Int, month: Month) -> String {
        """
        SELECT d.startedAt, d.distance, p.latitude, p.longitude FROM drives d
            LEFT JOIN positions p ON p.vehicle = d.vehicle AND p.at BETWEEN d.startedAt AND d.endedAt
        WHERE d.vehicle = \(key) AND d.startedAt >= \(month.start) AND d.startedAt < \(month.end) ORDER BY d.startedAt, p.at
        """
    }

    /// The month's drives with the positions kept while each drove (``pathsSQL(key:month:)``).
    private static func paths(
        _ store: HistoryStore, key: Int, month: Month
    ) throws(HistoryError) -> [(startedAt: Int, km: Double?, path: [(latitude: Double, longitude: Double)])] {
        let rows = try store.read { db in try db.rows(pathsSQL(key: key, month: month)) }
        var drives: [(startedAt: Int, km: Double?, path: [(latitude: Double, longitude: Double)])] = []
        for row in rows {
            guard let start = row.get("startedAt", as: Int.self) else { continue }
            if drives.last?.startedAt != start { drives.append((start, row.get("distance", as: Double.self), [])) }
            if let latitude = row.get("latitude", as: Double.self), let longitude = row.get("longitude", as: Double.self) {
                drives[drives.count - 1].path.append((latitude, longitude))
            }
        }
        return drives
    }
}
