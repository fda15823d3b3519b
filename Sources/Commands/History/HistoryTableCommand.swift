import APIContract
import Foundation
import History
import Shell

/// `history status`, `history positions`, `charges`, `drives`, `drain`: one car's recorded history, read from
/// `record`'s database (docs/history.md) row by row as the pipeline asks, oldest first, so that a year of snapshots
/// flows through `where`, `select`, `chart`, `map` and `to csv` without being held. Nothing is sent to the API but
/// what naming the car takes.
struct HistoryTableCommand: Command {
    enum Table: String, CaseIterable { case status, positions, charges, drives, drain }

    /// What a table's command says of itself and reads.
    struct Reading {
        var name: String
        var summary: String
        var example: (source: String, meaning: String)
        var output: String
        /// The columns read, from `source`, whose time column is `time` (named `at` when it is `reportedAt`).
        var columns: String
        var source: String
        var time: String
        var times: Set<String> = ["startedAt", "endedAt"]
        var flags: Set<String> = []
        /// Fields naming a row's positions by the user's places (``Place/name(latitude:longitude:among:)``): the
        /// field, and the columns of its latitude and longitude.
        var named: [(field: String, latitude: String, longitude: String)] = []
        /// A field each row gets from the snapshots or positions of its time (``HistoryTableCommand/Detail``).
        var detail: Detail? = nil
    }

    /// A list a row gets from another table, over the row's own time: a charge session's `levels`, a drive's `path`.
    /// Read with one query for all the rows, in their order (``HistoryDatabase/Detail``), not one a row.
    struct Detail {
        var name: String
        /// Its query, of the car's id and the window (seconds since 1970), as the rows' own: each item with
        /// `detailKey`, the start of its row, ordered by it.
        var sql: String
    }

    var view: View? {
        switch table {
        case .status: .snapshot
        case .positions: nil
        case .charges: .chargeSession
        case .drives: .drive
        case .drain: .parkedPeriod
        }
    }

    let api: APIContext
    let table: Table

    var reading: Reading {
        switch table {
        case .status:
            Reading(
                name: "history status", summary: "A car's recorded status: levels, range, odometer, charging, where, oldest first.",
                example: ("history status 0 --every 1h | get electricLevel | last", "The first car's latest hourly battery level."),
                output: "at, levels, ranges, odometer, plugged, charging, moving, speed, position",
                columns: """
                    reportedAt AS at, electricLevel, electricRange, fuelLevel, fuelRange, odometer, plugged, chargingStatus, chargingMode,
                    chargingRate, moving, speed, latitude, longitude, outsideTemperature, preconditioning
                    """, source: "statusSnapshots", time: "reportedAt", times: ["at"], flags: ["plugged", "moving", "preconditioning"])
        case .positions:
            Reading(
                name: "history positions", summary: "Where a car was, as recorded: for `map` and `to gpx`.",
                example: ("history positions 0 | count", "How many positions of the first car are kept."),
                output: "at, latitude, longitude, altitude, heading", columns: "at, latitude, longitude, altitude, heading", source: "positions",
                time: "at", times: ["at"])
        case .charges:
            Reading(
                name: "charges", summary: "A car's charge sessions, as record derived them: levels, energy, power, where.",
                example: ("charges 0 --since 30d | get energyAdded | sum", "The energy the first car took in the last 30 days (kWh)."),
                output: "startedAt, endedAt, levels, energyAdded, averagePower, speed, position, place, levels (the level curve: at, level)",
                columns: "startedAt, endedAt, startLevel, endLevel, energyAdded, averagePower, speed, latitude, longitude",
                source: "chargeSessions", time: "startedAt", named: [("place", "latitude", "longitude")],
                detail: Detail(
                    name: "levels",
                    sql: """
                        SELECT c.startedAt AS detailKey, s.reportedAt AS at, s.electricLevel AS level
                        FROM chargeSessions c JOIN statusSnapshots s
                            ON s.vehicle = c.vehicle AND s.reportedAt BETWEEN c.startedAt AND coalesce(c.endedAt, 2147483647)
                        WHERE c.vehicle = (SELECT key FROM vehicles WHERE id = ?) AND c.startedAt BETWEEN ? AND ?
                            AND s.electricLevel IS NOT NULL
                        ORDER BY c.startedAt, s.reportedAt
                        """))
        case .drives:
            Reading(
                name: "drives", summary: "A car's drives: the API's trips, and those it missed, from the odometer.",
                example: ("drives 0 | where source == \"inferred\" | count", "Drives of the first car the API never reported."),
                output:
                    "startedAt, endedAt, distance, levels, odometers, source, trip, positions, startPlace, endPlace, path (at, latitude, longitude)",
                columns: """
                    startedAt, endedAt, distance, startLevel, endLevel, startOdometer, endOdometer, source, trip, startLatitude, startLongitude,
                    endLatitude, endLongitude
                    """, source: "drives", time: "startedAt",
                named: [("startPlace", "startLatitude", "startLongitude"), ("endPlace", "endLatitude", "endLongitude")],
                detail: Detail(
                    name: "path",
                    sql: """
                        SELECT d.startedAt AS detailKey, p.at, p.latitude, p.longitude
                        FROM drives d JOIN positions p ON p.vehicle = d.vehicle AND p.at BETWEEN d.startedAt AND d.endedAt
                        WHERE d.vehicle = (SELECT key FROM vehicles WHERE id = ?) AND d.startedAt BETWEEN ? AND ?
                        ORDER BY d.startedAt, p.at
                        """))
        case .drain:
            Reading(
                name: "drain", summary: "A car's parked periods and what its battery lost in them, a day.",
                example: ("drain 0 | where drainPercentPerDay != null | count", "The first car's parked periods long enough to tell a drain."),
                output: "startedAt, endedAt, levels, drainPercentPerDay, drainKWhPerDay",
                columns: "startedAt, endedAt, startLevel, endLevel, drainPercentPerDay, drainKWhPerDay", source: "parkedPeriods", time: "startedAt")
        }
    }

    var signature: Signature {
        let reading = reading
        var signature = Signature(reading.name, summary: reading.summary)
            .example(reading.example.source, reading.example.meaning)
            .output("list of records (lazy): " + reading.output)
        signature = TimeWindow.flags(on: signature.required("vehicle", .vehicle))
        if table == .status {
            signature = signature.flag("every", .string, "One snapshot a period, the first of each: 15m, 1h, 1d.")
        }
        return HistoryDatabase.flag(on: signature)
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let reading = reading
        let vehicle = try VehicleArgument.id(call, input: input, api: api)
        let (since, until) = try TimeWindow.bounds(call, now: api.serverClock.now)
        let store = try HistoryDatabase.open(call, api: api)
        var arguments: [any SQLiteBindable] = [vehicle, since ?? Int(Int32.min), until ?? Int(Int32.max)]
        let filter = "FROM \(reading.source) WHERE vehicle = (SELECT key FROM vehicles WHERE id = ?) AND \(reading.time) BETWEEN ? AND ?"
        // With a detail, each row's raw start comes too, hidden: the key its detail's items carry.
        let raw = reading.detail == nil ? "" : ", \(reading.time) AS detailKey"
        var sql = "SELECT \(reading.columns)\(raw) \(filter) ORDER BY \(reading.time)"
        if let every = try Self.every(call) {
            // Grouped, SQLite gives the other columns of the row that holds min(time): each period's first row.
            sql = "SELECT min(\(reading.time)) AS first, \(reading.columns) \(filter) GROUP BY \(reading.time) / ? ORDER BY first"
            arguments.append(every)
        }
        // A file an older ccsh made has no places yet (a read-only store is not migrated).
        let places = reading.named.isEmpty ? [] : (try? store.places()) ?? []
        let costs = try costFields(call, store, vehicle: vehicle, since: since, until: until, places: places)
        return try HistoryDatabase.rows(
            store, sql, arguments, call: call, times: reading.times, flags: reading.flags,
            hidden: ["first", "detailKey"],
            named: reading.named.map { naming in
                { (fields: [Record.Field]) -> Record.Field? in
                    guard let latitude = fields.first(where: { $0.name == naming.latitude })?.value.number,
                        let longitude = fields.first(where: { $0.name == naming.longitude })?.value.number
                    else { return nil }
                    return Record.Field(name: naming.field, value: .string(Place.name(latitude: latitude, longitude: longitude, among: places)))
                }
            } + costs,
            detail: try reading.detail.map { detail in
                HistoryDatabase.Detail(name: detail.name, cursor: try store.cursor(detail.sql, Array(arguments.prefix(3))), times: ["at"])
            })
    }

    /// With tariffs declared, a charge session's `cost`, `currency` and `tariff` (or `uncosted`: why not), a drive's
    /// `energy` (kWh), `cost` and `currency` (docs/history.md, "Tariffs and costs"): worked out for the window's rows
    /// first, then given to each row by its start.
    private func costFields(
        _ call: Call, _ store: HistoryStore, vehicle: String, since: Int?, until: Int?, places: [Place]
    ) throws -> [([Record.Field]) -> Record.Field?] {
        guard table == .charges || table == .drives else { return [] }
        let tariffs = TariffBook(try StorySettings(api: api).tariffs())
        guard !tariffs.tariffs.isEmpty else { return [] }
        let (from, to) = (since ?? Int(Int32.min), until ?? Int(Int32.max))
        var fields: [String: [String: Value]] = [:]
        do throws(HistoryError) {
            if table == .charges {
                for charge in try store.chargeCosts(vehicle: vehicle, from: from, to: to, tariffs: tariffs, places: places) {
                    fields[Timestamp.format(charge.startedAt)] = [
                        "cost": charge.cost.map { .double($0.total) } ?? .null, "currency": charge.cost.map { .string($0.currency) } ?? .null,
                        "tariff": charge.cost.map { .string($0.tariff) } ?? .null, "uncosted": charge.uncosted.map { .string($0) } ?? .null,
                    ]
                }
            } else {
                for drive in try store.driveCosts(vehicle: vehicle, from: from, to: to, tariffs: tariffs, places: places) {
                    fields[Timestamp.format(drive.startedAt)] = [
                        "energy": drive.energy.map { .double(($0 * 1000).rounded() / 1000) } ?? .null,
                        "cost": drive.cost.map { .double($0) } ?? .null, "currency": drive.currency.map { .string($0) } ?? .null,
                    ]
                }
            }
        } catch {
            throw call.error(error.description, hint: "its tables are in docs/history.md")
        }
        let names = table == .charges ? ["cost", "currency", "tariff", "uncosted"] : ["energy", "cost", "currency"]
        return names.map { name in
            { (row: [Record.Field]) -> Record.Field? in
                guard case .string(let start)? = row.first(where: { $0.name == "startedAt" })?.value else { return nil }
                return Record.Field(name: name, value: fields[start]?[name] ?? .null)
            }
        }
    }

    /// `--every 1h` in seconds.
    private static func every(_ call: Call) throws -> Int? {
        guard let text = call.string("every") else { return nil }
        guard let seconds = DurationText.seconds(text), seconds >= 1 else {
            throw call.error("--every '\(text)' is not a period", hint: "write 15m, 1h or 1d", argument: "every", code: .badArgument)
        }
        return Int(seconds)
    }
}
