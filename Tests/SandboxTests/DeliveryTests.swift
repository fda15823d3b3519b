import APIContract
import Foundation
import TestSupport
import Testing

/// Callbacks receive what happens, over real HTTP: a remote action's Pending and Done messages with the callback's
/// attributes applied, a receiver that refuses three times gets it on the fourth try, and a target that was down
/// gets everything, in order, once it is back. The clock is advanced, never waited for.
@Suite(.sandbox("--time-scale", "0"), .serialized)
struct DeliveryTests {
    func callback(_ client: APIClient, target: String) throws -> String {
        let body = """
            {"label": "receiver", "type": ["Remote"], "callback": {"webhook": {"name": "r", "target": "\(target)",
              "attributes": [{"type": "Header", "key": "X-Vin", "value": "$vin"}, {"type": "Body", "key": "label", "value": "$CallbackLabel"},
                             {"type": "Query", "key": "status", "value": "$RemoteStatus"}]}}}
            """
        return try #require(try client.api("/user/callbacks", method: "POST", body: body).json["callbackId"]?.string)
    }

    /// Advances the clock a second at a time until `done` holds (the notifier looks every 50 ms), at most `limit` s.
    func advance(_ client: APIClient, upTo limit: Int = 120, until done: () -> Bool) throws {
        for _ in 0..<limit * 4 {
            if done() { return }
            try client.advanceClock(1)
            Thread.sleep(forTimeInterval: 0.06)
        }
    }

    func statuses(_ messages: [JSON], _ rid: String) -> [String] {
        messages.filter { $0["remoteEvent"]?["remoteActionId"]?.string == rid }.compactMap { message in
            guard let status = message["remoteEvent"]?["eventStatus"] else { return nil }
            return "\(status["type"]?.string ?? "?")/\(status["status"]?.string ?? "?")"
        }
    }

    @Test("a door lock posts Pending (Accepted, WakingUpVehicle, SentToVehicle) then Done/Success, with the attributes applied")
    func remoteEvents() throws {
        let client = try APIClient(try suiteSandbox())
        let receiver = try Receiver()
        defer { receiver.stop() }
        let cbid = try callback(client, target: receiver.url)
        let vehicle = client.endpoints.vehicles[1]
        let remotes = "/user/vehicles/\(vehicle.id)/callbacks/\(cbid)/remotes"
        let locked =
            try client.api("/user/vehicles/\(vehicle.id)/status").json["doorsState"]?["lockedStates"]?.array?.contains(.string("Locked")) == true
        let rid = try #require(
            try client.api(remotes, method: "POST", body: #"{"door": {"state": "\#(locked ? "Unlocked" : "Locked")"}}"#).json["remoteActionId"]?
                .string)
        try advance(client) { statuses(receiver.messages, rid).contains { $0.hasPrefix("Done/") } }
        #expect(statuses(receiver.messages, rid) == ["Pending/Accepted", "Pending/WakingUpVehicle", "Pending/SentToVehicle", "Done/Success"])
        let first = try #require(receiver.posts.first)
        #expect(first["headers"]?["X-Vin"]?.string == vehicle.vin)
        #expect(first["path"]?.string == "/messages/webhook?status=Accepted")
        let message = try #require(receiver.messages.first)
        #expect(message["callbackId"]?.string == cbid && message["type"]?.string == "Remote")
        #expect(message["attributes"]?.array?.first?["value"]?.string == "receiver")
        #expect(message["remoteEvent"]?["remoteType"]?.string == "Doors")
        #expect(message["date"]?.string.flatMap(Timestamp.parse) != nil)
        #expect(try receiver.templateProblems() == "", "every message is a valid Message of the webhook template")
    }

    @Test("a receiver that answers 500 three times gets the event on the fourth try, 10 simulated seconds apart")
    func retries() throws {
        let client = try APIClient(try suiteSandbox())
        let receiver = try Receiver(failing: 3)
        defer { receiver.stop() }
        let cbid = try callback(client, target: receiver.url)
        let remotes = "/user/vehicles/\(client.endpoints.vehicles[2].id)/callbacks/\(cbid)/remotes"
        let rid = try #require(try client.api(remotes, method: "POST", body: #"{"horn": {"state": "Activated"}}"#).json["remoteActionId"]?.string)
        try advance(client) { statuses(receiver.messages, rid).contains { $0.hasPrefix("Done/") } }
        let answered = receiver.posts.compactMap { $0["answered"]?.number }
        #expect(Array(answered.prefix(4)) == [500, 500, 500, 200])
        #expect(statuses(receiver.messages, rid) == ["Pending/Accepted", "Pending/WakingUpVehicle", "Pending/SentToVehicle", "Done/Success"])
        let attempts = try client.control("/_control/deliveries").json["attempts"]?.array ?? []
        #expect(attempts.filter { $0["subject"]?.string == rid && $0["received"] == .bool(false) }.count == 3)
    }

    @Test("a target that is down: the action still ends Success; its events arrive in order, once, when the target is back")
    func targetDown() throws {
        let client = try APIClient(try suiteSandbox())
        let probe = try Receiver()
        let port = probe.port
        probe.stop()
        let cbid = try callback(client, target: "http://127.0.0.1:\(port)/messages/webhook")
        let remotes = "/user/vehicles/\(client.endpoints.vehicles[0].id)/callbacks/\(cbid)/remotes"
        let rid = try #require(try client.api(remotes, method: "POST", body: #"{"lights": {"on": true}}"#).json["remoteActionId"]?.string)
        try advance(client, upTo: 60) { (try? client.api("\(remotes)/\(rid)").json["status"]?.string) == "Success" }
        #expect(try client.api("\(remotes)/\(rid)").json["status"]?.string == "Success")
        let receiver = try Receiver(port: port)
        defer { receiver.stop() }
        try advance(client, upTo: 60) { statuses(receiver.messages, rid).contains { $0.hasPrefix("Done/") } }
        #expect(statuses(receiver.messages, rid) == ["Pending/Accepted", "Pending/WakingUpVehicle", "Pending/SentToVehicle", "Done/Success"])
        #expect(try receiver.templateProblems() == "", "a batch's messages are valid Messages too")
    }
}
