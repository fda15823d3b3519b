import Shell

extension View {
    /// When the next service is due (`maintenance`): days and distance, overdue in the alarm color.
    static let maintenance = View("maintenance", matching: .link("vehicles/*/maintenance"))
        .column("vin", .code("vin"))
        .column("due", .custom(cut: .never) { record, _ in MaintenanceView.due(record) })
        .column("days", .number("daysBeforeMaintenance", unit: "d"), priority: 2)
        .column("distance", .number("mileageBeforeMaintenance", unit: "km"), priority: 2)
        .column("checked", .instant("updatedAt"), priority: 3)
        .card { record, presentation in
            var lines: [View.Line] = []
            if let vin = record.string("vin") { lines.append(View.Line("vin", vin)) }
            if let due = MaintenanceView.due(record) { lines.append(View.Line("service", due.text, due.emphasis)) }
            if let checked = record.string("updatedAt").flatMap(Instant.init)?.text(presentation) { lines.append(View.Line("checked", checked)) }
            return lines
        }
}

/// Words for a service due date.
enum MaintenanceView {
    /// `in 180 days or 11996 km`, `overdue by 20 days` (alarm): 4.17's `daysBeforeMaintenance` or 4.0's
    /// misspelt `daysBeforeMaintenace`, and `mileageBeforeMaintenance`.
    static func due(_ record: Record) -> Cell? {
        let days = record.number("daysBeforeMaintenance") ?? record.number("daysBeforeMaintenace")
        let km = record.number("mileageBeforeMaintenance")
        guard days != nil || km != nil else { return nil }
        var overdue: [String] = []
        var ahead: [String] = []
        if let days {
            let text = Units.number(abs(days), digits: 0) + (abs(days) == 1 ? " day" : " days")
            if days < 0 { overdue.append(text) } else { ahead.append(text) }
        }
        if let km {
            let text = Units.number(abs(km), digits: 0, unit: "km")
            if km < 0 { overdue.append(text) } else { ahead.append(text) }
        }
        if !overdue.isEmpty { return Cell("overdue by " + overdue.joined(separator: " and "), .alarm) }
        return Cell("in " + ahead.joined(separator: " or "))
    }
}
