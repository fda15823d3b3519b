import APIContract
import Foundation
import History
import Shell

/// `report REF [--month 2026-11] [--explain]`: a car's month at a glance (docs/history.md, "The monthly report"): a
/// card of its figures, each with its change since the month before, and pictures — a calendar strip of driving
/// and charging days, an efficiency chart, the month's drives on a map. `| to html` makes one self-contained page
/// of it; `--explain` gives, for every number, the query that gives it.
struct ReportCommand: Command {
    let api: APIContext

    var view: View? { .monthReport }

    var signature: Signature {
        HistoryDatabase.flag(
            on: Signature("report", summary: "A car's month at a glance: km, energy, cost, efficiency, drain, CO₂, and pictures.")
                .required("vehicle", .vehicle)
                .flag("month", .string, "The month, 2026-11 (default: the last whole month).")
                .flag("zone", .timeZone, LocalTime.help("the month's days"))
                .switch("explain", "For every number of the report, the query that gives it (SQL for `history sql`, or a pipeline).")
                .example("report 0 --month 2026-11 | get km", "How far the first car drove in November.")
                .example(
                    "(report 0 | to html) =~ '<svg'", "The last month as a page, its pictures inline SVG (`| save month.html` to keep it).",
                    result: true
                )
                .output(
                    "record: vehicle, vin, month, km, drives, kWh, cost, currency, efficiency, homeCharges, publicCharges, drain, co2, "
                        + "previous, change, days, efficiencyByDay, paths; with --explain a list of records: figure, month, value, query"))
    }

    /// The card's figures, in order.
    static let figureNames = ["km", "drives", "kWh", "cost", "efficiency", "homeCharges", "publicCharges", "drain", "co2"]

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let vehicle = try VehicleArgument.id(call, input: input, api: api)
        let zone = try LocalTime.zone(call)
        let now = Int(api.serverClock.now.timeIntervalSince1970)
        let month: MonthReport.Month
        if let text = call.string("month") {
            guard let named = MonthReport.Month(text, zone: zone) else {
                throw call.error("--month '\(text)' is not a month", hint: "write it 2026-11", argument: "month", code: .badArgument)
            }
            month = named
        } else {
            guard let current = MonthReport.Month(holding: now, zone: zone), let last = current.previous(zone: zone) else {
                throw call.error("no month holds the server's clock", code: .failed)
            }
            month = last
        }
        let settings = try StorySettings(api: api).tariffsAndEmissions()
        let tariffs = TariffBook(settings.tariffs)
        let factors = settings.emissions
        let store = try HistoryDatabase.open(call, api: api)
        let report: MonthReport
        let car: (vin: String?, label: String?)
        do throws(HistoryError) {
            car = try store.read { db in
                let row = try db.rows("SELECT vin, label FROM vehicles WHERE id = ?", [vehicle]).first
                return (row?.get("vin", as: String.self), row?.get("label", as: String.self))
            }
            // The cost's pipeline names the car by its VIN: the same car whatever reference was typed or piped.
            report = try MonthReport(
                store: store, vehicle: vehicle, reference: car.vin ?? "'\(vehicle)'", month: month, zone: zone, tariffs: tariffs,
                factors: factors)
        } catch {
            throw call.error(error.description, hint: "`record --once` keeps a first pass; its tables are in docs/history.md")
        }
        if call.isSet("explain") { return .value(.list(Self.explained(report))) }
        return .value(.record(Self.record(report, vin: car.vin, label: car.label)))
    }

    /// The report as a record (its view, ``View/monthReport``, draws it).
    static func record(_ report: MonthReport, vin: String?, label: String?) -> Record {
        func number(_ value: Double?) -> Value {
            guard let value else { return .null }
            return value == value.rounded() && abs(value) < 1e15 ? .int(Int(value)) : .double((value * 100).rounded() / 100)
        }
        var record = Record([
            Record.Field(name: "vehicle", value: label.map { .string($0) } ?? .null),
            Record.Field(name: "vin", value: vin.map { .string($0) } ?? .null),
            Record.Field(name: "month", value: .string(report.month.name)),
            Record.Field(name: "previousMonth", value: .string(report.previousMonth.name)),
        ])
        var previous = Record()
        var change = Record()
        for figure in report.figures {
            record[figure.name] = number(figure.value)
            previous[figure.name] = number(figure.previous)
            change[figure.name] = number(figure.value.flatMap { value in figure.previous.map { value - $0 } })
            if figure.name == "cost" { record["currency"] = report.currency.map { .string($0) } ?? .null }
        }
        record["previous"] = .record(previous)
        record["change"] = .record(change)
        record["days"] = .list(report.days.map { ["day": .string($0.day), "km": number($0.km), "kWh": number($0.kWh)] })
        record["efficiencyByDay"] = .list(report.efficiency.map { ["day": .string($0.day), "kWhPer100km": number($0.kWhPer100km)] })
        record["paths"] = .list(
            report.drives.map { drive in
                [
                    "startedAt": .string(Timestamp.format(drive.startedAt)), "km": number(drive.km),
                    "path": .list(drive.path.map { ["latitude": .double($0.latitude), "longitude": .double($0.longitude)] }),
                ]
            })
        return record
    }

    /// Each number's query: the card's for the month and the month before, then the pictures'.
    static func explained(_ report: MonthReport) -> [Value] {
        var rows: [Value] = []
        for figure in report.figures {
            rows.append(
                [
                    "figure": .string(figure.name), "month": .string(report.month.name), "value": figure.value.map { .double($0) } ?? .null,
                    "query": .string(figure.query),
                ])
            rows.append(
                [
                    "figure": .string(figure.name), "month": .string(report.previousMonth.name),
                    "value": figure.previous.map { .double($0) } ?? .null, "query": .string(figure.previousQuery),
                ])
        }
        let counts = [
            "calendar": report.days.filter { $0.km > 0 || $0.kWh > 0 }.count, "efficiency by day": report.efficiency.count,
            "drives map": report.drives.count,
        ]
        for (name, sql) in report.seriesQueries {
            rows.append(["figure": .string(name), "month": .string(report.month.name), "value": .int(counts[name] ?? 0), "query": .string(sql)])
        }
        return rows
    }
}
