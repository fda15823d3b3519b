import Shell

extension View {
    /// A telemetry message (`telemetry`): the car's figures at one instant.
    static let telemetry = View("telemetry", matching: .links(["vehicles/*/telemetry", "telemetry/*"]))
        .column("vin", .code("vin"))
        .column("time", .instant("createdAt"))
        .column("energy", .custom(alignsRight: true, cut: .never) { record, _ in TelemetryView.level(record) })
        .column(
            "range",
            .custom(alignsRight: true, cut: .never) { record, _ in
                TelemetryView.energy(record)?.number("autonomy").map { Cell(Units.number($0, digits: 0, unit: "km")) }
            }
        )
        .column("odometer", .number("vehicle.odometer.mileage", unit: "km", digits: 1), priority: 2)
        .column("speed", .number("vehicle.kinetic.speed", unit: "km/h"), priority: 3)
        .column("ignition", .text("vehicle.ignition.type"), priority: 3)
        .column("doors", .custom(cut: .never) { record, _ in TelemetryView.doors(record).map { Cell($0) } }, priority: 4)
        .column("outside", .number("environment.air.temp", unit: "°C", digits: 1), priority: 5)
        .column("id", .identifier("id"), priority: 6)
}

/// Words for a telemetry message.
enum TelemetryView {
    /// The first energy: 4.17's `vehicle.energies`, else 4.0's `vehicle.energy`.
    static func energy(_ record: Record) -> Record? { record.records("vehicle.energies").first ?? record.records("vehicle.energy").first }

    /// `59 %` (alarm under 20 %).
    static func level(_ record: Record) -> Cell? {
        guard let level = energy(record)?.number("level") else { return nil }
        return Cell(Units.number(level, digits: 0, unit: "%"), level < 20 ? .alarm : nil)
    }

    /// `locked` or `unlocked`.
    static func doors(_ record: Record) -> String? {
        let states = (record.at("vehicle.doorsState.lockedStates") ?? record.at("vehicle.doorsState.lockedState"))?.listItems?.compactMap(
            \.stringValue)
        return states.map(StatusView.lockWords)
    }
}
