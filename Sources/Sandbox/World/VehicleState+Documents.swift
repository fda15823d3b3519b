import APIContract

/// The live state written over the fleet's generated documents: what `status` and `lastPosition` say is where the
/// world is now; everything the world does not model (tyres, belts, maintenance, …) stays as generated.
extension VehicleState {
    /// `status` (a generated status document) with this state written over it.
    package func written(over status: JSON, model: Model) -> JSON {
        guard case .object(var members) = status else { return status }
        func update(_ key: String, _ change: (inout JSON) -> Void) {
            guard let index = members.firstIndex(where: { $0.0 == key }) else { return }
            change(&members[index].1)
        }
        let reported = reportedAt.map { JSON.string(Timestamp.format(Int($0))) }
        if let reported { update("updatedAt") { $0 = reported } }
        update("lastPosition") { $0 = written(overPosition: $0) }
        update("odometer") { $0 = $0.setting("mileage", .double(SeededRandom.round(odometer, 1))) }
        update("_embedded") { embedded in
            guard let odemeter = embedded["extension"]?["odemeter"] else { return }
            embedded = embedded.setting(
                "extension",
                (embedded["extension"] ?? .obj([:])).setting("odemeter", odemeter.setting("mileage", .double(SeededRandom.round(odometer, 1)))))
        }
        update("kinetic") { kinetic in
            kinetic = kinetic.setting("moving", .bool(moving))
            if moving { kinetic = kinetic.setting("speed", .double(speed)) }
        }
        update("engines") { engines in engines = .array((engines.array ?? []).map { $0.setting("speed", .double(moving ? speed : 0)) }) }
        update("ignition") { $0 = $0.setting("type", .string(moving ? "Start" : "Stop")) }
        update("powertrain") { $0 = $0.setting("status", .string(moving ? "Running" : "Stopped")) }
        update("privacy") { $0 = $0.setting("state", .string(privacy)) }
        update("doorsState") { $0 = $0.setting("lockedStates", locked ? ["RearDoorsLocked", "Locked"] : ["Unlocked"]) }
        update("alarm") { alarm in
            alarm = alarm.setting("status", (alarm["status"] ?? .obj([:])).setting("activation", .string(locked ? "Active" : "Inactive")))
        }
        update("preconditioning") { pre in
            let air = (pre["airConditioning"] ?? .obj([:])).setting("status", .string(preconditioning ? "Enabled" : "Disabled"))
            pre = pre.setting("airConditioning", air)
        }
        update("energies") { energies in energies = .array((energies.array ?? []).map { written(overEnergy: $0, model: model, legacy: false) }) }
        update("energy") { energies in energies = .array((energies.array ?? []).map { written(overEnergy: $0, model: model, legacy: true) }) }
        return .object(members)
    }

    /// A position Feature (`lastPosition`) moved to where the car is.
    package func written(overPosition position: JSON) -> JSON {
        var feature = position
        let altitude = position["geometry"]?["coordinates"]?.array?.dropFirst(2).first?.number ?? altitude
        feature = feature.setting(
            "geometry",
            (feature["geometry"] ?? .obj([:])).setting(
                "coordinates",
                [.double(SeededRandom.round(self.position.lon, 6)), .double(SeededRandom.round(self.position.lat, 6)), .double(altitude)]))
        var properties = feature["properties"] ?? .obj([:])
        properties = properties.setting("heading", .int(Int(heading.rounded()) % 360))
        let fixed = moving ? at : trips.last?.stoppedAt
        if let fixed { properties = properties.setting("createdAt", .string(Timestamp.format(Int(fixed)))) }
        return feature.setting("properties", properties)
    }

    /// One item of `energies` (or of the legacy `energy`) with the live level (a whole percentage, as cars report
    /// it), autonomy and charging.
    private func written(overEnergy energy: JSON, model: Model, legacy: Bool) -> JSON {
        var energy = energy
        switch energy["type"]?.string {
        case "Fuel":
            guard let fuelLevel else { return energy }
            energy = energy.setting("level", .double(fuelLevel.rounded()))
            return energy.setting("autonomy", .int(Int(Double(model.fuelRange) * fuelLevel / 100)))
        case "Electric":
            guard let electricLevel else { return energy }
            energy = energy.setting("level", .double(electricLevel.rounded()))
            energy = energy.setting("autonomy", .int(Int(Double(model.range) * electricLevel / 100)))
            if legacy {
                if energy["residual"] != nil {
                    energy = energy.setting("residual", .double(SeededRandom.round(Double(model.batteryWh) * electricLevel / 100_000, 3)))
                }
                guard let charging = energy["charging"] else { return energy }
                return energy.setting("charging", written(overCharging: charging, model: model))
            }
            guard var electric = energy["extension"]?["electric"] else { return energy }
            if let load = electric["battery"]?["load"] {
                let residual = JSON.int(Int(Double(model.batteryWh) * electricLevel / 100))
                electric = electric.setting("battery", (electric["battery"] ?? .obj([:])).setting("load", load.setting("residual", residual)))
            }
            if let charging = electric["charging"] { electric = electric.setting("charging", written(overCharging: charging, model: model)) }
            return energy.setting("extension", (energy["extension"] ?? .obj([:])).setting("electric", electric))
        default: return energy
        }
    }

    private func written(overCharging document: JSON, model: Model) -> JSON {
        let rate = chargeRate(model)
        let remaining = charging && rate > 0 ? Int((100 - (electricLevel ?? 100)) / rate) / 60 * 60 : 0
        let kmPerHour = Int(chargePower(model) * 1000 / Double(max(1, model.batteryWh)) * Double(model.range))
        return
            document
            .setting("plugged", .bool(plugged)).setting("status", .string(chargingStatus))
            .setting("remainingTime", .string(Timestamp.formatDuration(remaining)))
            .setting("chargingRate", .int(charging ? kmPerHour : 0))
            .setting("chargingMode", .string(charging ? chargeMode : "No"))
    }
}
