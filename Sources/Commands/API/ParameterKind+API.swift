import Shell

/// The kinds of values ccsh's commands take (see ``ParameterKind``): each says once what a parameter of it accepts;
/// ``APICompletion`` registers what TAB offers for each, and ``VehicleResolver`` and ``ItemResolver`` read them.
extension ParameterKind {
    package static let vehicle = ParameterKind(
        "vehicle",
        help:
            "The vehicle: its number in the last `vehicles` listing, a label or unique label prefix, a VIN, or an id (the short form a table shows, or a prefix of 6 or more)."
    )
    package static let alert = item("alert", listedBy: "alerts")
    package static let trip = item("trip", listedBy: "trips")
    package static let alarm = item("alarm", listedBy: "alarms")
    package static let monitor = item("monitor", listedBy: "monitors")
    package static let callback = item("callback", listedBy: "callbacks")
    package static let remoteAction = item("remote action", listedBy: "remotes")
    package static let profile = ParameterKind("profile", help: "A profile's name (`profile list`).", isName: true)
    package static let locale = ParameterKind("locale", help: "A language and country, e.g. `fr-FR`.", isName: true)
    package static let telemetryType = ParameterKind(
        "telemetry type", help: "Telemetry types, comma-separated, e.g. `vehicle.odometer,vehicle.energy.level`.", isName: true)
    package static let settingValue = ParameterKind("setting value", help: "The new value: `set KEY` alone shows the current one.")

    /// An item of a vehicle or of the account, named as its table shows it.
    private static func item(_ name: String, listedBy command: String) -> ParameterKind {
        ParameterKind(
            name,
            help:
                "A\(name.first == "a" ? "n" : "") \(name): its id as a table shows it (`f46b25…fba4`), a unique prefix of 6 or more, or its row number in the last table of `\(command)`."
        )
    }
}
