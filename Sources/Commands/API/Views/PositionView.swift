import Shell

extension View {
    /// A GPS position, a GeoJSON Feature (`position`, the points of `waypoints`): where, when, how sure.
    static let position = View(
        "position", matching: .test { $0["type"] == .string("Feature") && $0.string("geometry.type") == "Point" }
    )
    .column("vin", .code("vin"))
    .column("time", .instant("properties.createdAt"))
    .column("latitude", .number("geometry.coordinates.1", digits: 5))
    .column("longitude", .number("geometry.coordinates.0", digits: 5))
    .column("altitude", .number("geometry.coordinates.2", unit: "m"), priority: 3)
    .column("heading", .custom(alignsRight: true, cut: .never) { record, _ in PositionView.heading(record).map { Cell($0) } }, priority: 2)
    .column("fix", .custom(cut: .never) { record, _ in Cell(PositionView.fix(record)) }, priority: 2)
    .card { record, presentation in
        var lines: [View.Line] = []
        if let vin = record.string("vin") { lines.append(View.Line("vin", vin)) }
        if let point = GeoPoint(feature: .record(record)) {
            var place = Units.coordinates(longitude: point.longitude, latitude: point.latitude)
            if let altitude = point.altitude { place += " · " + Units.number(altitude, digits: 0, unit: "m") + " high" }
            lines.append(View.Line("position", place))
        }
        if let time = (record.string("properties.createdAt") ?? record.string("createdAt")).flatMap(Instant.init)?.text(presentation) {
            lines.append(View.Line("recorded", time))
        }
        if let heading = PositionView.heading(record) { lines.append(View.Line("heading", heading)) }
        lines.append(View.Line("fix", PositionView.fix(record)))
        return lines
    }
}

/// Words for how a position was found.
enum PositionView {
    /// `340° NNW`.
    static func heading(_ record: Record) -> String? {
        guard let degrees = record.number("properties.heading") else { return nil }
        return Units.number(degrees, digits: 0) + "° " + Units.compass(degrees)
    }

    /// `GPS 3D, signal 8/9` for an acquired fix, `estimated` otherwise.
    static func fix(_ record: Record) -> String {
        let kind = record.string("properties.type") ?? ""
        var words = kind.hasPrefix("Acqui") || kind == "Aquire" ? "GPS" : kind.isEmpty ? "unknown" : "estimated"
        if words == "GPS", let fix = record.string("properties.fixStatus") { words += " " + fix }
        if let signal = record.number("properties.signalQuality") { words += ", signal " + Units.number(signal, digits: 0) + "/9" }
        return words
    }
}
