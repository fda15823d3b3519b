import APIContract

/// `GET …/status`: the production composite (docs/api.md §8.4) — 4.1x `energies`, `engines`, `powertrain`,
/// `preconditioning`, plus the legacy `energy` array and `preconditionning` that production still duplicates.
extension Documents {
    package func status(_ v: Fleet.Vehicle, extensions: [String] = []) -> JSON {
        var random = SeededRandom(seed: fleet.seed, "status", v.index)
        let updated = fleet.epoch - random.int(in: 600...86400)
        let at = JSON.string(Timestamp.format(updated))
        let model = v.model
        let electricLevel = SeededRandom.round(random.double(in: 8...100), 0)
        let fuelLevel = SeededRandom.round(random.double(in: 5...100), 0)
        let plugged = model.motorization != .thermic && random.chance(0.35)
        let charging = plugged && electricLevel < 100 && random.chance(0.6)
        let remaining = charging ? Int((100 - electricLevel) * Double(model.batteryWh) / 100 / 7400 * 3600) / 60 * 60 : 0
        let chargingRate = charging ? random.int(in: 8...45) : 0
        let nextDelayed = Timestamp.formatDuration(random.int(in: 1...23) * 3600 + random.int(in: 0...59) * 60)
        let mileage = v.mileage

        var energies: [JSON] = []
        var legacy: [JSON] = []
        if model.motorization != .electric {
            let autonomy = Int(Double(model.fuelRange) * fuelLevel / 100)
            let instant = SeededRandom.round(random.double(in: 4.2...7.8), 1)
            energies.append(
                .obj([
                    "createdAt": at, "type": "Fuel", "subType": "FossilEnergy", "level": .double(fuelLevel),
                    "autonomy": .int(autonomy),
                    "extension": .obj([
                        "fuel": .obj(["consumptions": .obj(["total": .double(SeededRandom.round(mileage * 5.9, 0)), "instant": .double(instant)])])
                    ]),
                ]))
            legacy.append(
                .obj(["createdAt": at, "updatedAt": at, "type": "Fuel", "level": .double(fuelLevel), "autonomy": .int(autonomy), "consumption": 0.0]))
        }
        if model.motorization != .thermic {
            let autonomy = Int(Double(model.range) * electricLevel / 100)
            let health = random.int(in: 88...100)
            let residual = Int(Double(model.batteryWh) * electricLevel / 100)
            let chargingStatus: JSON = .string(charging ? "InProgress" : plugged ? "Finished" : "Disconnected")
            let mode: JSON = .string(charging ? (chargingRate > 30 ? "Quick" : "Slow") : "No")
            energies.append(
                .obj([
                    "createdAt": at, "type": "Electric", "subType": "ElectricEnergy", "level": .double(electricLevel),
                    "autonomy": .int(autonomy),
                    "extension": .obj([
                        "electric": .obj([
                            "battery": .obj([
                                "load": .obj(["createdAt": at, "capacity": .int(model.batteryWh), "residual": .int(residual)]),
                                "health": .obj(["createdAt": at, "capacity": .int(health), "resistance": .int(random.int(in: 8...20))]),
                            ]),
                            "charging": .obj([
                                "plugged": .bool(plugged), "status": chargingStatus,
                                "remainingTime": .string(Timestamp.formatDuration(remaining)), "chargingRate": .int(chargingRate),
                                "chargingMode": mode, "nextDelayedTime": .string(nextDelayed),
                            ]),
                        ])
                    ]),
                ]))
            legacy.append(
                .obj([
                    "createdAt": at, "updatedAt": at, "type": "Electric", "level": .double(electricLevel),
                    "autonomy": .int(autonomy), "residual": .double(SeededRandom.round(Double(residual) / 1000, 1)),
                    "battery": .obj(["capacity": .double(Double(model.batteryWh)), "health": .obj(["capacity": .int(health), "resistance": 15])]),
                    "charging": .obj([
                        "plugged": .bool(plugged), "status": chargingStatus,
                        "remainingTime": .string(Timestamp.formatDuration(remaining)), "chargingRate": .int(chargingRate),
                        "chargingMode": mode, "nextDelayedTime": .string(nextDelayed),
                    ]),
                ]))
        }

        let program: JSON = .obj([
            "enabled": .bool(random.chance(0.5)), "slot": 1, "recurrence": "Daily",
            "start": .string("PT\(random.int(in: 5...8))H\(random.pick([0, 15, 30, 45]))M"),
            "occurence": .obj(["day": .array(["Mon", "Tue", "Wed", "Thu", "Fri"].filter { _ in random.chance(0.7) }.map { .string($0) } + ["Sat"])]),
        ])
        let airConditioning: JSON = .obj([
            "createdAt": at, "updatedAt": at, "status": "Disabled",
            "programs": model.motorization == .thermic ? nil : .array([program]),
        ])
        let engines: [JSON] = {
            switch model.motorization {
            case .electric: return [.obj(["type": "Electric", "speed": 0.0, "createdAt": at])]
            case .hybrid:
                return [.obj(["type": "Thermic", "speed": 0.0, "createdAt": at]), .obj(["type": "Electric", "speed": 0.0, "createdAt": at])]
            case .thermic: return [.obj(["type": "Thermic", "speed": 0.0, "createdAt": at])]
            }
        }()
        let openings: [JSON] = ["Trunk", "Driver", "RearRight", "RearLeft", "Passenger"].map {
            .obj(["identifier": .string($0), "state": "Closed"])
        }
        // The first car was left unlocked (as owners sometimes do), so that locking it remotely changes something.
        let locked = random.chance(0.8) && v.index != 0
        var embedded: [(String, JSON)] = []
        if extensions.contains("odometer") {
            // The v4.0 spec spells this extension `odemeter` (Extension schema); production also has `odometer` at the root.
            embedded.append(("odemeter", .obj(["createdAt": at, "mileage": .double(mileage)])))
        } else if extensions.contains("kinetic") {
            embedded.append(("kinetic", .obj(["createdAt": at, "moving": false, "speed": 0.0, "acceleration": 0.0])))
        }
        let path = vehiclePath(v)
        var positionRandom = SeededRandom(seed: fleet.seed, "lastPosition", v.index)
        let lastTime = fleet.tripsPerVehicle > 0 ? fleet.trip(vehicle: v, 0).stoppedAt : fleet.epoch - 7200
        return .obj([
            "createdAt": at, "updatedAt": at,
            "lastPosition": position(fleet.place(vehicle: v, 0), at: lastTime, random: &positionRandom),
            "engines": .array(engines),
            "powertrain": .obj(["createdAt": at, "status": "Stopped"]),
            "ignition": .obj(["createdAt": at, "type": "Stop"]),
            "battery": .obj(["voltage": .double(SeededRandom.round(random.double(in: 80...100), 1)), "createdAt": at]),
            "privacy": .obj(["createdAt": at, "state": .string(random.pick(["None", "None", "None", "Geolocation"]))]),
            "service": .obj([
                "createdAt": at, "type": .string(model.motorization == .electric ? "Electric" : model.motorization == .hybrid ? "Hybrid" : "Unknown"),
            ]),
            "doorsState": .obj([
                "createdAt": at, "lockedStates": locked ? ["RearDoorsLocked", "Locked"] : ["Unlocked"], "opening": .array(openings),
            ]),
            "environment": .obj([
                "luminosity": .obj(["createdAt": at, "day": .bool(random.chance(0.5))]),
                "air": .obj(["createdAt": at, "temp": .double(SeededRandom.round(random.double(in: -4...27), 1))]),
            ]),
            "odometer": .obj(["createdAt": at, "mileage": .double(mileage)]),
            "kinetic": .obj(["createdAt": at, "moving": false]),
            "safety": .obj([
                "createdAt": at, "beltStatus": [.obj(["belt": "Normal", "id": "Driver"]), .obj(["belt": "Normal", "id": "Passenger"])],
                "autoECallTriggering": "NotDetected",
            ]),
            "alarm": .obj(["status": .obj(["createdAt": at, "activation": locked ? "Active" : "Inactive"])]),
            "_links": .obj(["self": link(path + "/status?profile=endUser"), "vehicle": link(path)]),
            "_embedded": embedded.isEmpty ? nil : .obj(["extension": .object(embedded)]),
            "preconditioning": .obj(["airConditioning": airConditioning]),
            "energies": .array(energies),
            "preconditionning": .obj(["airConditioning": .obj(["createdAt": at, "updatedAt": at, "status": "Disabled"])]),
            "energy": .array(legacy),
        ])
    }
}
