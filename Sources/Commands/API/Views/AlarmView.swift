import Shell

extension View {
    /// An anti-theft alarm event (`alarms`, `alarm`; API 4.17): either the alarm was set or unset (`status`), or it
    /// went off (`trigger`: what was broken into, where).
    static let alarm = View("alarm", matching: .link("alarms/*"))
        .identified { $0.string("id") }
        .column("at", .custom { record, presentation in AlarmView.instant(record).flatMap { Instant($0)?.text(presentation) }.map { Cell($0) } })
        .column("event", .custom(cut: .never) { record, _ in AlarmView.event(record) })
        .column("what", .custom { record, _ in Cell(AlarmView.what(record)) })
        .column("where", .point("trigger.position"), priority: 2)
        .column("id", .identifier("id"), priority: 2)
        .card { record, presentation in
            var lines = [View.Line("", AlarmView.what(record), record["trigger"] != nil ? .alarm : nil)]
            if let event = AlarmView.event(record) { lines.append(View.Line("event", event.text, event.emphasis)) }
            if let at = AlarmView.instant(record).flatMap(Instant.init)?.text(presentation) { lines.append(View.Line("at", at)) }
            if let point = record.at("trigger.position").flatMap(GeoPoint.init(feature:)) {
                lines.append(View.Line("where", Units.coordinates(longitude: point.longitude, latitude: point.latitude)))
            }
            lines.append(View.Line("id", (record.string("id") ?? "").cutInMiddle(max(12, presentation.width - 10))))
            return lines
        }
}

/// Words for an alarm event.
enum AlarmView {
    /// When it happened: a trigger's start, else the status change's creation.
    static func instant(_ record: Record) -> String? {
        record.string("trigger.startAt") ?? record.string("trigger.createdAt") ?? record.string("status.createdAt")
    }

    /// `went off` (in the alarm color) or `set` / `unset`.
    static func event(_ record: Record) -> Cell? {
        if record["trigger"] != nil { return Cell("went off", .alarm) }
        guard let activation = record.string("status.activation") else { return nil }
        return Cell(activation == "Active" ? "set" : "unset")
    }

    /// What was broken into (`TrunkDoorBreakIn` → `trunk door break in`), or the alarm's new state.
    static func what(_ record: Record) -> String {
        if let type = record.string("trigger.type") { return Units.words(type).lowercased() }
        if let activation = record.string("status.activation") { return activation == "Active" ? "alarm set" : "alarm unset" }
        return "alarm event"
    }
}
