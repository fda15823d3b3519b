import APIContract
import Foundation
import Shell

/// The `Remote` body of `remote REF ACTION` (docs/api.md §11.2), from words instead of JSON: `lock`, `unlock`, `horn`,
/// `lights [--off]`, `wakeup`, `precondition --now|--stop|--program SLOT:DAYS:HH:MM|--delete SLOT`,
/// `charge --now|--stop|--at TIME|--level 1..5 [--full|--partial]`, `navigate LAT,LON…`. Checked with the API's
/// rules (``RemoteValidator``, the sandbox's) before anything is sent.
enum RemoteBody {
    /// The actions, as written after the vehicle.
    static let actions = ["lock", "unlock", "horn", "lights", "wakeup", "precondition", "charge", "navigate"]

    /// Adds the action flags to a signature.
    static func flags(on signature: Signature) -> Signature {
        signature
            .switch("off", "lights: switch them off (default: on).")
            .switch("now", "precondition, charge: start now.")
            .switch("stop", "precondition, charge: stop now.")
            .flag("program", .string, "precondition: set a program, SLOT:DAYS:HH:MM (`1:Mon-Fri:07:30`).")
            .flag("delete", .int, "precondition: delete the program in this slot (1 to 4).")
            .flag("at", .string, "charge: start at this time, HH:MM (the next one, local time) or an RFC 3339 instant.")
            .flag("level", .int, "charge: the charge level preference, 1 to 5.")
            .switch("full", "charge --level: a full charge.")
            .switch("partial", "charge --level: a partial charge.")
    }

    /// The body for `action`, labelled `label` (what finds it again when the POST's answer is lost).
    static func make(_ action: String, label: String, call: Call, now: Date = Date()) throws -> JSON {
        var body = FlagBuiltBody(value: Record([.init(name: "label", value: .string(label))]))
        func used(_ flags: [String]) -> [String] { flags.filter { call.isSet($0) || call.flagValues[$0] != nil } }
        let allowed: [String: [String]] = [
            "lights": ["off"], "precondition": ["now", "stop", "program", "delete"], "charge": ["now", "stop", "at", "level", "full", "partial"],
        ]
        let stray = used(["off", "now", "stop", "program", "delete", "at", "level", "full", "partial"]).filter {
            !(allowed[action] ?? []).contains($0)
        }
        if let flag = stray.first {
            throw call.error(
                "--\(flag) does not apply to '\(action)'",
                hint: allowed[action].map { "'\(action)' takes " + $0.map { "--\($0)" }.joined(separator: ", ") } ?? "'\(action)' takes no flag",
                argument: flag, code: .badArgument)
        }
        if action != "navigate", let point = call.rest.first {
            throw ShellError(.badArgument, "'\(action)' takes no further argument", hint: "only navigate takes points", at: point.range)
        }
        switch action {
        case "lock", "unlock": body.value["door"] = ["state": action == "lock" ? "Locked" : "Unlocked"]
        case "horn": body.value["horn"] = ["state": "Activated"]
        case "lights": body.value["lights"] = ["on": .bool(!call.isSet("off"))]
        case "wakeup": body.value["wakeUp"] = ["action": "WakeUp"]
        case "precondition": try precondition(call, into: &body)
        case "charge": try charge(call, into: &body, now: now)
        default: try navigate(call, into: &body)
        }
        return try body.checked("remote body", RemoteValidator.problems(in:), call: call)
    }

    /// Exactly one of the flags, or an error naming them.
    private static func one(of flags: [String], _ action: String, call: Call) throws -> String {
        let given = flags.filter { call.isSet($0) || call.flagValues[$0] != nil }
        guard given.count == 1, let flag = given.first else {
            throw call.error(
                given.isEmpty
                    ? "'\(action)' needs one of " + flags.map { "--\($0)" }.joined(separator: ", ")
                    : "'\(action)' takes one of " + given.map { "--\($0)" }.joined(separator: ", ") + ", not several",
                hint: "e.g. `remote 0 \(action) --\(flags[0])`", code: .badArgument)
        }
        return flag
    }

    private static func precondition(_ call: Call, into body: inout FlagBuiltBody) throws {
        let path = "$.preconditioning.airConditioning"
        switch try one(of: ["now", "stop", "program", "delete"], "precondition", call: call) {
        case "now", "stop": body.value["preconditioning"] = ["airConditioning": ["immediate": .bool(call.isSet("now"))]]
        case "delete":
            body.note("\(path).programs[0]", "delete", call.flagValues["delete"]?.last)
            let slot = call.value("delete") ?? .null
            body.value["preconditioning"] = ["airConditioning": ["programs": [["slot": slot, "actionsType": "Delete"]]]]
        default:
            guard let bound = call.flagValues["program"]?.last else { return }
            let parts = bound.value.text.split(separator: ":", maxSplits: 2).map(String.init)
            guard parts.count == 3, let slot = Int(parts[0]), let days = MonitorBuilder.days(parts[1]), let start = timeOfDay(parts[2]) else {
                throw ShellError(
                    .badArgument, "--program: '\(bound.value.text)' is not SLOT:DAYS:HH:MM", hint: "e.g. 1:Mon-Fri:07:30 (slots 1 to 4)",
                    at: bound.range)
            }
            body.note("\(path).programs[0]", "program", bound)
            let program: Value = [
                "slot": .int(slot), "enabled": true, "recurrence": "Daily", "start": .string(start),
                "occurence": ["day": .list(days.map(Value.string))], "actionsType": "Set",
            ]
            body.value["preconditioning"] = ["airConditioning": ["programs": [program]]]
        }
    }

    private static func charge(_ call: Call, into body: inout FlagBuiltBody, now: Date) throws {
        let path = "$.charging"
        switch try one(of: ["now", "stop", "at", "level"], "charge", call: call) {
        case "now", "stop": body.value["charging"] = ["immediate": .bool(call.isSet("now"))]
        case "at":
            guard let bound = call.flagValues["at"]?.last else { return }
            guard let instant = nextInstant(bound.value.text, now: now) else {
                throw ShellError(
                    .badArgument, "--at: '\(bound.value.text)' is not a time", hint: "write HH:MM (the next one, local time) or 2026-12-05T06:30:00Z",
                    at: bound.range)
            }
            body.note("\(path).schedule", "at", bound)
            body.value["charging"] = ["schedule": ["nextDelayedTime": .string(instant)]]
        default:
            guard let bound = call.flagValues["level"]?.last, case .int(let level) = bound.value, (1...5).contains(level) else {
                throw call.error("--level must be 1 to 5", argument: "level", code: .badArgument)
            }
            if call.isSet("full"), call.isSet("partial") {
                throw call.error("--full or --partial, not both", argument: "partial", code: .badArgument)
            }
            var preferences = Record([.init(name: "level", value: .string("Level\(level)"))])
            if call.isSet("full") || call.isSet("partial") { preferences["type"] = .string(call.isSet("full") ? "Full" : "Partial") }
            body.value["charging"] = ["preferences": .record(preferences)]
        }
        if call.flagValues["level"] == nil, call.isSet("full") || call.isSet("partial") {
            throw call.error("--full and --partial go with --level", argument: call.isSet("full") ? "full" : "partial", code: .badArgument)
        }
    }

    private static func navigate(_ call: Call, into body: inout FlagBuiltBody) throws {
        guard !call.rest.isEmpty else {
            throw call.error(
                "'navigate' needs a destination", hint: "write `remote 0 navigate 48.8049,2.1204` (waypoints first, up to 10 points)",
                code: .badArgument)
        }
        var positions: [Value] = []
        for (n, bound) in call.rest.enumerated() {
            let parts = bound.value.text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let latitude = parts[0], let longitude = parts[1] else {
                throw ShellError(.badArgument, "'\(bound.value.text)' is not LAT,LON", hint: "e.g. 48.8049,2.1204 (latitude first)", at: bound.range)
            }
            body.note("$.navigation.positions[\(n)]", "point", bound)
            positions.append(["type": "Point", "coordinates": [.double(longitude), .double(latitude)]])
        }
        body.value["navigation"] = ["positions": .list(positions)]
    }

    /// `07:30` → `PT7H30M`; nil when it is not a time of day.
    static func timeOfDay(_ text: String) -> String? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), (0..<24).contains(hours), (0..<60).contains(minutes)
        else { return nil }
        return "PT\(hours)H\(minutes)M"
    }

    /// An RFC 3339 instant as written, or the next `HH:MM` in local time after `now`, as RFC 3339 UTC.
    static func nextInstant(_ text: String, now: Date) -> String? {
        if Timestamp.parse(text) != nil { return text }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), (0..<24).contains(hours), (0..<60).contains(minutes),
            let next = Calendar.current.nextDate(after: now, matching: DateComponents(hour: hours, minute: minutes), matchingPolicy: .nextTime)
        else { return nil }
        return Timestamp.format(Int(next.timeIntervalSince1970))
    }
}
