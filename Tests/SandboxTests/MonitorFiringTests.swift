import APIContract
import Foundation
import Sandbox
import TestSupport
import Testing

/// Monitors fire as the world moves, and their events reach real receivers: the acceptance drive from Paris to
/// Versailles and back with the car plugged in at the end (world at 60× real time), the seed's monitor leaving the
/// 20 km circle, and v4.0 retry policies. Every body is checked against its webhook template.
@Suite(.sandbox("--time-scale", "60"), .serialized)
struct MonitorFiringTests {
    static let paris = (lat: 48.8566, lon: 2.3522)

    func callback(_ client: APIClient, _ receiver: Receiver) throws -> String {
        let body = """
            {"label": "events", "type": ["Monitor"], "callback": {"webhook": {"name": "r", "target": "\(receiver.url)",
              "attributes": [{"type": "Body", "key": "vin", "value": "$vin"}]}}}
            """
        return try #require(try client.api("/user/callbacks", method: "POST", body: body).json["callbackId"]?.string)
    }

    func monitor417(_ client: APIClient, _ vehicle: String, _ cbid: String, _ label: String, _ trigger: String, refresh: Int? = nil) throws -> String
    {
        let body = """
            {"label": "\(label)", \(refresh.map { #""subscribeParam": {"refreshEvent": \#($0)},"# } ?? "")
             "extendedEventParam": ["vehicle.position"],
             "triggerParam": {"triggers": [{"name": "t", \(trigger)}], "boolExp": "t"}}
            """
        let reply = try client.api("/user/vehicles/\(vehicle)/callbacks/\(cbid)/monitors", method: "POST", body: body)
        return try #require(reply.json["monitorId"]?.string, "\(reply.raw.text)")
    }

    func zone(_ transition: String, radius: Int) -> String {
        #""zone": {"transition": "\#(transition)", "place": {"center": {"latitude": \#(Self.paris.lat), "longitude": \#(Self.paris.lon)}, "radius": \#(radius)}}"#
    }

    /// Deletes every monitor and callback the suite's tests made, so that the next test's receivers get only theirs.
    static func cleanUp(_ client: APIClient) {
        for vehicle in client.endpoints.vehicles {
            let path = "/user/vehicles/\(vehicle.id)/monitors"
            for monitor in (try? client.walk(path, key: "monitors").items) ?? [] {
                if let id = monitor["id"]?.string { _ = try? client.api("\(path)/\(id)", method: "DELETE") }
            }
        }
        for callback in (try? client.walk("/user/callbacks", key: "callbacks").items) ?? [] {
            if let id = callback["callbackId"]?.string ?? callback["id"]?.string { _ = try? client.api("/user/callbacks/\(id)", method: "DELETE") }
        }
    }

    func events(_ messages: [JSON], _ monitor: String) -> [JSON] {
        messages.compactMap { $0["monitorEvent"] }.filter { $0["monitorId"]?.string == monitor }
    }

    @Test("Paris → Versailles → Paris, then plugged: exactly the zone Out event, its reminders, the charging changes and the 50 % crossing")
    func parisVersailles() throws {
        let client = try APIClient(try suiteSandbox())
        defer { Self.cleanUp(client) }
        let n = try WorldTests.electric(client)
        let vehicle = client.endpoints.vehicles[n].id
        try client.world(n, #"{"set": {"position": "paris", "electricLevel": 52}, "plug": false}"#)
        let receiver = try Receiver()
        let v40receiver = try Receiver()
        defer {
            receiver.stop()
            v40receiver.stop()
        }
        let cbid = try callback(client, receiver)
        let out = try monitor417(client, vehicle, cbid, "out of Paris", zone("Out", radius: 10), refresh: 300)
        let back = try monitor417(client, vehicle, cbid, "back in Paris", zone("In", radius: 10))
        let charging = try monitor417(client, vehicle, cbid, "charging", #""data": {"data": "vehicle.energy.charging.status", "op": "onChange"}"#)
        let battery = """
            {"label": "battery", "subscribeParam": {"callback": {"name": "b", "target": "\(v40receiver.url)",
               "attributes": [{"type": "Query", "key": "vin", "value": "$vin"}]}, "retryPolicy": {"policy": "Always", "retryDelay": 10}},
             "extendedEventParam": ["vehicle.status"],
             "triggerParam": {"triggers": [{"name": "low", "data": {"data": "vehicle.energy.electric.level", "op": "lowerThan", "value": ["50"]}}],
                              "bool.exp": "low"}}
            """
        #expect(try client.api("/user/vehicles/\(vehicle)/monitors", method: "POST", body: battery).status == 201)
        try client.settle()

        try client.world(n, #"{"drive": {"route": "paris-versailles"}}"#)
        try client.advanceAndSettle(1800, slice: 300)
        try client.world(n, #"{"drive": {"route": "versailles-paris"}}"#)
        try client.advanceAndSettle(1800, slice: 300)
        try client.world(n, #"{"plug": true}"#)
        try client.advanceAndSettle(8 * 3600)

        let messages = try receiver.messagesOnce(client)
        let outEvents = events(messages, out)
        let first = try #require(outEvents.first)
        #expect(first["refresh"] == .bool(false))
        let backEvents = events(messages, back)
        #expect(backEvents.count == 1 && backEvents.first?["refresh"] == .bool(false), "one event when the car is back inside")
        let dates = messages.filter { $0["monitorEvent"]?["monitorId"]?.string == out }.compactMap { $0["date"]?.string.flatMap(Timestamp.parse) }
        let returned = try #require(
            messages.first { $0["monitorEvent"]?["monitorId"]?.string == back }?["date"]?.string.flatMap(Timestamp.parse))
        let left = try #require(dates.first)
        let reminders = Array(dates.dropFirst())
        let expected = Array(stride(from: left + 300, to: returned, by: 300))
        #expect(reminders == expected, "a reminder every 300 s while outside, from \(Timestamp.format(left)) to \(Timestamp.format(returned))")
        #expect(outEvents.dropFirst().allSatisfy { $0["refresh"] == .bool(true) })
        #expect(outEvents.allSatisfy { $0["extensions"]?.array?.first?["type"]?.string == "vehicle.position" })
        let changes = events(messages, charging).compactMap { $0["values"]?.array?.first?["value"]?["body"]?["literalValue"]?.string }
        #expect(changes == ["InProgress", "Finished"])
        #expect(messages.count == outEvents.count + 1 + 2, "nothing else was posted")
        #expect(messages.allSatisfy { $0["attributes"]?.array?.first?["value"]?.string == client.endpoints.vehicles[n].vin })
        #expect(try receiver.templateProblems() == "")

        let lows = try v40receiver.messagesOnce(client).flatMap { $0["events"]?.array ?? [] }
        #expect(lows.count == 1, "the level crossed 50 % once (52 → 47.8 on the way out; charging goes up, not down)")
        let low = try #require(lows.first)
        #expect(low["values"]?.array?.first?["data"]?.string == "vehicle.energy.electric.level")
        #expect(low["values"]?.array?.first?["value"]?["body"]?["literalValue"]?.string == "49")
        #expect(low["refresh"] == .bool(false) && low["vin"]?.string == client.endpoints.vehicles[n].vin)
        #expect(low["extensions"]?.array?.first?["body"]?.array?.first?["status"]?["energies"] != nil)
        #expect(v40receiver.posts.first?["path"]?.string?.hasSuffix("?vin=\(client.endpoints.vehicles[n].vin)") == true)
        #expect(try v40receiver.templateProblems(v40: true) == "")
    }
}

extension MonitorFiringTests {
    /// The seed's monitor (docs/api.md §10.1, the quickstart's body with its callback pointed at a receiver).
    static func seedMonitor(target: String) -> String {
        """
        {"label": "IDF zone monitor with data triggering",
         "subscribeParam": {"refreshEvent": 600, "retryPolicy": {"policy": "Always", "maxRetryNumber": 3, "retryDelay": 120},
           "batchNotify": {"size": 10, "timeWindow": 300},
           "callback": {"target": "\(target)", "name": "HTTP_CB",
             "attributes": [{"type": "Query", "key": "vin", "value": "$vin"},
                            {"type": "Header", "key": "Authorization", "value": "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="}]}},
         "extendedEventParam": ["vehicle.alerts", "vehicle.status"],
         "triggerParam": {"triggers": [
             {"name": "outOfParis", "zone": {"transition": "Out", "place": {"radius": 20, "center": {"longitude": 2.333333, "latitude": 48.866667}}}},
             {"name": "onMonday", "time": {"time.zone": "Europe/Paris",
               "times": [{"recurrence": "Daily", "start": "PT14H30M", "duration": "PT04H30M", "occurence": {"day": ["Mon"]}}]}},
             {"name": "batteryIsLow", "data": {"data": "vehicle.energy.electric.level", "op": "lowerThan", "value": ["50"]}}],
           "bool.exp": "outOfParis & (batteryIsLow | onMonday)"}}
        """
    }

    @Test("the seed's monitor fires once when the car leaves the 20 km circle, never while it is inside, then reminds")
    func seedMonitorLeavingParis() throws {
        let client = try APIClient(try suiteSandbox())
        defer { Self.cleanUp(client) }
        let n = try WorldTests.electric(client)
        let vehicle = client.endpoints.vehicles[n]
        try client.world(n, #"{"set": {"position": "paris", "electricLevel": 40}, "plug": false}"#)
        let receiver = try Receiver()
        defer { receiver.stop() }
        let reply = try client.api("/user/vehicles/\(vehicle.id)/monitors", method: "POST", body: Self.seedMonitor(target: receiver.url))
        let monitor = try #require(reply.json["monitorId"]?.string)
        try client.settle()
        try client.world(n, #"{"drive": {"route": "out-of-paris"}}"#)
        try client.advanceAndSettle(2 * 3600, slice: 600)

        let events = try receiver.messagesOnce(client).filter { $0["monitorId"]?.string == monitor }.flatMap { $0["events"]?.array ?? [] }
        let firsts = events.filter { $0["refresh"] == .bool(false) }
        #expect(firsts.count == 1, "one event on leaving, got \(firsts.count)")
        let fired = try #require(firsts.first?["eventDate"]?.string.flatMap(Timestamp.parse))
        let center = (lon: 2.333333, lat: 48.866667)
        let status = try #require(
            firsts.first?["extensions"]?.array?.first { $0["type"]?.string == "vehicle.status" }?["body"]?.array?.first?["status"])
        let at = try #require(status["lastPosition"]?["geometry"]?["coordinates"]?.array?.compactMap { $0.number })
        #expect(Fleet.distanceKm(center, (at[0], at[1])) > 20, "outside when it fired")
        let trip = try #require(try client.walk("/user/vehicles/\(vehicle.id)/trips", key: "trips").items.first?["id"]?.string)
        let points = try client.walk("/user/vehicles/\(vehicle.id)/trips/\(trip)/wayPoints", key: "positions").items
        let inside = points.filter { point in
            guard let c = point["geometry"]?["coordinates"]?.array?.compactMap({ $0.number }), c.count >= 2 else { return false }
            return Fleet.distanceKm(center, (c[0], c[1])) <= 20
        }
        let lastInside = inside.compactMap { $0["properties"]?["createdAt"]?.string.flatMap(Timestamp.parse) }.max() ?? 0
        #expect(lastInside < fired && fired - lastInside <= 40, "it fired within a step of leaving, not while inside")
        #expect(events.filter { $0["refresh"] == .bool(true) }.allSatisfy { ($0["eventDate"]?.string.flatMap(Timestamp.parse) ?? 0) > fired })
        #expect(receiver.posts.first?["headers"]?["Authorization"]?.string == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        #expect(try receiver.templateProblems(v40: true) == "")
    }
}
