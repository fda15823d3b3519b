import APIContract
import Foundation
import Shell

extension View {
    /// A monitor (`monitors`, `monitors show`, and what `create`, `pause` and `resume` answer): its label, status,
    /// triggers in words, and where it posts — its webhook (v4.0) or its callback (4.17).
    static let monitor = View(
        "monitor",
        matching: .test { record in
            // A listed monitor links itself; what `create`, `pause` and `resume` answer has only `monitorId`.
            View.selfLink(of: record, endsWith: "monitors/*") || (record["monitorId"] != nil && record["status"] != nil)
        }
    )
    .identified { $0.string("id") ?? $0.string("monitorId") ?? $0.string("mid") }
    .column("vin", .code("vin"))
    .column("label", .text("monitor.label"))
    .column("status", .text("status"))
    .column("triggers", .custom { record, _ in MonitorView.triggers(record).map { Cell($0) } })
    .column("webhook", .text("monitor.subscribeParam.callback.target"), priority: 2)
    .column("callback", .custom(cut: .identifier) { record, _ in MonitorView.callback(record).map { Cell($0) } }, priority: 2)
    .column("created", .instant("createdAt"), priority: 3)
    .column("id", .custom(cut: .identifier) { record, _ in (record.string("id") ?? record.string("monitorId")).map { Cell($0) } }, priority: 2)
    .card { record, presentation in
        var lines: [View.Line] = []
        if let label = record.string("monitor.label") { lines.append(View.Line("", label)) }
        if let vin = record.string("vin") { lines.append(View.Line("vin", vin)) }
        lines.append(View.Line("id", record.string("id") ?? record.string("monitorId") ?? "—"))
        if let status = record.string("status") { lines.append(View.Line("status", status)) }
        if record.bool("reconciled") == true { lines.append(View.Line("reconciled", "found after a lost answer, not created twice")) }
        for (n, trigger) in record.records("monitor.triggerParam.triggers").enumerated() {
            lines.append(View.Line(n == 0 ? "triggers" : "", MonitorView.trigger(trigger)))
        }
        if let expression = MonitorView.expression(record) { lines.append(View.Line("when", expression)) }
        if let target = record.string("monitor.subscribeParam.callback.target") { lines.append(View.Line("webhook", target)) }
        if let callback = MonitorView.callback(record) { lines.append(View.Line("callback", callback)) }
        if let refresh = record.number("monitor.subscribeParam.refreshEvent") {
            lines.append(View.Line("reminders", "every " + Units.duration(seconds: Int(refresh))))
        }
        if let created = record.string("createdAt").flatMap(Instant.init)?.text(presentation) { lines.append(View.Line("created", created)) }
        return lines
    }
}

/// Words for a monitor's triggers.
enum MonitorView {
    /// `outOfParis, onMonday, batteryIsLow` with the expression when there is more than one.
    static func triggers(_ record: Record) -> String? {
        let names = record.records("monitor.triggerParam.triggers").compactMap { $0.string("name") }
        guard !names.isEmpty else { return nil }
        if names.count > 1, let expression = expression(record) { return expression }
        return record.records("monitor.triggerParam.triggers").map(trigger).joined(separator: ", ")
    }

    /// How the triggers combine: `bool.exp` (v4.0) or `boolExp` (4.17).
    static func expression(_ record: Record) -> String? {
        record.string("monitor.triggerParam.bool.exp") ?? record.string("monitor.triggerParam.boolExp")
    }

    /// A 4.17 monitor's callback id, read from its link (`…/callbacks/{cbid}/monitors/{mid}`).
    static func callback(_ record: Record) -> String? {
        guard let href = View.selfLink(of: record) ?? record.at("_links.monitor.href")?.stringValue,
            let range = href.range(of: "/callbacks/")
        else { return nil }
        return href[range.upperBound...].split(separator: "/").first.map { String($0) }
    }

    /// `outOfParis: leaves 20 km around 48.86667, 2.33333`, `batteryIsLow: vehicle.energy.electric.level < 50`.
    static func trigger(_ trigger: Record) -> String {
        let name = trigger.string("name") ?? "?"
        if let zone = trigger.at("zone")?.recordValue {
            let verb = zone.string("transition") == "In" ? "enters" : "leaves"
            let radius = zone.number("place.radius").map { Units.number($0, digits: 1, unit: "km", trimmed: true) + " around " } ?? ""
            let center =
                zone.number("place.center.latitude").flatMap { lat in
                    zone.number("place.center.longitude").map { Units.coordinates(longitude: $0, latitude: lat) }
                } ?? "a place"
            return "\(name): \(verb) \(radius)\(center)"
        }
        if let data = trigger.at("data")?.recordValue {
            let operators = [
                "lowerThan": "<", "greaterThan": ">", "equals": "=", "notEquals": "≠", "lowerOrEquals": "≤", "greaterOrEquals": "≥",
                "onChange": "changes",
            ]
            let op = data.string("op").map { operators[$0] ?? $0 } ?? "?"
            let values = data.at("value")?.listItems?.map(\.text).joined(separator: ", ") ?? ""
            return "\(name): \(data.string("data") ?? "?") \(op) \(values)".trimmingTrailingSpaces
        }
        if let time = trigger.at("time")?.recordValue {
            let windows = time.records("times").map { window -> String in
                let days = window.at("occurence.day")?.listItems?.map(\.text).joined(separator: ",") ?? window.string("recurrence") ?? ""
                let start = window.string("start").flatMap(Timestamp.duration).map { String(format: "%02d:%02d", $0 / 3600, $0 % 3600 / 60) } ?? ""
                let length = window.string("duration").flatMap(Timestamp.duration).map { " for " + Units.duration(seconds: $0) } ?? ""
                return "\(days) \(start)\(length)".trimmingTrailingSpaces
            }
            return "\(name): " + windows.joined(separator: "; ")
        }
        return name
    }
}
