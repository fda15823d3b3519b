import APIContract
import Shell

/// The status card: one screen that answers "can I drive, and where is it" — energy with a bar and range, charging,
/// odometer, doors and locks, ignition and motion, position with its age and fix, service due, active alerts —
/// and, for a fleet (`vehicles | status`), a table of the same figures.
enum StatusView {
    /// What the card shows besides the status document, read when it is drawn: the vehicle's name (from the
    /// vehicle cache, no request), its maintenance and its active alerts (one request each).
    struct Extras: Sendable {
        var vehicle: String?
        var maintenance: Record?
        /// Active alerts on the first page, and whether more pages were left unread.
        var activeAlerts: (count: Int, more: Bool)?
    }

    /// The view, with `extras` to complete a card (nil: the document alone).
    static func view(extras: (@Sendable (Record) -> Extras)? = nil) -> View {
        View("status", matching: .link("vehicles/*/status"))
            .column("vin", .code("vin"))
            .column("energy", .custom(cut: .never) { record, presentation in level(record, presentation) })
            .column(
                "range",
                .custom(alignsRight: true, cut: .never) { record, _ in
                    let total = energies(record).compactMap { $0.number("autonomy") }.reduce(0, +)
                    return energies(record).isEmpty ? nil : Cell(Units.number(total, digits: 0, unit: "km"))
                }
            )
            .column("charging", .custom { record, _ in charging(record) }, priority: 2)
            .column("doors", .custom { record, _ in doors(record).map { Cell($0) } }, priority: 3)
            .column("odometer", .number("odometer.mileage", unit: "km", digits: 1), priority: 4)
            .column("updated", .instant("updatedAt"), priority: 5)
            .card { record, presentation in card(record, presentation, extras?(record) ?? Extras()) }
    }

    static func card(_ record: Record, _ presentation: Presentation, _ extras: Extras) -> [View.Line] {
        var lines: [View.Line] = []
        if let vehicle = extras.vehicle ?? record.string("vin") { lines.append(View.Line("", vehicle)) }
        for (n, energy) in energies(record).enumerated() {
            lines.append(View.Line(n == 0 ? "energy" : "", energyLine(energy, presentation), (energy.number("level") ?? 100) < 20 ? .alarm : nil))
        }
        if let charging = charging(record) { lines.append(View.Line("charging", charging.text, charging.emphasis)) }
        if let mileage = record.number("odometer.mileage") { lines.append(View.Line("odometer", Units.number(mileage, digits: 1, unit: "km"))) }
        if let doors = doors(record) { lines.append(View.Line("doors", doors)) }
        if let motion = motion(record) { lines.append(View.Line("engine", motion)) }
        if let position = position(record, presentation) { lines.append(View.Line("position", position)) }
        if let due = extras.maintenance.flatMap(MaintenanceView.due) { lines.append(View.Line("service", due.text, due.emphasis)) }
        if let alerts = extras.activeAlerts {
            let count = "\(alerts.count)\(alerts.more ? "+" : "")"
            lines.append(View.Line("alerts", alerts.count == 0 ? "none active" : "\(count) active", alerts.count > 0 ? .warning : nil))
        }
        if let climate = climate(record) { lines.append(View.Line("climate", climate)) }
        if let voltage = record.number("battery.voltage") { lines.append(View.Line("12 V battery", Units.number(voltage, digits: 0, unit: "%"))) }
        if let privacy = record.string("privacy.state"), privacy != "None" {
            lines.append(View.Line("privacy", privacy == "Geolocation" ? "position hidden" : "data hidden", .warning))
        }
        if let updated = (record.string("updatedAt") ?? record.string("createdAt")).flatMap(Instant.init)?.text(presentation) {
            lines.append(View.Line("updated", updated))
        }
        return lines
    }

    // MARK: The figures

    /// The energies: 4.17's `energies`, else the legacy `energy` array.
    static func energies(_ record: Record) -> [Record] {
        let current = record.records("energies")
        return current.isEmpty ? record.records("energy") : current
    }

    /// The charging record of the electric energy, wherever the version keeps it.
    static func chargingState(_ record: Record) -> Record? {
        guard let electric = energies(record).first(where: { $0.string("type") == "Electric" }) else { return nil }
        return electric.at("extension.electric.charging")?.recordValue ?? electric.at("charging")?.recordValue
    }

    /// `electric  48 % ▮▮▮▮▮▯▯▯▯▯  134 km  13.6 of 32.6 kWh`.
    static func energyLine(_ energy: Record, _ presentation: Presentation) -> String {
        let type = (energy.string("type") == "Fuel" ? "fuel" : "electric").padded(to: 8)
        let level = energy.number("level") ?? 0
        var parts = [
            type + "  " + Units.number(level, digits: 0, unit: "%").padded(to: 5, right: true) + "  "
                + Units.bar(level, unicode: presentation.unicode)
        ]
        if let autonomy = energy.number("autonomy") { parts.append(Units.number(autonomy, digits: 0, unit: "km").padded(to: 6, right: true)) }
        if let residual = energy.number("extension.electric.battery.load.residual"),
            let capacity = energy.number("extension.electric.battery.load.capacity"), capacity > 0
        {
            parts.append(Units.number(residual / 1000, digits: 1) + " of " + Units.number(capacity / 1000, digits: 1, unit: "kWh"))
        }
        return parts.joined(separator: "  ")
    }

    /// `48 %` for one energy, `fuel 98 % · electric 17 %` for two; alarm under 20 %.
    static func level(_ record: Record, _ presentation: Presentation) -> Cell? {
        let items = energies(record)
        guard !items.isEmpty else { return nil }
        let low = items.contains { ($0.number("level") ?? 100) < 20 }
        let texts = items.map { item in
            let level = Units.number(item.number("level") ?? 0, digits: 0, unit: "%")
            return items.count == 1 ? level : (item.string("type") == "Fuel" ? "fuel " : "electric ") + level
        }
        return Cell(texts.joined(separator: " · "), low ? .alarm : nil)
    }

    /// `plugged, charging at 30 km/h (quick), full in 2 h 10 min`, `plugged, charged`, `unplugged`.
    static func charging(_ record: Record) -> Cell? {
        guard let charging = chargingState(record) else { return nil }
        guard charging.bool("plugged") == true else { return Cell("unplugged") }
        switch charging.string("status") {
        case "InProgress":
            var text = "plugged, charging"
            if let rate = charging.number("chargingRate"), rate > 0 { text += " at " + Units.number(rate, digits: 0, unit: "km/h") }
            if let mode = charging.string("chargingMode"), mode != "No" { text += " (\(mode.lowercased()))" }
            if let remaining = charging.string("remainingTime").flatMap(Timestamp.duration), remaining > 0 {
                text += ", full in " + Units.duration(seconds: remaining)
            }
            return Cell(text, .good)
        case "Finished": return Cell("plugged, charged")
        case "Failure": return Cell("plugged, charging failed", .alarm)
        case "Stopped": return Cell("plugged, charging stopped")
        default:
            if let next = charging.string("nextDelayedTime").flatMap(Timestamp.duration), next > 0 {
                return Cell("plugged, next charge in " + Units.duration(seconds: next))
            }
            return Cell("plugged")
        }
    }

    /// `locked · all closed`, `unlocked · open: trunk, driver`.
    static func doors(_ record: Record) -> String? {
        let states = (record.at("doorsState.lockedStates") ?? record.at("doorsState.lockedState"))?.listItems?.compactMap(\.stringValue)
        let open = record.records("doorsState.opening").filter { $0.string("state") == "Open" }.compactMap { $0.string("identifier") }
        guard states != nil || record.at("doorsState.opening") != nil else { return nil }
        var parts: [String] = []
        if let states { parts.append(lockWords(states)) }
        parts.append(open.isEmpty ? "all closed" : "open: " + open.map { Units.words($0).lowercased() }.joined(separator: ", "))
        if record.string("alarm.status.activation") == "Active" { parts.append("alarm on") }
        return parts.joined(separator: " · ")
    }

    /// `locked`, `super-locked`, `unlocked`, or the states in words.
    static func lockWords(_ states: [String]) -> String {
        if states.contains("SuperLocked") { return "super-locked" }
        if states.contains("Locked") { return "locked" }
        if states.contains("Unlocked") { return "unlocked" }
        return states.map { Units.words($0).lowercased() }.joined(separator: ", ")
    }

    /// `off · parked`, `on · moving at 48 km/h`.
    static func motion(_ record: Record) -> String? {
        var parts: [String] = []
        if let ignition = record.string("ignition.type") {
            parts.append(["Stop": "off", "Start": "on", "StartUp": "starting", "Free": "free"][ignition] ?? Units.words(ignition))
        }
        if let moving = record.bool("kinetic.moving") {
            let speed = record.number("kinetic.speed").map { " at " + Units.number($0, digits: 0, unit: "km/h") } ?? ""
            parts.append(moving ? "moving" + speed : "parked")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// `45.07812, 7.69873 · 14:06 · 2 d ago · GPS 2D, signal 8/9`.
    static func position(_ record: Record, _ presentation: Presentation) -> String? {
        guard case .record(let feature)? = record["lastPosition"] else { return nil }
        guard let point = GeoPoint(feature: .record(feature)) else { return "unknown" }
        var parts = [Units.coordinates(longitude: point.longitude, latitude: point.latitude)]
        if let time = point.time.flatMap(Instant.init)?.text(presentation) { parts.append(time) }
        parts.append(PositionView.fix(feature))
        return parts.joined(separator: " · ")
    }

    /// `20.7 °C outside · preconditioning off`.
    static func climate(_ record: Record) -> String? {
        var parts: [String] = []
        if let temperature = record.number("environment.air.temp") { parts.append(Units.number(temperature, digits: 1, unit: "°C") + " outside") }
        let conditioning = record.at("preconditioning.airConditioning")?.recordValue ?? record.at("preconditionning.airConditioning")?.recordValue
        if let status = conditioning?.string("status") {
            let words = ["Enabled": "on", "Disabled": "off", "Finished": "done", "Failure": "failed"][status] ?? Units.words(status)
            let programs = conditioning?.records("programs").filter { $0.bool("enabled") == true }.count ?? 0
            parts.append("preconditioning \(words)" + (programs > 0 ? ", \(programs) program\(programs == 1 ? "" : "s") on" : ""))
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
