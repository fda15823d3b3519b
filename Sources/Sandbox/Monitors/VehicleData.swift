import APIContract

/// The value of a monitor's `data` operand (docs/api.md §10.1–10.2 tables) in a car's state, as the literal a webhook
/// carries (`"48"`, `"InProgress"`, `"true"`; `vehicle.alert` is the active alerts the world raised, by type,
/// comma-separated); nil for data the world does not model (oil temperature, belts, maintenance, …), which then
/// never satisfies a trigger.
enum VehicleData {
    static func value(_ data: String, in state: VehicleState, vehicle: Fleet.Vehicle, fleet: Fleet) -> String? {
        func whole(_ value: Double?) -> String? { value.map { String(Int($0.rounded())) } }
        let electricAutonomy = state.electricLevel.map { Double(vehicle.model.range) * $0 / 100 }
        let fuelAutonomy = state.fuelLevel.map { Double(vehicle.model.fuelRange) * $0 / 100 }
        switch data {
        case "vehicle.energy.electric.level": return whole(state.electricLevel)
        case "vehicle.energy.fuel.level": return whole(state.fuelLevel)
        case "vehicle.energy.electric.autonomy": return whole(electricAutonomy)
        case "vehicle.energy.fuel.autonomy": return whole(fuelAutonomy)
        case "vehicle.autonomy":
            return electricAutonomy == nil && fuelAutonomy == nil ? nil : whole((electricAutonomy ?? 0) + (fuelAutonomy ?? 0))
        case "vehicle.energy.charging.status": return state.electricLevel == nil ? nil : state.chargingStatus
        case "vehicle.energy.charging.plugged": return state.electricLevel == nil ? nil : String(state.plugged)
        case "vehicle.doorsState.lockedState": return state.locked ? "Locked" : "Unlocked"
        case "vehicle.kinetic.moving", "vehicle.engines.running": return String(state.moving)
        case "vehicle.kinetic.speed": return whole(state.speed)
        case "vehicle.powertrain.status": return state.moving ? "Running" : "Stopped"
        case "vehicle.odometer": return whole(state.odometer)
        case "vehicle.trip", "vehicle.trip.stop": return state.trips.last.map { fleet.liveTripID(vehicle: vehicle.index, $0.number) }
        case "vehicle.trip.start": return state.moving ? fleet.liveTripID(vehicle: vehicle.index, state.trips.count) : nil
        case "vehicle.trip.duration": return state.trips.last.map { String(Int($0.duration)) }
        case "vehicle.trip.distance": return state.trips.last.map { String(SeededRandom.round($0.distance, 1)) }
        case "vehicle.trip.state": return state.moving ? "InProgress" : state.trips.isEmpty ? nil : "Finished"
        case "vehicle.alert": return state.alerts.filter(\.active).map(\.type).joined(separator: ",")
        case "privacy.state", "privacy.status": return state.privacy
        case "environment.air.temp": return String(state.airTemperature)
        case "vehicle.preconditioning.airConditioning": return state.preconditioning ? "Enabled" : "Disabled"
        case "vehicle.alarm.status.activation": return state.locked ? "Active" : "Inactive"
        default: return nil
        }
    }

    /// Whether `value` satisfies `op` with the trigger's `operands` (numbers compared as numbers, booleans without
    /// case, the rest exactly; `includedIn` is any of them).
    static func satisfies(_ value: String, _ op: String, _ operands: [String], list: Bool = false) -> Bool {
        if list {
            let items = value.split(separator: ",").map(String.init)
            return op == "equalsTo" ? items == operands : items.contains { operands.contains($0) }
        }
        func equal(_ a: String, _ b: String) -> Bool {
            if let x = Double(a), let y = Double(b) { return x == y }
            if ["true", "false"].contains(a.lowercased()) { return a.lowercased() == b.lowercased() }
            return a == b
        }
        guard let first = operands.first else { return false }
        switch op {
        case "equalsTo": return equal(value, first)
        case "includedIn": return operands.contains { equal(value, $0) }
        case "greaterThan": return Double(value).flatMap { v in Double(first).map { v > $0 } } ?? false
        case "lowerThan": return Double(value).flatMap { v in Double(first).map { v < $0 } } ?? false
        default: return false
        }
    }
}
