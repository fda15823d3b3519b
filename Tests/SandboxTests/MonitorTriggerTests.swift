import APIContract
import Foundation
import TestSupport
import Testing

/// How each kind of trigger fires, through 4.17 monitors and a real receiver, with the world standing still
/// between advances of the clock: time windows and their reminders, `previous`, a bool expression with `!`, and
/// the extensions read from the car at the event.
@Suite(.sandbox("--time-scale", "0"), .serialized)
struct MonitorTriggerTests {
    func setUp(_ client: APIClient, _ receiver: Receiver) throws -> String {
        let body = """
            {"label": "triggers", "type": ["Monitor"], "callback": {"webhook": {"name": "r", "target": "\(receiver.url)"}}}
            """
        return try #require(try client.api("/user/callbacks", method: "POST", body: body).json["callbackId"]?.string)
    }

    func monitor(_ client: APIClient, _ vehicle: String, _ cbid: String, _ body: String) throws -> String {
        let reply = try client.api("/user/vehicles/\(vehicle)/callbacks/\(cbid)/monitors", method: "POST", body: body)
        return try #require(reply.json["monitorId"]?.string, "\(reply.raw.text)")
    }

    func dates(_ messages: [JSON], _ monitor: String) -> [String] {
        messages.filter { $0["monitorEvent"]?["monitorId"]?.string == monitor }.compactMap { $0["date"]?.string }
    }

    @Test("a Daily window fires when it opens and reminds every refreshEvent until it closes, day after day")
    func timeWindow() throws {
        let client = try APIClient(try suiteSandbox())
        defer { MonitorFiringTests.cleanUp(client) }
        let receiver = try Receiver()
        defer { receiver.stop() }
        let cbid = try setUp(client, receiver)
        let clock = try #require(try client.control("/_control/clock").json["seconds"]?.number)
        let midnight = Int(clock) / 86400 * 86400
        let body = """
            {"label": "three o'clock", "subscribeParam": {"refreshEvent": 1200},
             "triggerParam": {"triggers": [{"name": "w", "time": {"timeZone": "Europe/Paris", "times": [{"recurrence": "Daily",
               "start": "PT3H", "duration": "PT1H", "occurence": {"day": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}}]}}], "boolExp": "w"}}
            """
        let id = try monitor(client, client.endpoints.vehicles[0].id, cbid, body)
        try client.advanceAndSettle(midnight + 2 * 86400 - Int(clock))
        // 03:00 in Paris in November is 02:00 UTC; the window closes at 03:00 UTC.
        let expected = [0, 1].flatMap { day in
            [0, 1200, 2400].map { Timestamp.format(midnight + day * 86400 + 7200 + $0) }
        }
        let messages = try receiver.messagesOnce(client)
        // On a failure, the sandbox's own log of posts says whether one was sent twice, and why.
        let log = try client.control("/_control/deliveries").raw.text.suffix(3000)
        #expect(dates(messages, id) == expected, "\(log)")
        let refreshes = messages.compactMap { $0["monitorEvent"]?["refresh"] }
        #expect(refreshes == [false, true, true, false, true, true].map { JSON.bool($0) })
        #expect(try receiver.templateProblems() == "")
    }

    @Test("previous: Finished fires only when the status was InProgress before, and says so")
    func previous() throws {
        let client = try APIClient(try suiteSandbox())
        defer { MonitorFiringTests.cleanUp(client) }
        let n = try WorldTests.electric(client)
        let receiver = try Receiver()
        defer { receiver.stop() }
        let cbid = try setUp(client, receiver)
        try client.world(n, #"{"set": {"electricLevel": 96}, "plug": false}"#)
        let body = """
            {"label": "charged", "extendedEventParam": ["vehicle.status"],
             "triggerParam": {"triggers": [{"name": "done", "data": {"data": "vehicle.energy.charging.status", "op": "equalsTo",
               "value": ["Finished"], "previous": {"op": "equalsTo", "value": ["InProgress"]}}}], "boolExp": "done"}}
            """
        let id = try monitor(client, client.endpoints.vehicles[n].id, cbid, body)
        try client.settle()
        try client.world(n, #"{"plug": true}"#)
        try client.advanceAndSettle(3 * 3600)
        try client.world(n, #"{"plug": false}"#)
        try client.world(n, #"{"plug": true}"#)
        try client.advanceAndSettle(600)
        let events = try receiver.messagesOnce(client).compactMap { $0["monitorEvent"] }.filter { $0["monitorId"]?.string == id }
        #expect(events.count == 1, "plugged in full: Disconnected → Finished is not InProgress → Finished")
        let value = try #require(events.first?["values"]?.array?.first)
        #expect(value["value"]?["body"]?["literalValue"]?.string == "Finished")
        #expect(value["previous"]?.string == "InProgress")
        let status = events.first?["extensions"]?.array?.first?["body"]?.array?.first?["status"]
        #expect(status?["energies"]?.array?.first?["level"]?.number == 100)
        #expect(try receiver.templateProblems() == "")
    }

    @Test("home & !moving fires once, when the car has stopped inside the zone, with the trip that got it there")
    func expression() throws {
        let client = try APIClient(try suiteSandbox())
        defer { MonitorFiringTests.cleanUp(client) }
        let n = try WorldTests.electric(client)
        let vehicle = client.endpoints.vehicles[n].id
        let receiver = try Receiver()
        defer { receiver.stop() }
        let cbid = try setUp(client, receiver)
        try client.world(n, #"{"set": {"position": "paris", "electricLevel": 90}, "plug": false}"#)
        let body = """
            {"label": "home", "extendedEventParam": ["vehicle.trip", "vehicle.doorsState"],
             "triggerParam": {"triggers": [
               {"name": "home", "zone": {"transition": "In", "place": {"center": {"latitude": 48.8049, "longitude": 2.1301}, "radius": 3}}},
               {"name": "moving", "data": {"data": "vehicle.kinetic.moving", "op": "equalsTo", "value": ["true"]}}],
              "boolExp": "home & !moving"}}
            """
        let id = try monitor(client, vehicle, cbid, body)
        try client.settle()
        try client.world(n, #"{"drive": {"route": "paris-versailles"}}"#)
        try client.advanceAndSettle(3600, slice: 300)
        let events = try receiver.messagesOnce(client).compactMap { $0["monitorEvent"] }.filter { $0["monitorId"]?.string == id }
        #expect(events.count == 1)
        let trip = try #require(try client.walk("/user/vehicles/\(vehicle)/trips", key: "trips").items.first)
        let stopped = try #require(trip["stoppedAt"]?.string.flatMap(Timestamp.parse))
        let fired = try #require(receiver.messages.first { $0["monitorEvent"]?["monitorId"]?.string == id }?["date"]?.string.flatMap(Timestamp.parse))
        #expect(fired >= stopped && fired - stopped <= 10, "at the first evaluation after it stopped")
        let extensions = events.first?["extensions"]?.array ?? []
        #expect(extensions.compactMap { $0["type"]?.string } == ["vehicle.trip", "vehicle.doorsState"])
        #expect(extensions.first?["body"]?.array?.first?["trip"]?["id"] == trip["id"])
        #expect(extensions.last?["body"]?.array?.first?["doorState"]?["lockedStates"]?.array?.contains(.string("Locked")) == true)
        #expect(try receiver.templateProblems() == "")
    }

    @Test("v4.0 retry policies: Always gets the event through on the fourth try; Bounded gives up after its retries")
    func retryPolicies() throws {
        let client = try APIClient(try suiteSandbox())
        defer { MonitorFiringTests.cleanUp(client) }
        let n = try WorldTests.electric(client)
        let vehicle = client.endpoints.vehicles[n].id
        let patient = try Receiver(failing: 3)
        let bounded = try Receiver(failing: 5)
        defer {
            patient.stop()
            bounded.stop()
        }
        func monitor(_ target: String, _ policy: String) -> String {
            """
            {"label": "doors", "subscribeParam": {"callback": {"name": "r", "target": "\(target)"}, "retryPolicy": \(policy)},
             "triggerParam": {"triggers": [{"name": "d", "data": {"data": "vehicle.doorsState.lockedState", "op": "onChange"}}], "bool.exp": "d"}}
            """
        }
        #expect(
            try client.api(
                "/user/vehicles/\(vehicle)/monitors", method: "POST", body: monitor(patient.url, #"{"policy": "Always", "retryDelay": 30}"#)
            )
            .status == 201)
        #expect(
            try client.api(
                "/user/vehicles/\(vehicle)/monitors", method: "POST", body: monitor(bounded.url, #"{"policy": "Bounded", "maxRetryNumber": 1}"#)
            ).status == 201)
        try client.settle()
        let locked = try client.control("/_control/vehicles/\(n)").json["state"]?["locked"] == .bool(true)
        try client.world(n, #"{"set": {"locked": \#(!locked)}}"#)
        // The receivers refuse: the clock is moved 10 s at a time, so each retry happens on time.
        for _ in 0..<100 where patient.posts.count < 4 || bounded.posts.count < 2 {
            try client.advanceClock(10)
            Thread.sleep(forTimeInterval: 0.05)
        }
        try client.advanceAndSettle(60)
        #expect(patient.posts.map { $0["answered"]?.number } == [500, 500, 500, 200])
        let times =
            try client.control("/_control/deliveries").json["attempts"]?.array?.filter { $0["target"]?.string == patient.url }
            .compactMap { $0["time"]?.string.flatMap(Timestamp.parse) } ?? []
        #expect(zip(times, times.dropFirst()).allSatisfy { $1 - $0 >= 30 && $1 - $0 < 45 }, "30 simulated seconds apart: \(times)")
        #expect(bounded.posts.count == 2, "one try and one retry, then given up")
        #expect(try client.control("/_control/deliveries").json["dropped"]?.number == 1)
    }

    @Test("v4.0 without batchNotify posts one event per call, even when many fired during one advance; with it, one body")
    func batching() throws {
        let client = try APIClient(try suiteSandbox())
        defer { MonitorFiringTests.cleanUp(client) }
        let single = try Receiver()
        let batched = try Receiver()
        defer {
            single.stop()
            batched.stop()
        }
        let clock = try #require(try client.control("/_control/clock").json["seconds"]?.number)
        let start = Timestamp.formatDuration((Int(clock) % 86400 / 60 + 11) * 60)
        func monitor(_ target: String, _ batch: String) -> String {
            """
            {"label": "window", "subscribeParam": {"refreshEvent": 60, "callback": {"name": "r", "target": "\(target)"}\(batch)},
             "triggerParam": {"triggers": [{"name": "w", "time": {"time.zone": "UTC", "times": [{"recurrence": "Daily", "start": "\(start)",
               "duration": "PT10M", "occurence": {"day": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}}]}}], "bool.exp": "w"}}
            """
        }
        let vehicle = client.endpoints.vehicles[0].id
        #expect(try client.api("/user/vehicles/\(vehicle)/monitors", method: "POST", body: monitor(single.url, "")).status == 201)
        let batch = #", "batchNotify": {"size": 100, "timeWindow": 3600}"#
        #expect(try client.api("/user/vehicles/\(vehicle)/monitors", method: "POST", body: monitor(batched.url, batch)).status == 201)
        try client.advanceClock(60)
        try client.advanceAndSettle(2 * 3600)
        #expect(single.posts.count == 10, "the window's opening and nine reminders, one per post")
        #expect(single.posts.allSatisfy { $0["body"]?["events"]?.array?.count == 1 })
        #expect(batched.posts.count == 1 && batched.posts.first?["body"]?["events"]?.array?.count == 10)
        #expect(try single.templateProblems(v40: true) == "")
        #expect(try batched.templateProblems(v40: true) == "")
    }
}
