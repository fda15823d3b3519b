/// The tables a monitor body is checked against, per version: the data triggers with their value type and
/// operators, and the extensions an event may carry.
package struct MonitorRules: Sendable {
    /// What a data trigger's `value` strings must look like.
    package enum ValueKind: Sendable {
        case number, integer, boolean, alertList, literal, none
        case oneOf([String])
    }

    /// One datum a data trigger can watch.
    package struct Datum: Sendable {
        package var kind: ValueKind
        package var ops: Set<String>
        /// 4.17: whether `previous` (the state required before the first firing) is allowed.
        package var takesPrevious = false
    }

    package let version: APIVersion
    package let data: [String: Datum]
    package let extendedEventParams: Set<String>
    /// The telemetry types `vehicle.telemetry.<type>` may name.
    package let telemetryTypes: Set<String>
    /// The fields of the body's root object.
    package let rootFields: [String]
    /// The key of the boolean expression in `triggerParam`.
    package let expressionKey: String

    package static func of(_ version: APIVersion) -> MonitorRules {
        switch version {
        case .v40: v40
        case .v417: v417
        }
    }

    private static let comparisons: Set<String> = ["equalsTo", "greaterThan", "lowerThan"]
    private static let chargingStatuses = ["Disconnected", "InProgress", "Failure", "Stopped", "Finished"]

    /// v4.0's DataTrigger table (docs/api.md §10.1).
    static let v40 = MonitorRules(
        version: .v40,
        data: [
            "vehicle.alert": Datum(kind: .alertList, ops: ["onChange", "includedIn", "equalsTo"]),
            "vehicle.odometer": Datum(kind: .integer, ops: comparisons),
            "vehicle.engines.running": Datum(kind: .boolean, ops: ["onChange", "equalsTo"]),
            "vehicle.engines.thermic.oil.temp": Datum(kind: .integer, ops: comparisons),
            "vehicle.energy.electric.level": Datum(kind: .number, ops: comparisons),
            "vehicle.energy.electric.autonomy": Datum(kind: .number, ops: comparisons),
            "vehicle.energy.fuel.level": Datum(kind: .number, ops: comparisons),
            "vehicle.energy.fuel.autonomy": Datum(kind: .number, ops: comparisons),
            "vehicle.autonomy": Datum(kind: .number, ops: comparisons),
            "vehicle.energy.charging.status": Datum(kind: .oneOf(chargingStatuses), ops: ["onChange", "equalsTo"]),
            "vehicle.energy.charging.plugged": Datum(kind: .boolean, ops: ["onChange", "equalsTo"]),
            "vehicle.doorsState.lockedState": Datum(kind: .none, ops: ["onChange"]),
            "vehicle.doorsState.opening": Datum(kind: .none, ops: ["onChange"]),
            "vehicle.kinetic.moving": Datum(kind: .boolean, ops: ["onChange", "equalsTo"]),
            "vehicle.kinetic.speed": Datum(kind: .number, ops: comparisons),
            "vehicle.trip": Datum(kind: .none, ops: ["onChange"]),
            "vehicle.maintenance.daysBeforeMaintenance": Datum(kind: .number, ops: comparisons.union(["onChange"])),
            "vehicle.maintenance.mileageBeforeMaintenance": Datum(kind: .number, ops: comparisons.union(["onChange"])),
            "vehicle.safety.beltWarning": Datum(kind: .oneOf(["Normal", "Omission"]), ops: ["onChange", "equalsTo"]),
            "environment.air.temp": Datum(kind: .number, ops: comparisons),
            "privacy.state": Datum(kind: .oneOf(["None", "Geolocation", "Full"]), ops: ["equalsTo", "onChange", "includedIn"]),
        ],
        extendedEventParams: [
            "door.state", "vehicle.status", "vehicle.maintenance", "vehicle.position", "vehicle.telemetry", "alerts",
            "vehicle.doorsState", "vehicle.alerts",
        ],
        telemetryTypes: TelemetryTypes.all,
        rootFields: ["label", "locale", "subscribeParam", "extendedEventParam", "triggerParam"],
        expressionKey: "bool.exp")

    /// 4.17's DataTrigger table (docs/api.md §10.2), with the data that accept `previous`.
    static let v417 = MonitorRules(
        version: .v417,
        data: [
            "vehicle.alert": Datum(kind: .alertList, ops: ["onChange", "includedIn", "equalsTo"], takesPrevious: true),
            "vehicle.odometer": Datum(kind: .integer, ops: comparisons),
            "vehicle.powertrain.status": Datum(kind: .literal, ops: ["equalsTo", "onChange", "includedIn"]),
            "vehicle.engines.thermic.oil.temp": Datum(kind: .integer, ops: comparisons),
            "vehicle.energy.electric.level": Datum(kind: .integer, ops: comparisons),
            "vehicle.energy.electric.autonomy": Datum(kind: .integer, ops: comparisons),
            "vehicle.energy.fuel.level": Datum(kind: .integer, ops: comparisons),
            "vehicle.energy.fuel.autonomy": Datum(kind: .integer, ops: comparisons),
            "vehicle.autonomy": Datum(kind: .integer, ops: comparisons),
            "vehicle.energy.charging.status": Datum(
                kind: .oneOf(chargingStatuses), ops: ["onChange", "equalsTo", "includedIn"], takesPrevious: true),
            "vehicle.energy.charging.plugged": Datum(kind: .boolean, ops: ["onChange", "equalsTo"], takesPrevious: true),
            "vehicle.energy.charging.type": Datum(kind: .oneOf(["Partial", "Full"]), ops: ["onChange", "equalsTo"]),
            "vehicle.doorsState.lockedState": Datum(kind: .none, ops: ["onChange"]),
            "vehicle.doorsState.opening": Datum(kind: .none, ops: ["onChange"]),
            "vehicle.kinetic.moving": Datum(kind: .boolean, ops: ["onChange", "equalsTo"], takesPrevious: true),
            "vehicle.kinetic.speed": Datum(kind: .number, ops: comparisons),
            "vehicle.trip.start": Datum(kind: .none, ops: ["onChange"]),
            "vehicle.trip.stop": Datum(kind: .none, ops: ["onChange"]),
            "vehicle.trip.duration": Datum(kind: .integer, ops: comparisons),
            "vehicle.trip.distance": Datum(kind: .number, ops: comparisons),
            "vehicle.trip.state": Datum(kind: .oneOf(["Nominal", "Unstarted", "DataLacking", "Unfinished"]), ops: ["includedIn"]),
            "vehicle.safety.beltWarning": Datum(kind: .oneOf(["Normal", "Omission"]), ops: ["onChange", "equalsTo"], takesPrevious: true),
            "environment.air.temp": Datum(kind: .number, ops: comparisons),
            "privacy.state": Datum(kind: .oneOf(["None", "Geolocation", "Full"]), ops: ["equalsTo", "onChange", "includedIn"], takesPrevious: true),
            "vehicle.drivingBehavior.mode": Datum(kind: .literal, ops: ["equalsTo", "onChange", "includedIn"], takesPrevious: true),
            "vehicle.safety.autoECallTriggering": Datum(kind: .literal, ops: ["equalsTo", "onChange", "includedIn"], takesPrevious: true),
            "vehicle.preconditioning.airConditioning": Datum(kind: .none, ops: ["onChange"]),
            "vehicle.alarm.trigger.type": Datum(kind: .literal, ops: ["onChange", "equalsTo", "includedIn"]),
            "vehicle.alarm.status.activation": Datum(kind: .oneOf(["Inactive", "Active"]), ops: ["onChange", "equalsTo"]),
        ],
        extendedEventParams: [
            "vehicle.doorsState", "vehicle.status", "vehicle.maintenance", "vehicle.position", "vehicle.telemetry", "vehicle.alerts",
            "vehicle.alarm", "vehicle.trip",
        ],
        // 4.17's TelemetryEnum (docs/api.md §7).
        telemetryTypes: [
            "environment", "privacy", "vehicle", "vehicle.adas", "vehicle.battery", "vehicle.doorsState", "vehicle.energies", "vehicle.engines",
            "vehicle.ignition", "vehicle.lightingSystem", "vehicle.safety", "vehicle.transmission", "vehicle.alarm.status", "vehicle.alarm.trigger",
            "vehicle.wipingBlades",
        ],
        rootFields: ["label", "subscribeParam", "attributes", "extendedEventParam", "triggerParam"],
        expressionKey: "boolExp")

    /// Whether `name` is one of the extensions an event may carry (`vehicle.telemetry.<type>` included).
    package func isExtendedEventParam(_ name: String) -> Bool {
        extendedEventParams.contains(name)
            || (name.hasPrefix("vehicle.telemetry.") && telemetryTypes.contains(String(name.dropFirst(18))))
    }
}
