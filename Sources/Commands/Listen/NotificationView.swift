import Shell

extension View {
    /// A notification `listen` received: a 4.17 message (a monitor's event or a remote action's progress) or a v4.0
    /// monitor event — when, from what, and what it says.
    static let notification = View(
        "notification",
        matching: .test { record in
            (record["callbackId"] != nil && record["type"] != nil) || (record["monitorId"] != nil && record["events"] != nil)
        }
    )
    .column("at", .custom { record, presentation in NotificationView.date(record).flatMap { Instant($0)?.text(presentation) }.map { Cell($0) } })
    .column("kind", .custom(cut: .never) { record, _ in Cell(NotificationView.kind(record)) })
    .column("says", .custom { record, _ in NotificationView.says(record) })
    .column("from", .custom(cut: .identifier) { record, _ in NotificationView.source(record).map { Cell($0) } }, priority: 2)
    .card { record, presentation in
        var lines = [View.Line("", NotificationView.says(record)?.text ?? NotificationView.kind(record), NotificationView.says(record)?.emphasis)]
        lines.append(View.Line("kind", NotificationView.kind(record)))
        if let at = NotificationView.date(record).flatMap(Instant.init)?.text(presentation) { lines.append(View.Line("at", at)) }
        if let source = NotificationView.source(record) { lines.append(View.Line("from", source)) }
        if let callback = record.string("callbackId") { lines.append(View.Line("callback", callback)) }
        for attribute in record.records("attributes") {
            lines.append(View.Line("attribute", "\(attribute.string("key") ?? "")=\(attribute.string("value") ?? "")"))
        }
        return lines
    }
}

/// Words for a received notification.
enum NotificationView {
    /// 4.17's `date`, or the first v4.0 event's `eventDate`.
    static func date(_ record: Record) -> String? { record.string("date") ?? record.string("events.0.eventDate") }

    /// `monitor`, `monitor reminder`, `remote`.
    static func kind(_ record: Record) -> String {
        if record.string("type") == "Remote" { return "remote" }
        let refresh = record.bool("monitorEvent.refresh") ?? record.bool("events.0.refresh") ?? false
        return refresh ? "monitor reminder" : "monitor"
    }

    /// A remote action's progress (`Doors: success`, failures in the alarm color), or what made a monitor fire
    /// (`vehicle.energy.electric.level = 48`, or `fired` for a zone or a time).
    static func says(_ record: Record) -> Cell? {
        if let event = record.at("remoteEvent")?.recordValue {
            let status = event.string("eventStatus.status").map { Units.words($0).lowercased() } ?? "?"
            let cause = event.string("eventStatus.failureCause").map { ": " + RemoteFailure.explain($0).words } ?? ""
            let failed = event.string("eventStatus.status") == "Failed"
            return Cell("\(event.string("remoteType") ?? "remote action") \(status)\(cause)", failed ? .alarm : nil)
        }
        let values = record.records("monitorEvent.values") + record.records("events.0.values")
        guard !values.isEmpty else { return record["monitorEvent"] != nil || record["events"] != nil ? Cell("fired") : nil }
        return Cell(
            values.map { value in
                let literal =
                    value.string("value.body.literalValue") ?? value.at("value.body.objectValues").map { InlineText.text($0, limit: 60) } ?? "?"
                return "\(value.string("data") ?? "?") = \(literal)"
            }.joined(separator: ", "))
    }

    /// The monitor or the remote action it is about.
    static func source(_ record: Record) -> String? {
        record.string("monitorEvent.monitorId") ?? record.string("remoteEvent.remoteActionId") ?? record.string("monitorId")
    }
}
