import Foundation
import Sandbox
import TestSupport
import Testing

/// 404 and 400 bodies as production sends them, each naming what is wrong.
@Suite
struct ErrorBodyTests {
    @Test("an unknown vehicle, alert, trip or monitor is 404 {code: 40400, message: Not Found: …}")
    func notFound() throws {
        let client = APIClient(try InProcessSandbox())
        let v = client.endpoints.vehicles[0].id
        for path in [
            "/user/vehicles/" + String(repeating: "f", count: 193), "/user/vehicles/\(v)/alerts/" + String(repeating: "0", count: 129),
            "/user/vehicles/\(v)/trips/abc", "/user/vehicles/\(v)/monitors/nope", "/user/trips/" + String(repeating: "1", count: 129),
            "/user/vehicles/\(String(v.dropLast()))0/status",
        ] {
            let reply = try client.api(path)
            #expect(reply.status == 404, "\(path)")
            #expect(reply.json["code"] == .int(40400))
            #expect(reply.json["message"]?.string?.hasPrefix("Not Found: ") == true)
            #expect(reply.header("Content-Type") == "application/json")
        }
    }

    @Test("a body of 1 MiB + 1 byte is 413 in the gateway's error shape, and logged; 1 MiB exactly is read")
    func bodyTooLarge() throws {
        // Hummingbird reads the body, so this one talks to the process.
        let sandbox = try SandboxProcess.start(["--log"])
        defer { sandbox.stop() }
        let client = try APIClient(sandbox)
        let limit = 1 << 20
        let over = try client.api("/user/callbacks", method: "POST", body: String(repeating: "a", count: limit + 1))
        #expect(over.status == 413)
        #expect(over.json["httpCode"] == .string("413"))
        #expect(over.json["moreInformation"]?.string?.contains("\(limit) bytes") == true)
        #expect(try client.api("/user/callbacks", method: "POST", body: String(repeating: "a", count: limit)).status == 400)
        let line = "POST /connectedcar/v4/user/callbacks 413"
        #expect(sandbox.log { $0.contains(line) }.contains(line), "logged")
    }

    @Test("an alert of another vehicle is not found under this one")
    func foreignAlert() throws {
        let client = APIClient(try InProcessSandbox())
        let (a, b) = (client.endpoints.vehicles[0].id, client.endpoints.vehicles[1].id)
        let alert = try #require(try client.api("/user/vehicles/\(a)/alerts").json["_embedded"]?["alerts"]?.array?.first?["id"]?.string)
        #expect(try client.api("/user/vehicles/\(a)/alerts/\(alert)").status == 200)
        #expect(try client.api("/user/vehicles/\(b)/alerts/\(alert)").status == 404)
    }

    @Test(
        "bad parameters are 400 xError {code, debug, message} naming the parameter",
        arguments: [
            ("pageSize", "0"), ("pageSize", "61"), ("pageSize", "ten"), ("indexRange", "a-b"), ("indexRange", "5-2"),
            ("locale", "french!"), ("timestamps", "yesterday/"), ("timestamps", "2026-01-01T00:00:00+01:00/"),
            ("pageToken", "garbage"), ("color", "red"),
        ])
    func badParameter(name: String, value: String) throws {
        let client = APIClient(try InProcessSandbox())
        // A '+' sent unencoded arrives as a space, as in production: the message says how to fix it.
        let path = "/user/vehicles/\(client.endpoints.vehicles[0].id)/alerts"
        let url =
            client.endpoints.baseURL + path + "?client_id=\(client.endpoints.clientID)&\(name)=\(value.replacingOccurrences(of: " ", with: "%20"))"
        let reply = try client.api(url)
        #expect(reply.status == 400, "\(name)=\(value)")
        #expect(reply.json.members?.map(\.0) == ["code", "debug", "message"])
        #expect(reply.json["debug"]?.string == "parameter: \(name)")
        #expect(reply.json["message"]?.string?.contains("'\(name)'") == true)
        if value.contains("+") { #expect(reply.json["message"]?.string?.contains("%2B") == true) }
    }

    @Test("extreme numbers are handled, not trapped on: a huge indexRange end, an absurd duration")
    func extremes() throws {
        let client = APIClient(try InProcessSandbox())
        let path = "/user/vehicles/\(client.endpoints.vehicles[0].id)/alerts"
        let wide = try client.api(path, query: [("indexRange", "0-\(Int.max)")])
        #expect(wide.status == 200)
        #expect(wide.json["total"] == .int(25))
        #expect(try client.api(path, query: [("indexRange", "\(Int.max)-")]).json["total"] == .int(0))
        let absurd = try client.api(path, query: [("timestamps", "2026-01-01T00:00:00Z/P99999999999999999Y")])
        #expect(absurd.status == 400)
        #expect(try client.api("/user").status == 200)
    }

    @Test("status extension: odometer and kinetic are accepted, anything else is 400")
    func statusExtension() throws {
        let client = APIClient(try InProcessSandbox())
        let path = "/user/vehicles/\(client.endpoints.vehicles[0].id)/status"
        #expect(try client.api(path, query: [("extension", "odometer")]).json["_embedded"]?["extension"]?["odemeter"] != nil)
        #expect(try client.api(path, query: [("extension", "kinetic")]).status == 200)
        #expect(try client.api(path, query: [("extension", "tyres")]).status == 400)
    }

    @Test("unknown paths are the gateway's 404; a wrong method is 405 with Allow")
    func routing() throws {
        let client = APIClient(try InProcessSandbox())
        let unknown = try client.api("/user/garage")
        #expect(unknown.status == 404)
        #expect(unknown.json["httpCode"]?.string == "404")
        let wrong = try client.api("/user/vehicles", method: "DELETE")
        #expect(wrong.status == 405)
        #expect(wrong.header("Allow") == "GET")
    }

    @Test("lastPosition is GeoJSON served as application/vnd.geo+json; an Accept that excludes it is refused")
    func lastPosition() throws {
        let client = APIClient(try InProcessSandbox())
        let path = "/user/vehicles/\(client.endpoints.vehicles[0].id)/lastPosition"
        let reply = try client.api(path, headers: [("Accept", "application/vnd.geo+json")])
        #expect(reply.header("Content-Type") == "application/vnd.geo+json")
        #expect(reply.json["type"]?.string == "Feature")
        #expect(reply.json["geometry"]?["coordinates"]?.array?.count == 3)
        #expect(try client.api(path, headers: [("Accept", "text/html")]).status == 400)
    }

    @Test(
        "locale localizes alert messages",
        arguments: [
            ("en-GB", "Low fuel level"), ("fr-FR", "Niveau de carburant bas"), ("de-DE", "Kraftstoffstand niedrig"),
            ("it-IT", "Livello carburante basso"), ("es-ES", "Nivel de combustible bajo"),
        ])
    func locales(locale: String, fuelMessage: String) throws {
        let client = APIClient(try InProcessSandbox())
        var found = false
        for vehicle in client.endpoints.vehicles {
            let alerts = try client.walk("/user/vehicles/\(vehicle.id)/alerts", key: "alerts", query: [("locale", locale)]).items
            let english = try client.walk("/user/vehicles/\(vehicle.id)/alerts", key: "alerts").items
            for (alert, reference) in zip(alerts, english) where reference["type"]?.string == "FuelLevelLow" {
                #expect(alert["message"]?.string == fuelMessage)
                found = true
            }
        }
        #expect(found, "the fleet has a FuelLevelLow alert")
    }
}
