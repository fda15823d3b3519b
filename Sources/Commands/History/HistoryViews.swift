import Foundation
import Shell

extension View {
    /// A recorded status snapshot (`history status`): when, the levels, charging, where.
    static let snapshot = View(
        "snapshot", matching: .test { $0["at"] != nil && $0["electricLevel"] != nil && $0["chargingStatus"] != nil && $0["odometer"] != nil }
    )
    .column("at", .instant("at"))
    .column("battery", .percent("electricLevel"))
    .column("range", .number("electricRange", unit: "km"), priority: 3)
    .column("fuel", .percent("fuelLevel"), priority: 2)
    .column("charging", .custom { record, _ in record.string("chargingStatus").map { Cell(Units.words($0).lowercased()) } }, field: "chargingStatus")
    .column("moving", .yesNo("moving"), priority: 3)
    .column("odometer", .number("odometer", unit: "km", digits: 1), priority: 2)
    .column("where", .custom { record, _ in HistoryViews.place(record, "latitude", "longitude").map { Cell($0) } }, priority: 4)

    /// A charge session (`charges`): when, the levels, the energy, and its level curve on the card.
    static let chargeSession = View("charge session", matching: .test { $0["energyAdded"] != nil && $0["averagePower"] != nil })
        .column("started", .instant("startedAt"))
        .column("for", .custom(alignsRight: true, cut: .never) { record, _ in HistoryViews.length(record).map { Cell($0) } }, priority: 2)
        .column("levels", .custom(cut: .never) { record, _ in HistoryViews.levels(record).map { Cell($0) } })
        .column("energy", .number("energyAdded", unit: "kWh", digits: 1))
        .column("power", .number("averagePower", unit: "kW", digits: 1), priority: 3)
        .column("speed", .text("speed"), priority: 2)
        .column(
            "where", .custom { record, _ in (record.string("place") ?? HistoryViews.place(record, "latitude", "longitude")).map { Cell($0) } },
            priority: 4, field: "place"
        )
        .card { record, presentation in
            var lines = HistoryViews.times(record, presentation)
            if let levels = HistoryViews.levels(record) { lines.append(View.Line("levels", levels)) }
            if let energy = record.number("energyAdded") { lines.append(View.Line("energy", Units.number(energy, digits: 1, unit: "kWh"))) }
            if let power = record.number("averagePower") {
                lines.append(View.Line("power", Units.number(power, digits: 1, unit: "kW") + " on average"))
            }
            if let speed = record.string("speed") { lines.append(View.Line("speed", speed)) }
            if let place = record.string("place") ?? HistoryViews.place(record, "latitude", "longitude") { lines.append(View.Line("where", place)) }
            if let curve = HistoryViews.curve(record, presentation) { lines.append(View.Line("level", curve)) }
            return lines
        }

    /// A drive (`drives`): when, how far, the levels, the API's or inferred, and its path on a map on the card.
    static let drive = View("drive", matching: .test { $0["source"] != nil && $0["startOdometer"] != nil && $0["endOdometer"] != nil })
        .column("started", .instant("startedAt"))
        .column("for", .custom(alignsRight: true, cut: .never) { record, _ in HistoryViews.length(record).map { Cell($0) } }, priority: 2)
        .column("distance", .number("distance", unit: "km", digits: 1))
        .column("levels", .custom(cut: .never) { record, _ in HistoryViews.levels(record).map { Cell($0) } })
        .column("source", .text("source"), priority: 3)
        .column(
            "from → to",
            .custom { record, _ in
                guard let from = record.string("startPlace") ?? HistoryViews.place(record, "startLatitude", "startLongitude"),
                    let to = record.string("endPlace") ?? HistoryViews.place(record, "endLatitude", "endLongitude")
                else { return nil }
                return Cell(from + " → " + to)
            }, priority: 4
        )
        .card { record, presentation in
            var lines = HistoryViews.times(record, presentation)
            if let distance = record.number("distance") { lines.append(View.Line("distance", Units.number(distance, digits: 1, unit: "km"))) }
            if let levels = HistoryViews.levels(record) { lines.append(View.Line("levels", levels)) }
            if let source = record.string("source") {
                lines.append(View.Line("source", source == "inferred" ? "inferred: the API listed no trip for it" : "the API's trip"))
            }
            if let from = record.string("startPlace") ?? HistoryViews.place(record, "startLatitude", "startLongitude") {
                lines.append(View.Line("from", from))
            }
            if let to = record.string("endPlace") ?? HistoryViews.place(record, "endLatitude", "endLongitude") { lines.append(View.Line("to", to)) }
            let tracks = GeoTrack.tracks(from: .record(record))
            if tracks.contains(where: { $0.points.count > 1 }) {
                let plot = MapPlot(tracks: tracks, width: presentation.width, height: 10, unicode: presentation.unicode)
                lines.append(View.Line("path", plot.lines(width: presentation.width).joined(separator: "\n")))
            }
            return lines
        }

    /// A parked period (`drain`): when, the levels, and what the battery lost a day.
    static let parkedPeriod = View("parked period", matching: .test { $0["drainPercentPerDay"] != nil })
        .column("from", .instant("startedAt"))
        .column("for", .custom(alignsRight: true, cut: .never) { record, _ in HistoryViews.length(record).map { Cell($0) } })
        .column("levels", .custom(cut: .never) { record, _ in HistoryViews.levels(record).map { Cell($0) } })
        .column("drain", .number("drainPercentPerDay", unit: "%/day", digits: 1))
        .column("drain kWh", .number("drainKWhPerDay", unit: "kWh/day", digits: 2), priority: 2)

    /// A day's energy (`energy`).
    static let energyDay = View("energy day", matching: .test { $0["day"] != nil && $0["driven"] != nil && $0["charged"] != nil })
        .column("day", .text("day"))
        .column("charged", .number("charged", unit: "kWh", digits: 1))
        .column("driven", .number("driven", unit: "kWh", digits: 1))
        .column("distance", .number("distance", unit: "km", digits: 1))
}

/// Words and pictures for the history's rows.
enum HistoryViews {
    /// `2 h 05 min`: from `startedAt` to `endedAt`.
    static func length(_ record: Record) -> String? {
        guard let start = record.string("startedAt").flatMap(Instant.init), let end = record.string("endedAt").flatMap(Instant.init) else {
            return nil
        }
        return Units.duration(seconds: end.seconds - start.seconds)
    }

    /// `45 → 80 %`.
    static func levels(_ record: Record) -> String? {
        guard let start = record.number("startLevel"), let end = record.number("endLevel") else { return nil }
        return Units.fixed(start, digits: 0) + " → " + Units.fixed(end, digits: 0) + " %"
    }

    /// `48.85000, 2.35000`.
    static func place(_ record: Record, _ latitude: String, _ longitude: String) -> String? {
        guard let lat = record.number(latitude), let lon = record.number(longitude) else { return nil }
        return Units.coordinates(longitude: lon, latitude: lat)
    }

    /// The started and ended lines of a card.
    static func times(_ record: Record, _ presentation: Presentation) -> [View.Line] {
        var lines: [View.Line] = []
        if let started = record.string("startedAt").flatMap(Instant.init)?.text(presentation) { lines.append(View.Line("started", started)) }
        if let ended = record.string("endedAt").flatMap(Instant.init)?.text(presentation) { lines.append(View.Line("ended", ended)) }
        if let length = length(record) { lines.append(View.Line("for", length)) }
        return lines
    }

    /// The session's level over its time (its `levels`: `at`, `level`), as a line chart; nil with fewer than two.
    static func curve(_ record: Record, _ presentation: Presentation) -> String? {
        let points = record.records("levels").compactMap { point -> Chart.Point? in
            guard let at = point.string("at").flatMap(Instant.init), let level = point.number("level") else { return nil }
            return Chart.Point(x: Double(at.seconds), y: level, label: at.text(presentation) ?? "")
        }
        guard points.count > 1 else { return nil }
        return Chart.line(points, width: max(20, presentation.width - 12), height: 6, unicode: presentation.unicode).joined(separator: "\n")
    }
}
