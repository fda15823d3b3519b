import APIContract

/// What a car is like at one simulated instant, as far as remote actions can change it: its generated state (the
/// status document the fleet makes from the seed), then every remote action that succeeded by then, in order.
package struct VehicleState: Sendable, Equatable {
    package var locked: Bool
    package var plugged: Bool
    package var charging: Bool
    /// The traction battery's level, for cars that have one.
    package var electricLevel: Double?
    package var privacy: String
    package var preconditioning: Bool
    /// The last navigation destination sent to the car, `[longitude, latitude]`.
    package var destination: [Double]?

    /// The generated state of `status` (a fleet status document).
    package init(status: JSON) {
        locked = status["doorsState"]?["lockedStates"]?.array?.contains(.string("Locked")) ?? false
        let electric = status["energies"]?.array?.first { $0["type"] == .string("Electric") }
        let charging = electric?["extension"]?["electric"]?["charging"]
        plugged = charging?["plugged"] == .bool(true)
        self.charging = charging?["status"] == .string("InProgress")
        electricLevel = electric?["level"]?.number
        privacy = status["privacy"]?["state"]?.string ?? "None"
        preconditioning = status["preconditioning"]?["airConditioning"]?["status"] == .string("Enabled")
    }

    /// The state after `action` succeeded.
    package mutating func apply(_ action: RemoteAction) {
        let body = action.remote[action.action]
        switch action.action {
        case "door": locked = body?["state"] == .string("Locked")
        case "charging":
            if case .bool(let start)? = body?["immediate"] { charging = start && plugged }
        case "preconditioning":
            if case .bool(let start)? = body?["airConditioning"]?["immediate"] { preconditioning = start }
        case "navigation":
            destination = body?["positions"]?.array?.last?["coordinates"]?.array?.compactMap(\.number)
        default: break
        }
    }

    /// Why the car cannot carry out `action` now, or whether it already has; nil when it can.
    package func refusal(of action: String, body: JSON?) -> (outcome: String, cause: String?)? {
        if privacy == "Full" { return ("Failed", "NotPossibleDueToVehiclePrivacyLevel") }
        switch action {
        case "door":
            let wantsLocked = body?["state"] == .string("Locked")
            return wantsLocked == locked ? ("AlreadyDone", nil) : nil
        case "charging":
            guard case .bool(let start)? = body?["immediate"] else { return nil }
            guard electricLevel != nil else { return ("Failed", "WrongCommand") }
            if start, !plugged { return ("Failed", "ExternalChargingSystemError") }
            return start == charging ? ("AlreadyDone", nil) : nil
        case "preconditioning":
            if let level = electricLevel, level < 10 { return ("Failed", "NotPossibleDueToVehicleBatteryLevel") }
            guard case .bool(let start)? = body?["airConditioning"]?["immediate"] else { return nil }
            return start == preconditioning ? ("AlreadyDone", nil) : nil
        default: return nil
        }
    }

    /// `status` (the generated document, whose state is `base`) with what differs in this state written over it:
    /// doors and alarm, charging, preconditioning. The same state leaves the document as it was.
    package func written(over status: JSON, from base: VehicleState) -> JSON {
        guard self != base, case .object(var members) = status else { return status }
        func update(_ key: String, _ change: (inout JSON) -> Void) {
            guard let index = members.firstIndex(where: { $0.0 == key }) else { return }
            change(&members[index].1)
        }
        if locked != base.locked {
            update("doorsState") { $0 = $0.setting("lockedStates", locked ? ["RearDoorsLocked", "Locked"] : ["Unlocked"]) }
            update("alarm") { alarm in
                alarm = alarm.setting("status", (alarm["status"] ?? .obj([:])).setting("activation", .string(locked ? "Active" : "Inactive")))
            }
        }
        if preconditioning != base.preconditioning {
            update("preconditioning") { pre in
                let air = (pre["airConditioning"] ?? .obj([:])).setting("status", .string(preconditioning ? "Enabled" : "Disabled"))
                pre = pre.setting("airConditioning", air)
            }
        }
        guard charging != base.charging else { return .object(members) }
        let chargingStatus: JSON = .string(charging ? "InProgress" : plugged ? "Stopped" : "Disconnected")
        update("energies") { energies in
            energies = .array(
                (energies.array ?? []).map { energy in
                    guard energy["type"] == .string("Electric"), let electric = energy["extension"]?["electric"] else { return energy }
                    let charging = (electric["charging"] ?? .obj([:])).setting("status", chargingStatus)
                    return energy.setting("extension", (energy["extension"] ?? .obj([:])).setting("electric", electric.setting("charging", charging)))
                })
        }
        update("energy") { energies in
            energies = .array(
                (energies.array ?? []).map { energy in
                    guard energy["type"] == .string("Electric"), let charging = energy["charging"] else { return energy }
                    return energy.setting("charging", charging.setting("status", chargingStatus))
                })
        }
        return .object(members)
    }
}

extension JSON {
    /// This object with `key` set to `value` (replaced in place, or appended).
    package func setting(_ key: String, _ value: JSON) -> JSON {
        guard case .object(var members) = self else { return self }
        if let index = members.firstIndex(where: { $0.0 == key }) { members[index].1 = value } else { members.append((key, value)) }
        return .object(members)
    }
}
