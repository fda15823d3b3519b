import APIContract
import Testing

/// APIContract's 4.17 body rules (shared by the sandbox and ccsh): monitors bound to a callback, callbacks, and
/// remote actions; each bad body names its field and the problem.
@Suite struct BodyRules417Tests {
    static let monitor = """
        {"label": "m", "subscribeParam": {"refreshEvent": 600, "callbackAttributes": {"webhook": [{"type": "Query", "key": "k", "value": "$vin"}]}},
         "attributes": [{"type": "Body", "key": "who", "value": "$MonitorLabel"}], "extendedEventParam": ["vehicle.trip", "vehicle.telemetry.vehicle.energies"],
         "triggerParam": {"boolExp": "zone_1 & (plug | t)", "triggers": [
           {"name": "zone_1", "zone": {"transition": "In", "place": {"radius": 5, "center": {"longitude": 2.3, "latitude": 48.8}}}},
           {"name": "plug", "data": {"data": "vehicle.energy.charging.plugged", "op": "equalsTo", "value": ["true"], "previous": {"op": "equalsTo", "value": ["false"]}}},
           {"name": "t", "time": {"timeZone": "Europe/Paris", "times": [{"recurrence": "None", "start": "2026-11-01T08:00:00+01:00", "duration": "PT2H"}]}}]}}
        """

    func problem(_ body: String, _ version: APIVersion = .v417) -> MonitorProblem? {
        do { _ = try MonitorValidator.validate(body: Array(body.utf8), version: version) } catch { return error }
        return nil
    }

    @Test("a full 4.17 monitor is valid; the same body is not a v4.0 one")
    func valid() {
        #expect(problem(Self.monitor) == nil)
        #expect(problem(Self.monitor, .v40) != nil)
    }

    @Test(
        "4.17 monitor rules",
        arguments: [
            ("\"boolExp\"", "\"bool.exp\"", "$.triggerParam.bool.exp", "4.17 names it boolExp"),
            ("\"place\"", "\"circle\"", "$.triggerParam.triggers[0].zone.circle", "circle is the old name"),
            ("\"zone_1\"", "\"zone_1a\"", "$.triggerParam.triggers[0].name", "must be letters"),
            ("\"vehicle.energy.charging.plugged\"", "\"vehicle.doorsState.opening\"", "$.triggerParam.triggers[1].data.op", "not allowed"),
            ("\"refreshEvent\": 600", "\"refreshEvent\": 30", "$.subscribeParam.refreshEvent", "at least 60"),
            ("\"subscribeParam\": {", "\"subscribeParam\": {\"callback\": {}, ", "$.subscribeParam.callback", "unknown field"),
            ("\"vehicle.trip\"", "\"alerts\"", "$.extendedEventParam[0]", "is not one of"),
            ("\"type\": \"Body\"", "\"type\": \"Query\"", "$.attributes[0].type", "is not one of Header, Body"),
            (
                "\"recurrence\": \"None\",", "\"recurrence\": \"None\", \"occurence\": {\"day\": [\"Mon\"]},",
                "$.triggerParam.triggers[2].time.times[0].occurence", "only a Daily window"
            ),
        ])
    func monitorRules(old: String, new: String, path: String, message: String) throws {
        let body = Self.monitor.replacingOccurrences(of: old, with: new)
        #expect(body != Self.monitor)
        let found = try #require(problem(body))
        #expect(found.path == path)
        #expect(found.message.contains(message), "\(found.message)")
    }

    @Test("previous is for the data that keep a state; six triggers are one too many")
    func previousAndCount() throws {
        let speed = Self.monitor.replacingOccurrences(
            of: "\"vehicle.energy.charging.plugged\", \"op\": \"equalsTo\", \"value\": [\"true\"]",
            with: "\"vehicle.odometer\", \"op\": \"greaterThan\", \"value\": [\"10\"]")
        #expect(try #require(problem(speed)).path == "$.triggerParam.triggers[1].data.previous")
        let trigger = #"{"name": "x", "data": {"data": "vehicle.kinetic.moving", "op": "onChange"}}"#
        let six = Self.monitor.replacingOccurrences(of: "\"triggers\": [", with: "\"triggers\": [\(trigger), \(trigger), \(trigger), ")
        #expect(try #require(problem(six)).path.hasPrefix("$.triggerParam.triggers"))
    }

    @Test("callbacks: exactly one way to call back, with its own URL scheme and attribute types")
    func callbacks() {
        func problem(_ body: String) -> String? {
            do { _ = try CallbackValidator.validate(body: Array(body.utf8)) } catch { return error.path + ": " + error.message }
            return nil
        }
        #expect(
            problem(
                #"{"label": "l", "type": ["Remote"], "callback": {"webhook": {"name": "n", "target": "https://h/x", "batch": {"enabled": true, "size": 100}}}}"#
            ) == nil)
        #expect(problem(#"{"callback": {"websocket": {"target": "wss://h/x", "attributes": [{"type": "Body", "key": "k", "value": "v"}]}}}"#) == nil)
        #expect(problem(#"{"callback": {"pushnotif": {"devices": ["d1"]}}}"#) == nil)
        #expect(problem(#"{"callback": {}}"#)?.hasPrefix("$.callback: needs one of") == true)
        #expect(
            problem(#"{"callback": {"webhook": {"name": "n", "target": "https://h"}, "pushnotif": {"devices": ["d"]}}}"#)?.contains("only one")
                == true)
        #expect(problem(#"{"callback": {"websocket": {"target": "https://h/x"}}}"#)?.hasPrefix("$.callback.websocket.target") == true)
        #expect(problem(#"{"type": ["Remote", "Remote"], "callback": {"pushnotif": {"devices": ["d"]}}}"#)?.hasPrefix("$.type[1]") == true)
        #expect(problem(#"{"callback": {"pushnotif": {"devices": []}}}"#)?.hasPrefix("$.callback.pushnotif.devices") == true)
    }

    @Test("remote actions: one action, each with its own fields")
    func remotes() throws {
        func problem(_ body: String) -> String? {
            do { _ = try RemoteValidator.validate(body: Array(body.utf8)) } catch { return error.path + ": " + error.message }
            return nil
        }
        let valid = [
            #"{"label": "x", "door": {"state": "Locked"}}"#, #"{"horn": {"state": "Activated"}}"#, #"{"lights": {"on": false}}"#,
            #"{"wakeUp": {"action": "WakeUp"}}"#,
            #"{"navigation": {"positions": [{"type": "Point", "coordinates": [2.35, 48.85]}]}}"#,
            #"{"charging": {"immediate": true}}"#, #"{"charging": {"preferences": {"level": "Level3", "type": "Full"}}}"#,
            #"{"charging": {"schedule": {"nextDelayedTime": "2026-11-02T06:00:00Z"}}}"#,
            #"{"preconditioning": {"airConditioning": {"immediate": true}}}"#,
            #"{"preconditioning": {"airConditioning": {"programs": [{"slot": 1, "enabled": true, "recurrence": "Daily", "start": "PT7H30M", "occurence": {"day": ["Mon", "Fri"]}}, {"slot": 2, "actionsType": "Delete"}]}}}"#,
        ]
        for body in valid { #expect(problem(body) == nil, "\(body)") }
        #expect(try RemoteValidator.validate(body: Array(valid[0].utf8)).action == "door")
        #expect(problem("{}")?.hasPrefix("$: needs one action") == true)
        #expect(problem(#"{"door": {"state": "Open"}}"#)?.hasPrefix("$.door.state") == true)
        #expect(problem(#"{"lights": {}}"#)?.hasPrefix("$.lights.on: is required") == true)
        #expect(problem(#"{"charging": {"immediate": true, "preferences": {"level": "Level1"}}}"#)?.hasPrefix("$.charging.preferences") == true)
        #expect(problem(#"{"navigation": {"positions": []}}"#)?.hasPrefix("$.navigation.positions") == true)
        #expect(problem(#"{"navigation": {"positions": [{"coordinates": [200, 1]}]}}"#)?.hasPrefix("$.navigation.positions[0].coordinates") == true)
        #expect(problem(#"{"preconditioning": {"airConditioning": {"programs": [{"slot": 5, "start": "PT1H"}]}}}"#)?.contains("at most 4") == true)
        #expect(
            problem(#"{"preconditioning": {"airConditioning": {"programs": [{"slot": 1, "start": "PT25H", "occurence": {"day": ["Mon"]}}]}}}"#)?
                .contains("time of day") == true)
    }
}
