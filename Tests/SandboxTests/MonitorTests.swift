import APIContract
import Foundation
import Sandbox
import TestSupport
import Testing

/// v4.0 monitors, in-process: validation as the server does it, and the create/get/pause/delete round trip.
@Suite
struct MonitorTests {
    /// The quickstart's POST body, verbatim: its single trigger object repeats `name`, and `bool.exp` is unbalanced.
    static func quickstartBody() throws -> String {
        let url = try #require(Bundle.module.url(forResource: "quickstart-monitor", withExtension: "json", subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The quickstart's monitor made valid: one object per trigger, balanced parentheses.
    static let validBody = """
        {"label": "IDF zone monitor", "subscribeParam": {"refreshEvent": 600,
          "retryPolicy": {"policy": "Always", "maxRetryNumber": 3, "retryDelay": 120}, "batchNotify": {"size": 10, "timeWindow": 300},
          "callback": {"target": "http://my.dn/monitors/cb1", "name": "HTTP_CB",
            "attributes": [{"type": "Query", "key": "vin", "value": "$vin"}]}},
         "extendedEventParam": ["vehicle.alerts", "vehicle.status"],
         "triggerParam": {"triggers": [
           {"name": "outOfParis", "zone": {"transition": "Out", "circle": {"radius": 20, "center": {"longitude": 2.333333, "latitude": 48.866667}}}},
           {"name": "onMonday", "time": {"time.zone": "Europe/Paris", "times": [{"recurrence": "Daily", "start": "PT14H30M", "duration": "PT04H30M", "occurence": {"day": ["Mon"]}}]}},
           {"name": "batteryIsLow", "data": {"data": "vehicle.energy.electric.level", "op": "lowerThan", "value": ["50"]}}],
          "bool.exp": "outOfParis & (batteryIsLow | onMonday)"}}
        """

    func monitorsPath(_ client: APIClient) -> String { "/user/vehicles/\(client.endpoints.vehicles[0].id)/monitors" }

    @Test("the quickstart's own body is rejected: its trigger object repeats the name key")
    func quickstartRejected() throws {
        let client = APIClient(try InProcessSandbox())
        let reply = try client.api(monitorsPath(client), method: "POST", body: try Self.quickstartBody())
        #expect(reply.status == 400)
        #expect(reply.json["debug"]?.string == "body: $.triggerParam.triggers[0].name")
        let message = try #require(reply.json["message"]?.string)
        #expect(message.contains("duplicate key 'name'"))
        #expect(message.contains("line 49, column 10"), "the second \"name\" of the fixture")
    }

    @Test("with the duplicates split into three triggers, the unbalanced bool.exp is what gets rejected")
    func unbalancedRejected() throws {
        let client = APIClient(try InProcessSandbox())
        let body = Self.validBody.replacingOccurrences(
            of: "\"outOfParis & (batteryIsLow | onMonday)\"", with: "\"((outOfParis & (batteryIsLow | onMonday)\"")
        let reply = try client.api(monitorsPath(client), method: "POST", body: body)
        #expect(reply.status == 400)
        #expect(reply.json["debug"]?.string == "body: $.triggerParam.bool.exp")
        #expect(reply.json["message"]?.string?.contains("unbalanced parentheses") == true)
    }

    @Test("create, list, get, pause, resume, replace, delete; then 404")
    func roundTrip() throws {
        let client = APIClient(try InProcessSandbox())
        let path = monitorsPath(client)
        let created = try client.api(path, method: "POST", body: Self.validBody)
        #expect(created.status == 201)
        let id = try #require(created.json["monitorId"]?.string)
        #expect(id.count == 42)
        #expect(created.json["_links"]?["monitor"]?["href"]?.string?.hasSuffix("/monitors/\(id)") == true)
        let list = try client.api(path)
        #expect(list.json["_embedded"]?["monitors"]?.array?.contains { $0["id"]?.string == id } == true)
        let fetched = try client.api("\(path)/\(id)")
        #expect(fetched.json["status"]?.string == "Running")
        #expect(fetched.json["monitor"]?["label"]?.string == "IDF zone monitor")
        #expect(try client.api("\(path)/\(id)/status", method: "PUT", body: #"{"status": "Paused"}"#).status == 200)
        #expect(try client.api("\(path)/\(id)").json["status"]?.string == "Paused")
        #expect(try client.api("\(path)/\(id)/status", method: "PUT", body: #"{"status": "Stopped"}"#).status == 400)
        #expect(try client.api("\(path)/\(id)/status", method: "PUT", body: #"{"status": "Running"}"#).json["status"]?.string == "Running")
        let replaced = try client.api(
            "\(path)/\(id)", method: "PUT", body: Self.validBody.replacingOccurrences(of: "IDF zone monitor", with: "renamed"))
        #expect(replaced.status == 201)
        #expect(try client.api("\(path)/\(id)").json["monitor"]?["label"]?.string == "renamed")
        let deleted = try client.api("\(path)/\(id)", method: "DELETE")
        #expect(deleted.status == 200)
        #expect(deleted.raw.body.isEmpty)
        #expect(try client.api("\(path)/\(id)").status == 404)
        #expect(try client.api("\(path)/\(id)", method: "DELETE").status == 404)
    }

    @Test("monitors belong to their vehicle")
    func perVehicle() throws {
        let client = APIClient(try InProcessSandbox())
        let created = try client.api(monitorsPath(client), method: "POST", body: Self.validBody)
        let id = try #require(created.json["monitorId"]?.string)
        #expect(try client.api("/user/vehicles/\(client.endpoints.vehicles[1].id)/monitors/\(id)").status == 404)
    }

    @Test("a body that is not JSON, or sent as another type, is refused with the reason")
    func notJSON() throws {
        let client = APIClient(try InProcessSandbox())
        let broken = try client.api(monitorsPath(client), method: "POST", body: "{\"label\": ")
        #expect(broken.status == 400)
        #expect(broken.json["message"]?.string?.contains("line 1") == true)
        let form = try client.api(monitorsPath(client), method: "POST", body: Self.validBody, headers: [("Content-Type", "text/plain")])
        #expect(form.status == 400)
        #expect(form.json["debug"]?.string == "parameter: Content-Type")
    }
}

/// Monitors survive a restart of the sandbox on the same state directory.
@Suite struct MonitorPersistenceTests {
    @Test("a created monitor is still there after SIGTERM and a restart; a deleted one stays deleted")
    func restart() throws {
        let first = try SandboxProcess.start()
        let client = try APIClient(first)
        let path = "/user/vehicles/\(client.endpoints.vehicles[0].id)/monitors"
        let kept = try #require(try client.api(path, method: "POST", body: MonitorTests.validBody).json["monitorId"]?.string)
        let gone = try #require(try client.api(path, method: "POST", body: MonitorTests.validBody).json["monitorId"]?.string)
        #expect(try client.api("\(path)/\(gone)", method: "DELETE").status == 200)
        #expect(try client.api("\(path)/\(kept)/status", method: "PUT", body: #"{"status":"Paused"}"#).status == 200)
        #expect(first.stop() == 0)

        let second = try SandboxProcess.start(directory: first.directory)
        defer { second.stop() }
        let again = try APIClient(second)
        #expect(again.endpoints.clientID == client.endpoints.clientID)
        #expect(try again.api("\(path)/\(kept)").json["status"]?.string == "Paused")
        #expect(try again.api("\(path)/\(gone)").status == 404)
        let pem = try String(contentsOf: first.directory.appendingPathComponent("ca.crt"), encoding: .utf8)
        #expect(pem == (try String(contentsOfFile: again.endpoints.caCert, encoding: .utf8)), "the PKI is kept")
    }
}
