import Commands
import Foundation
import Shell
import TestSupport
import Testing

/// ccsh's local check of a monitor body and the sandbox's answer to the same body agree: over 1000 generated
/// bodies (the template with random changes, valid and invalid), ccsh refuses exactly those the sandbox answers
/// with 400, and names the same field first.
@Suite(.sandbox("--vehicles", "1"))
struct MonitorAgreementTests {
    @Test("local validation agrees with the sandbox on 1000 generated monitor bodies")
    func agreement() throws {
        let shell = try APIShell()
        let vehicle = try suiteSandbox().endpoints.vehicles[0].id
        let template = try shell.run("monitors template")
        var random = SplitMix(seed: 0x5EED_0005)
        var (accepted, refused) = (0, 0)
        for n in 0..<1000 {
            var body = template
            for _ in 0..<random.below(4) { body = Mutation.all[random.below(Mutation.all.count)](body, &random) }
            shell.shell.interpreter.globals.define("body", body)
            let local = shell.shell.failure("$body | monitors create 0 --dry-run")
            let remote = shell.shell.failure("let created = (api POST /user/vehicles/\(vehicle)/monitors --body $body)")
            let description = "body \(n): \(JSONWriter.string(body))"
            switch (local, remote) {
            case (nil, nil):
                accepted += 1
                _ = try shell.run("api DELETE \"/user/vehicles/\(vehicle)/monitors/$created.monitorId\"")
            case (let local?, let remote?):
                refused += 1
                #expect(remote.httpStatus == 400, "\(remote.message) — \(description)")
                #expect(Self.path(local.message, after: "monitor body: ") == Self.path(remote.message, after: "Bad Request: "), "\(description)")
            case (let local?, nil):
                Issue.record("ccsh refused what the sandbox accepted: \(local.message) — \(description)")
            case (nil, let remote?):
                Issue.record("ccsh accepted what the sandbox refused: \(remote.message) — \(description)")
            }
        }
        #expect(accepted >= 100 && refused >= 100, "a generator worth its name makes both: \(accepted) accepted, \(refused) refused")
    }

    /// The field path in an error message: the text after `marker` up to the next `": "`.
    static func path(_ message: String, after marker: String) -> String? {
        guard let start = message.range(of: marker)?.upperBound else { return nil }
        let rest = message[start...]
        return rest.range(of: ": ").map { String(rest[..<$0.lowerBound]) }
    }
}

/// Changes to a monitor body, each picking from values that are sometimes valid and sometimes not.
private enum Mutation {
    typealias Change = @Sendable (Value, inout SplitMix) -> Value

    static func set(_ path: [String], _ choices: [Value?]) -> Change {
        { body, random in body.setting(path[...], to: choices[random.below(choices.count)]) }
    }

    static let trigger0 = ["triggerParam", "triggers", "0"]
    static let trigger1 = ["triggerParam", "triggers", "1"]
    static let trigger2 = ["triggerParam", "triggers", "2"]

    static let all: [Change] = [
        set(["label"], ["", 5, nil, "ok"]),
        set(["locale"], ["fr-FR", "french", 12, "en"]),
        set(["subscribeParam", "refreshEvent"], [0, 59, 60, 600, 61.5, "600", nil]),
        set(["subscribeParam", "retryPolicy", "policy"], ["None", "Bounded", "Always", "Sometimes", 1]),
        set(["subscribeParam", "retryPolicy", "maxRetryNumber"], [0, 1, 3, -2, 2.5, nil]),
        set(["subscribeParam", "batchNotify"], [[:], ["size": 0], ["timeWindow": 30], ["size": 5], ["timeWindow": 600], nil]),
        set(["subscribeParam", "callback", "target"], ["https://a.example/x", "http://h", "ftp://x/y", "not a url", "", nil]),
        set(["subscribeParam", "callback", "name"], ["", "CB", 3, nil]),
        set(["subscribeParam", "callback", "attributes", "0", "type"], ["Query", "Header", "Body", "Cookie"]),
        set(["subscribeParam", "callback", "attributes", "1", "value"], ["x", nil, 3]),
        set(["subscribeParam", "colour"], ["red"]),
        set(
            ["extendedEventParam"],
            [["vehicle.alerts"], ["vehicle.weather"], "vehicle.status", ["vehicle.telemetry.vehicle.odometer"], ["vehicle.telemetry.nope"], nil]),
        set(trigger0 + ["zone", "transition"], ["In", "Out", "Sideways", nil]),
        set(trigger0 + ["zone", "place", "radius"], [-1, 0, 0.5, 20, 25000, "20"]),
        set(trigger0 + ["zone", "place", "center", "latitude"], [-91, 0, 48.8, 95, nil]),
        set(trigger0 + ["zone", "circle"], [nil, ["center": ["latitude": 1.0, "longitude": 2.0], "radius": 3]]),
        set(trigger1 + ["time", "times", "0", "start"], ["PT14H30M", "PT0M", "PT24H", "2pm", "PT23H59M"]),
        set(trigger1 + ["time", "times", "0", "duration"], ["PT4H30M", "PT0M", "PT1H", "4h", nil]),
        set(trigger1 + ["time", "times", "0", "occurence", "day"], [["Mon"], ["Monday"], ["Mon", "Mon"], [], ["Sat", "Sun"]]),
        set(trigger1 + ["time", "times", "0", "recurrence"], ["Daily", "Weekly", "None", "Hourly"]),
        set(trigger1 + ["time", "time.zone"], ["Europe/Paris", "Paris", "UTC", "America/New_York", nil]),
        set(
            trigger2 + ["data", "data"],
            ["vehicle.energy.electric.level", "vehicle.odometer", "vehicle.kinetic.moving", "vehicle.trip", "privacy.state", "vehicle.mood"]),
        set(trigger2 + ["data", "op"], ["equalsTo", "greaterThan", "lowerThan", "includedIn", "onChange", "between"]),
        set(trigger2 + ["data", "value"], [["50"], ["fifty"], [], ["1", "2"], ["true"], "50", nil, ["Full"]]),
        set(
            ["triggerParam", "bool.exp"],
            [
                "outOfParis & (batteryIsLow | onMonday)", "outOfParis", "((outOfParis", "outOfParis & rain", "outOfParis | !outOfParis",
                "outOfParis & & onMonday", "!onMonday & batteryIsLow", "", "onMonday)",
            ]),
        set(trigger1 + ["name"], ["outOfParis", "onMonday", "9lives", "on Monday"]),
        set(trigger2 + ["time"], [nil, ["times": [["start": "PT1H", "duration": "PT1H", "occurence": ["day": ["Tue"]]]]]]),
        set(["triggerParam", "dataTriggers"], [nil, []]),
        set(["colour"], ["red", nil]),
        { body, random in
            // Drop one trigger: bool.exp may now name a trigger that is gone.
            guard var triggers = body.lookup(CellPath(["triggerParam", "triggers"]))?.listItems, !triggers.isEmpty else { return body }
            triggers.remove(at: random.below(triggers.count))
            return body.setting(["triggerParam", "triggers"], to: .list(triggers))
        },
    ]
}

extension Value {
    /// A copy with the value at `path` (record fields and list indices) replaced, or removed when `value` is nil.
    /// Missing records along the way are created; an index past the end leaves the value as it is.
    fileprivate func setting(_ path: ArraySlice<String>, to value: Value?) -> Value {
        guard let key = path.first else { return value ?? .null }
        let rest = path.dropFirst()
        switch self {
        case .list(var items):
            guard let index = Int(key), items.indices.contains(index) else { return self }
            items[index] = items[index].setting(rest, to: value)
            return .list(items)
        case .record(var record):
            if rest.isEmpty {
                record[key] = value
            } else {
                record[key] = (record[key] ?? .record(Record())).setting(rest, to: value)
            }
            return .record(record)
        default:
            return rest.isEmpty && value == nil ? self : Value.record(Record()).setting(path, to: value)
        }
    }
}
