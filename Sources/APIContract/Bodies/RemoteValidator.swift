/// Checks a 4.17 `Remote` body (`POST /user/vehicles/{id}/callbacks/{cbid}/remotes`, docs/api.md §11.2) as a real
/// server would: a label, attributes, and exactly one action — "only one action is supported at a time".
package enum RemoteValidator {
    /// Each action's key in the body and the `RemoteType` it is reported as.
    package static let actions: [(key: String, type: String)] = [
        ("preconditioning", "ThermalPreconditioning"), ("door", "Doors"), ("horn", "Horn"),
        ("charging", "ElectricBatteryChargingRequest"), ("lights", "Lights"), ("wakeUp", "WakeUp"), ("navigation", "Navigation"),
    ]

    /// Why a remote action failed (`RemoteFailedEventStatus`, docs/api.md §11.3).
    package static let failureCauses = [
        "GeneralError", "VehicleError", "WrongCommand", "VehicleConnectionTimeout", "MissingRights", "NotPossibleDueToVehicleBatteryLevel",
        "NotPossibleDueToVehiclePrivacyLevel", "TooManyWakeUpsOverMonth", "TooManyRequestInShortTime", "SameActionInProgress",
        "NotPossibleDueToVehicleStolenState", "VehicleInUse", "TooManyRequestSent", "DoorsOpen", "VehicleErrorOrCidInside", "CidInside",
        "ExternalChargingSystemError", "VehicleChargingSystemError", "VehicleIsNotLocked", "CanceledByDriver",
    ]

    /// Parses and validates a body; returns the document and its action's key, or throws the first problem.
    package static func validate(body: [UInt8]) throws(MonitorProblem) -> (document: JSON, action: String) {
        let document = try BodyCheck.parse(body)
        if let first = problems(in: document).first { throw first }
        let action = document.members?.first { member in actions.contains { $0.key == member.0 } }?.0 ?? ""
        return (document, action)
    }

    /// Every problem of a parsed body, in document order.
    package static func problems(in document: JSON) -> [MonitorProblem] {
        let check = RemoteCheck(document: document)
        check.collect { () throws(MonitorProblem) in try check.remote() }
        return check.problems
    }

    /// The `RemoteType` of an action key (`door` → `Doors`).
    package static func type(of action: String) -> String? { actions.first { $0.key == action }?.type }

    private static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    private final class RemoteCheck: BodyCheck {
        func remote() throws(MonitorProblem) {
            let keys = RemoteValidator.actions.map(\.key)
            let members = try object(document, "$", known: ["label", "attributes", "callbackAttributes"] + keys) ?? []
            collect { () throws(MonitorProblem) in _ = try string(document["label"], "$.label", required: false) }
            collect { () throws(MonitorProblem) in try attributes(document["attributes"], "$.attributes", types: ["Header", "Body"], required: false)
            }
            collect { () throws(MonitorProblem) in
                guard
                    let kinds = try object(
                        document["callbackAttributes"], "$.callbackAttributes", known: ["webhook", "websocket", "pushnotif"], required: false)
                else { return }
                for (kind, set) in kinds {
                    let types = kind == "webhook" ? ["Header", "Body", "Query"] : kind == "websocket" ? ["Body"] : ["Header", "Body"]
                    try attributes(set, "$.callbackAttributes.\(kind)", types: types, required: true)
                }
            }
            let actions = members.map(\.0).filter(keys.contains)
            guard actions.count == 1, let action = actions.first else {
                throw fail(
                    "$",
                    actions.isEmpty
                        ? "needs one action: \(keys.joined(separator: ", "))"
                        : "has \(actions.joined(separator: " and ")): only one action is supported at a time")
            }
            let path = "$.\(action)"
            let body = document[action]
            switch action {
            case "door":
                _ = try object(body, path, known: ["state", "forced"])
                _ = try oneOf(body?["state"], "\(path).state", ["Unlocked", "Locked"])
                _ = try bool(body?["forced"], "\(path).forced")
            case "horn":
                _ = try object(body, path, known: ["state"])
                _ = try oneOf(body?["state"], "\(path).state", ["Activated", "Unactivated"])
            case "lights":
                _ = try object(body, path, known: ["on"])
                _ = try bool(body?["on"], "\(path).on", required: true)
            case "wakeUp":
                _ = try object(body, path, known: ["action"])
                _ = try oneOf(body?["action"], "\(path).action", ["WakeUp"], required: false)
            case "navigation": try navigation(body, path)
            case "charging": try charging(body, path)
            default: try preconditioning(body, path)
            }
        }

        func navigation(_ body: JSON?, _ path: String) throws(MonitorProblem) {
            _ = try object(body, path, known: ["positions", "driverApproval"])
            _ = try bool(body?["driverApproval"], "\(path).driverApproval")
            guard let positions = body?["positions"]?.array, (1...10).contains(positions.count) else {
                throw fail("\(path).positions", "expected 1 to 10 GeoJSON points (up to 9 waypoints, then the destination)")
            }
            for (n, point) in positions.enumerated() {
                let p = "\(path).positions[\(n)]"
                _ = try object(point, p, known: ["type", "coordinates"])
                _ = try oneOf(point["type"], "\(p).type", ["Point"], required: false)
                guard let coordinates = point["coordinates"]?.array, (2...3).contains(coordinates.count),
                    let longitude = coordinates[0].number, let latitude = coordinates[1].number
                else { throw fail("\(p).coordinates", "expected [longitude, latitude]") }
                guard (-180...180).contains(longitude), (-90...90).contains(latitude) else {
                    throw fail("\(p).coordinates", "[\(longitude), \(latitude)] is not a longitude and a latitude")
                }
            }
        }

        func charging(_ body: JSON?, _ path: String) throws(MonitorProblem) {
            let members = try object(body, path, known: ["immediate", "schedule", "preferences", "nextDelayedTime"]) ?? []
            guard !members.isEmpty else { throw fail(path, "needs immediate, schedule or preferences") }
            if body?["preferences"] != nil, body?["schedule"] != nil || body?["immediate"] != nil {
                throw fail("\(path).preferences", "cannot be combined with schedule or immediate")
            }
            _ = try bool(body?["immediate"], "\(path).immediate")
            if let time = try string(body?["nextDelayedTime"], "\(path).nextDelayedTime", required: false), Timestamp.parse(time) == nil {
                throw fail("\(path).nextDelayedTime", "'\(time)' is not an RFC 3339 instant")
            }
            if let schedule = try object(body?["schedule"], "\(path).schedule", known: ["nextDelayedTime", "programs"], required: false) {
                guard schedule.count == 1 else { throw fail("\(path).schedule", "takes one of nextDelayedTime and programs") }
                if let time = try string(body?["schedule"]?["nextDelayedTime"], "\(path).schedule.nextDelayedTime", required: false),
                    Timestamp.parse(time) == nil
                {
                    throw fail("\(path).schedule.nextDelayedTime", "'\(time)' is not an RFC 3339 instant")
                }
                if let programs = body?["schedule"]?["programs"] {
                    guard let items = programs.array, !items.isEmpty else { throw fail("\(path).schedule.programs", "expected a non-empty array") }
                    for (n, item) in items.enumerated() {
                        let p = "\(path).schedule.programs[\(n)]"
                        _ = try object(item, p, known: ["start", "end", "occurence", "enabled"])
                        try timeOfDay(item["start"], "\(p).start")
                        try timeOfDay(item["end"], "\(p).end", required: false)
                        try occurence(item["occurence"], "\(p).occurence")
                        _ = try bool(item["enabled"], "\(p).enabled")
                    }
                }
            }
            if try object(body?["preferences"], "\(path).preferences", known: ["level", "type"], required: false) != nil {
                _ = try oneOf(
                    body?["preferences"]?["level"], "\(path).preferences.level", ["Level1", "Level2", "Level3", "Level4", "Level5"], required: false)
                _ = try oneOf(body?["preferences"]?["type"], "\(path).preferences.type", ["Partial", "Full"], required: false)
            }
        }

        func preconditioning(_ body: JSON?, _ path: String) throws(MonitorProblem) {
            _ = try object(body, path, known: ["airConditioning"])
            let air = "\(path).airConditioning"
            let members = try object(body?["airConditioning"], air, known: ["immediate", "programs"]) ?? []
            guard !members.isEmpty else { throw fail(air, "needs immediate or programs") }
            _ = try bool(body?["airConditioning"]?["immediate"], "\(air).immediate")
            guard let programs = body?["airConditioning"]?["programs"] else { return }
            guard let items = programs.array, !items.isEmpty else { throw fail("\(air).programs", "expected a non-empty array") }
            var slots: Set<Int> = []
            for (n, item) in items.enumerated() {
                let p = "\(air).programs[\(n)]"
                _ = try object(item, p, known: ["slot", "enabled", "recurrence", "start", "occurence", "actionsType"])
                guard let slot = try number(item["slot"], "\(p).slot", min: 1, max: 4, integer: true) else { throw fail("\(p).slot", "is required") }
                guard slots.insert(Int(slot)).inserted else { throw fail("\(p).slot", "slot \(Int(slot)) is given twice") }
                let kind = try oneOf(item["actionsType"], "\(p).actionsType", ["Set", "Delete"], required: false) ?? "Set"
                guard kind == "Set" else { continue }
                _ = try bool(item["enabled"], "\(p).enabled")
                _ = try oneOf(item["recurrence"], "\(p).recurrence", ["None", "Daily"], required: false)
                try timeOfDay(item["start"], "\(p).start")
                try occurence(item["occurence"], "\(p).occurence")
            }
        }

        /// `PT7H30M`: a time of day as an ISO 8601 duration below 24 hours.
        func timeOfDay(_ value: JSON?, _ path: String, required: Bool = true) throws(MonitorProblem) {
            guard let text = try string(value, path, required: required) else { return }
            guard let seconds = Timestamp.duration(text), seconds < 86400 else {
                throw fail(path, "'\(text)' is not a time of day as an ISO 8601 duration between PT0M and PT23H59M")
            }
        }

        func occurence(_ value: JSON?, _ path: String) throws(MonitorProblem) {
            guard try object(value, path, known: ["day"]) != nil else { return }
            guard let days = value?["day"]?.array, !days.isEmpty else { throw fail("\(path).day", "expected a non-empty array of Mon…Sun") }
            for (n, day) in days.enumerated() { _ = try oneOf(day, "\(path).day[\(n)]", RemoteValidator.days) }
        }
    }
}
