import Shell

extension View {
    /// An alert (`alerts`, `alert`, a trip's alerts): what, how serious, since when, whether it is still on.
    static let alert = View("alert", matching: .link("alerts/*"))
        .identified { $0.string("id") }
        .column("vin", .code("vin"))
        .column("started", .instant("startedAt"))
        .column("active", .yesNo("active", yes: "active", no: "ended", emphasis: .warning))
        .column("severity", .custom(cut: .never) { record, _ in AlertView.severity(record) })
        .column("message", .custom { record, _ in Cell(AlertView.message(record)) })
        .column("ended", .instant("endAt"), priority: 3)
        .column("id", .identifier("id"), priority: 2)
        .card { record, presentation in
            var lines = [View.Line("", AlertView.message(record), record.bool("active") == true ? .warning : nil)]
            if let vin = record.string("vin") { lines.append(View.Line("vin", vin)) }
            if let type = record.string("type") { lines.append(View.Line("type", type)) }
            if let severity = AlertView.severity(record) { lines.append(View.Line("severity", severity.text, severity.emphasis)) }
            lines.append(View.Line("state", record.bool("active") == true ? "active" : "ended"))
            if let started = record.string("startedAt").flatMap(Instant.init)?.text(presentation) { lines.append(View.Line("started", started)) }
            if let ended = record.string("endAt").flatMap(Instant.init)?.text(presentation) { lines.append(View.Line("ended", ended)) }
            if let point = record.at("startPosition").flatMap(GeoPoint.init(feature:)) {
                lines.append(View.Line("where", Units.coordinates(longitude: point.longitude, latitude: point.latitude)))
            }
            lines.append(View.Line("id", (record.string("id") ?? "").cutInMiddle(max(12, presentation.width - 10))))
            return lines
        }
}

/// Words for an alert.
enum AlertView {
    /// The localized message, else the type in words (`FuelLevelLow` → `fuel level low`).
    static func message(_ record: Record) -> String {
        record.string("message") ?? record.string("type").map(Units.words) ?? "alert"
    }

    /// `warning` (emphasized), `critical`, `information`.
    static func severity(_ record: Record) -> Cell? {
        guard let severity = record.string("severity") else { return nil }
        let emphasis: Emphasis? = severity == "Critical" ? .alarm : severity == "Warning" && record.bool("active") == true ? .warning : nil
        // The API's own word, so that `where severity == Warning` finds what the table shows.
        return Cell(severity, emphasis)
    }
}
