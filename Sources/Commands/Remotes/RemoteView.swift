import APIContract
import Shell

extension View {
    /// A remote action (API 4.17; `remote`, `remotes`): what was asked in words, where it stands, and why it
    /// failed. What `remote --no-wait` answers (`remoteActionId` and `type`) shows through it too.
    static let remote = View(
        "remote",
        matching: .test { record in
            View.selfLink(of: record, endsWith: "remotes/*") || (record["remoteActionId"] != nil && record["type"] != nil)
        }
    )
    .identified { $0.string("remoteActionId") }
    .column("sent", .custom(cut: .never) { record, presentation in RemoteView.sent(record, presentation).map { Cell($0) } })
    .column("action", .custom { record, _ in Cell(RemoteView.asked(record)) })
    .column("status", .custom(cut: .never) { record, _ in RemoteView.status(record) })
    .column(
        "cause", .custom { record, _ in record.string("failureCause").map { Cell(RemoteFailure.explain($0).words, .alarm) } }, field: "failureCause"
    )
    .column("label", .text("remote.label"), priority: 3)
    .column("id", .identifier("remoteActionId"), priority: 2)
    .card { record, presentation in
        var lines = [View.Line("", RemoteView.asked(record))]
        if let sent = RemoteView.sent(record, presentation) { lines.append(View.Line("sent", sent)) }
        if let status = RemoteView.status(record) { lines.append(View.Line("status", status.text, status.emphasis)) }
        if let cause = record.string("failureCause") {
            let (words, hint) = RemoteFailure.explain(cause)
            lines.append(View.Line("cause", "\(words) (\(cause))", .alarm))
            if !hint.isEmpty { lines.append(View.Line("hint", hint)) }
        }
        if let detail = record.string("feedbackDetail") {
            lines.append(View.Line("detail", detail == "NoCIDBlacklisted" ? "locked; no key blacklisted" : Units.words(detail).lowercased()))
        }
        if record.bool("reconciled") == true { lines.append(View.Line("reconciled", "found after a lost answer, not sent twice")) }
        if let label = record.string("remote.label") { lines.append(View.Line("label", label)) }
        lines.append(View.Line("id", record.string("remoteActionId") ?? "—"))
        return lines
    }
}

/// Words for a remote action.
enum RemoteView {
    /// When ccsh sent it, as local time and age (`09:30 · 2 min ago`); nil for an action another client sent.
    static func sent(_ record: Record, _ presentation: Presentation) -> String? {
        guard let label = record.string("remote.label"), let seconds = RemoteSending.sentAt(label: label) else { return nil }
        return Instant(Timestamp.format(seconds))?.text(presentation)
    }

    /// What was asked: `lock the doors`, `charge now`, `navigate to 48.80490, 2.12040`.
    static func asked(_ record: Record) -> String {
        guard let remote = record.at("remote")?.recordValue else { return record.string("type").map(Units.words)?.lowercased() ?? "remote action" }
        if let state = remote.string("door.state") { return state == "Locked" ? "lock the doors" : "unlock the doors" }
        if remote["horn"] != nil { return "sound the horn" }
        if let on = remote.bool("lights.on") { return on ? "flash the lights" : "lights off" }
        if remote["wakeUp"] != nil { return "wake the car up" }
        if let immediate = remote.bool("charging.immediate") { return immediate ? "charge now" : "stop charging" }
        if let at = remote.string("charging.schedule.nextDelayedTime") { return "charge at \(at)" }
        if let level = remote.string("charging.preferences.level") {
            return "charge to \(level.lowercased().replacingOccurrences(of: "level", with: "level "))"
                + (remote.string("charging.preferences.type").map { ", \($0.lowercased())" } ?? "")
        }
        if let immediate = remote.bool("preconditioning.airConditioning.immediate") { return immediate ? "precondition now" : "stop preconditioning" }
        if let program = remote.records("preconditioning.airConditioning.programs").first {
            let slot = program.number("slot").map { String(Int($0)) } ?? "?"
            return program.string("actionsType") == "Delete" ? "delete preconditioning program \(slot)" : "set preconditioning program \(slot)"
        }
        if let last = remote.records("navigation.positions").last, let coordinates = last.at("coordinates")?.listItems, coordinates.count >= 2,
            let longitude = coordinates[0].number, let latitude = coordinates[1].number
        {
            return "navigate to " + Units.coordinates(longitude: longitude, latitude: latitude)
        }
        return record.string("type").map(Units.words)?.lowercased() ?? "remote action"
    }

    /// The status, green when done well, red when failed, plain while pending.
    static func status(_ record: Record) -> Cell? {
        guard let status = record.string("status") else { return nil }
        let emphasis: Emphasis? = status == "Failed" ? .alarm : ["Success", "AlreadyDone"].contains(status) ? .good : nil
        // The API's own word, so that `where status == Failed` finds what the table shows.
        return Cell(status, emphasis)
    }
}
