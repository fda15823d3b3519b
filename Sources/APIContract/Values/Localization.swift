/// The `locale` parameter (`\w(-\w)?` in the spec; in practice `fr-FR`, `en-GB`).
package enum Localization {
    /// `fr-FR`, `fr`, `pt-BR`, `zh-TW`: a 2–3 letter language with an optional 2-letter region (or `_` form).
    package static func isWellFormed(_ locale: String) -> Bool {
        let parts = locale.split(separator: "-", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: "_", omittingEmptySubsequences: false)
        }
        guard (1...2).contains(parts.count), (2...3).contains(parts[0].count), parts[0].allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.count == 1 || (parts[1].count == 2 && parts[1].allSatisfy { $0.isASCII && $0.isLetter })
    }
}

/// The v4.0 `TelemetryEnum` (docs/api.md §6), the values of telemetry's `type` filter.
package enum TelemetryTypes {
    package static let all: Set<String> = [
        "vehicle.odometer", "vehicle.moving", "vehicle.running", "vehicle.engines.oil.temp", "vehicle.engines.speed",
        "vehicle.brakingSystem.parking", "vehicle.brakingSystem.status", "vehicle.energy.type", "vehicle.energy.level",
        "vehicle.energy.consumption", "vehicle.energy.autonomy", "vehicle.ignition.", "vehicle.doorsState.lockedState",
        "vehicle.doorsState.opening", "vehicle.energy.charging.status", "vehicle.energy.charging.plugged",
        "vehicle.energy.charging.remainingTime", "vehicle.energy.charging.chargingRate", "vehicle.energy.charging.chargingMode",
        "vehicle.energy.charging.nextDelayedTime", "vehicle.transmission.gearbox.mode.automatic",
        "vehicle.transmission.gearbox.mode.sport", "vehicle.transmission.gearbox.mode.snow",
        "vehicle.transmission.gearbox.gear.recommended", "vehicle.acceleration.longitudinal",
        "vehicle.lightingSystem.signal.turn.left", "vehicle.lightingSystem.signal.turn.right",
        "vehicle.lightingSystem.foglight.front", "vehicle.lightingSystem.foglight.rear", "vehicle.adas.parkAssist.front",
        "vehicle.adas.parkAssist.rear", "vehicle.adas.aebs", "vehicle.adas.afil", "vehicle.adas.artiv", "vehicle.adas.esp",
        "vehicle.adas.abs", "vehicle.adas.fse", "vehicle.adas.acc", "vehicle.adas.lvv", "vehicle.adas.rvv",
        "vehicle.adas.lka.right", "vehicle.adas.lka.left", "vehicle.adas.bsm", "vehicle.adas.sli",
        "passenger.seatbelt.unbuckled", "environment.air.temp", "environment.luminosity.day",
    ]

    /// The telemetry document sections a type selects (`vehicle.energy.level` → `energy`).
    package static func section(of type: String) -> String {
        let parts = type.split(separator: ".")
        switch parts.first {
        case "environment": return "environment"
        case "passenger": return "safety"
        default:
            let group = parts.count > 1 ? String(parts[1]) : ""
            switch group {
            case "moving", "acceleration": return "kinetic"
            case "running": return "engines"
            case "lightingSystem": return "lighting"
            default: return group
            }
        }
    }
}
