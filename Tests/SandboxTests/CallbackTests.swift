import APIContract
import Foundation
import Sandbox
import TestSupport
import Testing

/// The 4.17 API beside v4.0's, in-process: callbacks, monitors bound to them (4.17 body rules), remote actions that
/// go through their statuses as the world's clock is advanced and change the car, and alarms. Each test has a world
/// of its own.
@Suite
struct CallbackTests {
    static let callbackBody = """
        {"label": "home", "type": ["Monitor", "Remote"], "callback": {"webhook": {"name": "home", "target": "https://127.0.0.1:9/hook",
          "attributes": [{"type": "Header", "key": "X-Vin", "value": "$vin"}]}}}
        """

    static let monitorBody = """
        {"label": "out of Paris", "subscribeParam": {"refreshEvent": 600}, "extendedEventParam": ["vehicle.position"],
         "triggerParam": {"boolExp": "outOfParis & low",
           "triggers": [{"name": "outOfParis", "zone": {"transition": "Out", "place": {"radius": 20, "center": {"longitude": 2.333333, "latitude": 48.866667}}}},
                        {"name": "low", "data": {"data": "vehicle.energy.electric.level", "op": "lowerThan", "value": ["50"]}}]}}
        """

    func newCallback(_ client: APIClient, types: String = #"["Monitor", "Remote"]"#) throws -> String {
        let body = Self.callbackBody.replacingOccurrences(of: #"["Monitor", "Remote"]"#, with: types)
        let reply = try client.api("/user/callbacks", method: "POST", body: body)
        #expect(reply.status == 200)
        return try #require(reply.json["callbackId"]?.string)
    }

    func vehiclePath(_ client: APIClient, _ n: Int = 0) -> String { "/user/vehicles/\(client.endpoints.vehicles[n].id)" }

    /// A new callback's remote actions on vehicle `n`.
    func remotesPath(_ client: APIClient, _ n: Int) throws -> String { "\(vehiclePath(client, n))/callbacks/\(try newCallback(client))/remotes" }

    /// The charging part of a status document's electric energy, if the car has one.
    func charging(_ status: JSON) -> JSON? {
        status["energies"]?.array?.first { $0["type"] == .string("Electric") }?["extension"]?["electric"]?["charging"]
    }

    @Test("callbacks: create (200), list by type, show, replace and pause (202), delete (204) with its monitors; then 404")
    func callbacks() throws {
        let client = APIClient(try InProcessSandbox())
        let id = try newCallback(client)
        let remoteOnly = try newCallback(client, types: #"["Remote"]"#)
        let monitors = try client.api("/user/callbacks", query: [("types", "Monitor")])
        let ids = monitors.json["_embedded"]?["callbacks"]?.array?.compactMap { $0["id"]?.string } ?? []
        #expect(ids.contains(id) && !ids.contains(remoteOnly))
        #expect(try client.api("/user/callbacks/\(id)").json["subscribe"]?["callback"]?["webhook"]?["name"]?.string == "home")
        let renamed = try client.api(
            "/user/callbacks/\(id)", method: "PUT",
            body: Self.callbackBody.replacingOccurrences(of: "\"label\": \"home\"", with: "\"label\": \"away\""))
        #expect(renamed.status == 202)
        #expect(try client.api("/user/callbacks/\(id)").json["label"]?.string == "away")
        #expect(try client.api("/user/callbacks/\(id)/status", method: "PUT", body: #"{"status": "Paused"}"#).json["status"]?.string == "Paused")
        let monitorsPath = "\(vehiclePath(client))/callbacks/\(id)/monitors"
        let created = try client.api(monitorsPath, method: "POST", body: Self.monitorBody)
        #expect(created.status == 202)
        let mid = try #require(created.json["monitorId"]?.string)
        #expect(try client.api("\(vehiclePath(client))/callbacks/\(remoteOnly)/monitors", method: "POST", body: Self.monitorBody).status == 400)
        #expect(try client.api("/user/callbacks/\(id)", method: "DELETE").status == 204)
        #expect(try client.api("/user/callbacks/\(id)").status == 404)
        #expect(try client.api("\(monitorsPath)/\(mid)").status == 404)
        #expect(
            try client.api("/user/callbacks", method: "POST", body: #"{"callback": {"webhook": {"name": "x", "target": "ftp://x"}}}"#).status == 400)
    }

    @Test("4.17 monitors: the 4.17 body is accepted and v4.0's refused with its field named; v4.0 monitors stay apart")
    func monitors() throws {
        let client = APIClient(try InProcessSandbox())
        let id = try newCallback(client)
        let path = "\(vehiclePath(client, 1))/callbacks/\(id)/monitors"
        let mid = try #require(try client.api(path, method: "POST", body: Self.monitorBody).json["monitorId"]?.string)
        let fetched = try client.api("\(path)/\(mid)")
        #expect(fetched.json["status"]?.string == "Running" && fetched.json["monitor"]?["triggerParam"]?["boolExp"]?.string == "outOfParis & low")
        let old = try client.api(path, method: "POST", body: Self.monitorBody.replacingOccurrences(of: "boolExp", with: "bool.exp"))
        #expect(old.status == 400 && old.json["debug"]?.string == "body: $.triggerParam.bool.exp")
        #expect(old.json["message"]?.string?.contains("4.17 names it boolExp") == true)
        #expect(try client.api("\(vehiclePath(client, 1))/monitors").json["total"]?.number == 0, "a 4.17 monitor is not a v4.0 one")
        #expect(try client.api("\(path)/\(mid)/status", method: "PUT", body: #"{"status": "Paused"}"#).status == 202)
        #expect(try client.api("\(path)/\(mid)", method: "DELETE").status == 204)
    }

    @Test("a remote door lock: 202, then Accepted → WakingUpVehicle → SentToVehicle → Success as the clock moves; the car is locked")
    func doorLock() throws {
        let client = APIClient(try InProcessSandbox())
        let vehicle = vehiclePath(client, 2)
        let remotes = try remotesPath(client, 2)
        let wasLocked = try client.api("\(vehicle)/status").json["doorsState"]?["lockedStates"]?.array?.contains(.string("Locked")) == true
        let state = wasLocked ? "Unlocked" : "Locked"
        let posted = try client.api(remotes, method: "POST", body: #"{"label": "t1", "door": {"state": "\#(state)"}}"#)
        #expect(posted.status == 202 && posted.json["type"]?.string == "Doors")
        let rid = try #require(posted.json["remoteActionId"]?.string)
        var seen: [String] = []
        for _ in 0..<40 {
            let status = try #require(try client.api("\(remotes)/\(rid)").json["status"]?.string)
            if seen.last != status { seen.append(status) }
            if status == "Success" { break }
            try client.advanceClock(1)
        }
        #expect(seen == ["Accepted", "WakingUpVehicle", "SentToVehicle", "Success"])
        let locked = try client.api("\(vehicle)/status").json["doorsState"]?["lockedStates"]?.array?.contains(.string("Locked")) == true
        #expect(locked == !wasLocked)
        // The same again: the car already is so.
        let again = try #require(try client.api(remotes, method: "POST", body: #"{"door": {"state": "\#(state)"}}"#).json["remoteActionId"]?.string)
        try client.advanceClock(60)
        #expect(try client.api("\(remotes)/\(again)").json["status"]?.string == "AlreadyDone")
        #expect(try client.api(remotes).json["total"]?.number == 2)
    }

    @Test("realistic refusals: one action at a time, charging an unplugged car, two actions in one body")
    func refusals() throws {
        let client = APIClient(try InProcessSandbox())
        let remotes = try remotesPath(client, 0)
        let first = try #require(try client.api(remotes, method: "POST", body: #"{"horn": {"state": "Activated"}}"#).json["remoteActionId"]?.string)
        let second = try #require(try client.api(remotes, method: "POST", body: #"{"lights": {"on": true}}"#).json["remoteActionId"]?.string)
        try client.advanceClock(60)
        #expect(try client.api("\(remotes)/\(first)").json["status"]?.string == "Success")
        let busy = try client.api("\(remotes)/\(second)").json
        #expect(busy["status"]?.string == "Failed" && busy["failureCause"]?.string == "SameActionInProgress")
        // An electric car of the fleet that is not plugged in (the default fleet has one).
        let unplugged = try #require(
            try client.endpoints.vehicles.indices.first { n in
                try charging(client.api("\(vehiclePath(client, n))/status").json)?["plugged"] == .bool(false)
            })
        let elsewhere = try remotesPath(client, unplugged)
        let rid = try #require(try client.api(elsewhere, method: "POST", body: #"{"charging": {"immediate": true}}"#).json["remoteActionId"]?.string)
        try client.advanceClock(60)
        let failed = try client.api("\(elsewhere)/\(rid)").json
        #expect(failed["status"]?.string == "Failed" && failed["failureCause"]?.string == "ExternalChargingSystemError")
        let two = try client.api(remotes, method: "POST", body: #"{"door": {"state": "Locked"}, "horn": {"state": "Activated"}}"#)
        #expect(two.status == 400 && two.json["message"]?.string?.contains("only one action") == true)
    }

    @Test("alarms: status changes around trips, filtered by type; each one by id")
    func alarms() throws {
        let client = APIClient(try InProcessSandbox())
        let path = "\(vehiclePath(client, 0))/alarms"
        let all = try client.api(path).json
        let items = all["_embedded"]?["alarms"]?.array ?? []
        #expect(!items.isEmpty)
        let statuses = try client.api(path, query: [("type", "vehicle.alarm.status")]).json["_embedded"]?["alarms"]?.array ?? []
        #expect(statuses.allSatisfy { $0["status"] != nil && $0["trigger"] == nil })
        let id = try #require(items.first?["id"]?.string)
        #expect(try client.api("\(path)/\(id)").json["id"]?.string == id)
        #expect(try client.api(path, query: [("type", "vehicle.alarm.nope")]).status == 400)
    }
}

/// The world's clock and the 4.17 state persist: a restarted sandbox has the callbacks, the remote actions, the
/// clock, the cars and where monitors stand, as it stopped.
@Suite struct WorldPersistenceTests {
    @Test("callbacks, remote actions and the clock survive a restart")
    func restart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-world-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try SandboxProcess.start(["--time-scale", "0"], directory: directory)
        let client = try APIClient(first)
        let cbid = try #require(
            try client.api("/user/callbacks", method: "POST", body: CallbackTests.callbackBody).json["callbackId"]?.string)
        let remotes = "/user/vehicles/\(client.endpoints.vehicles[0].id)/callbacks/\(cbid)/remotes"
        let rid = try #require(try client.api(remotes, method: "POST", body: #"{"wakeUp": {}}"#).json["remoteActionId"]?.string)
        let clock = try client.advanceClock(3600).json["seconds"]?.number
        _ = first.stop()
        let second = try SandboxProcess.start(["--time-scale", "0"], directory: directory)
        defer { _ = second.stop() }
        let again = try APIClient(second)
        #expect(try again.api("/user/callbacks/\(cbid)").status == 200)
        #expect(try again.api("\(remotes)/\(rid)").json["status"]?.string == "Success")
        #expect(try again.advanceClock(0).json["seconds"]?.number == clock)
    }

    @Test("a car driving when the sandbox stops goes on from where it was after a restart, and its monitor does not fire twice")
    func driveAcrossRestart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-world-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try SandboxProcess.start(["--time-scale", "0"], directory: directory)
        let client = try APIClient(first)
        let n = try WorldTests.electric(client)
        let vehicle = client.endpoints.vehicles[n].id
        let receiver = try Receiver()
        defer { receiver.stop() }
        let monitor = """
            {"label": "moving", "subscribeParam": {"callback": {"name": "r", "target": "\(receiver.url)"}},
             "triggerParam": {"triggers": [{"name": "m", "data": {"data": "vehicle.kinetic.moving", "op": "onChange"}}], "bool.exp": "m"}}
            """
        #expect(try client.api("/user/vehicles/\(vehicle)/monitors", method: "POST", body: monitor).status == 201)
        try client.settle()
        try client.world(n, #"{"set": {"position": "paris"}, "plug": false}"#)
        try client.world(n, #"{"drive": {"route": "paris-versailles"}}"#)
        try client.advanceAndSettle(600)
        let before = try client.control("/_control/vehicles/\(n)").json["state"]
        _ = first.stop()
        let second = try SandboxProcess.start(["--time-scale", "0"], directory: directory)
        defer { _ = second.stop() }
        let again = try APIClient(second)
        #expect(try again.control("/_control/vehicles/\(n)").json["state"] == before, "the same state at the same instant")
        try again.advanceAndSettle(1800)
        let trips = try again.walk("/user/vehicles/\(vehicle)/trips", key: "trips").items
        #expect(trips.first?["distance"]?.number.map { abs($0 - 17.7) < 0.2 } == true, "the trip ends at Versailles")
        let values = try receiver.messagesOnce(again).flatMap { $0["events"]?.array ?? [] }.compactMap {
            $0["values"]?.array?.first?["value"]?["body"]?["literalValue"]?.string
        }
        #expect(values == ["true", "false"], "one event as it left, one as it stopped; none repeated by the restart")
    }
}
