import Foundation
import Sandbox
import TestSupport
import Testing

/// Same seed, same data: two sandboxes started with one seed serve identical documents (but for their own URL).
@Suite struct DeterminismTests {
    /// Fetches a set of documents and strips the server's own origin from them.
    static func snapshot(_ sandbox: SandboxProcess) throws -> [String] {
        let client = try APIClient(sandbox)
        let vehicle = try #require(sandbox.endpoints.vehicles.first?.id)
        var texts: [String] = []
        for path in [
            "/user/vehicles", "/user/vehicles/\(vehicle)/status", "/user/vehicles/\(vehicle)/alerts", "/user/vehicles/\(vehicle)/trips",
            "/user/vehicles/\(vehicle)/lastPosition", "/user/vehicles/\(vehicle)/maintenance", "/user/vehicles/\(vehicle)/telemetry",
        ] {
            let reply = try client.api(path, query: path.hasSuffix("alerts") ? [("locale", "de-DE")] : [])
            #expect(reply.status == 200, "\(path)")
            texts.append(reply.raw.text.replacingOccurrences(of: sandbox.endpoints.serverURL, with: "ORIGIN"))
        }
        texts.append(sandbox.endpoints.clientID)
        texts.append(sandbox.endpoints.username)
        return texts
    }

    @Test("the same seed gives the same fleet, ids, documents and credentials; another seed does not")
    func sameSeed() throws {
        let a = try SandboxProcess.start(["--seed", "7", "--vehicles", "4"])
        defer { a.stop() }
        let b = try SandboxProcess.start(["--seed", "7", "--vehicles", "4"])
        defer { b.stop() }
        let c = try SandboxProcess.start(["--seed", "8", "--vehicles", "4"])
        defer { c.stop() }
        let (sa, sb, sc) = (try Self.snapshot(a), try Self.snapshot(b), try Self.snapshot(c))
        #expect(sa == sb)
        for (x, y) in zip(sa, sc) { #expect(x != y) }
        #expect(a.endpoints.vehicles.map(\.vin) == b.endpoints.vehicles.map(\.vin))
    }

    @Test("vehicles look like production's: 193-hex ids, 17-character VINs of the right maker, five brands")
    func shapes() throws {
        let sandbox = try SandboxProcess.start(["--vehicles", "60"])
        defer { sandbox.stop() }
        let vehicles = try APIClient(sandbox).walk("/user/vehicles", key: "vehicles").items
        #expect(vehicles.count == 60)
        let prefixes = [
            "Peugeot": ["VR3", "VF3"], "Citroën": ["VR7", "VF7"], "DS": ["VR1"], "Opel": ["VXK", "W0V"], "Vauxhall": ["VXE", "VXK", "W0V"],
        ]
        for vehicle in vehicles {
            let id = try #require(vehicle["id"]?.string)
            #expect(id.count == 193 && id.allSatisfy(\.isHexDigit) && id == id.lowercased())
            let vin = try #require(vehicle["vin"]?.string)
            #expect(vin.count == 17)
            let brand = try #require(vehicle["brand"]?.string)
            #expect(prefixes[brand]?.contains(String(vin.prefix(3))) == true, "\(brand) \(vin)")
        }
        #expect(Set(vehicles.compactMap { $0["vin"]?.string }).count == 60)
        #expect(Set(vehicles.compactMap { $0["brand"]?.string }).count == 5)
    }

    @Test("a fleet of 10,000 vehicles with 10,000 alerts each serves its last pages")
    func scale() throws {
        let sandbox = try SandboxProcess.start(["--vehicles", "10000", "--alerts", "10000"])
        defer { sandbox.stop() }
        let client = try APIClient(sandbox)
        let page = try client.api("/user/vehicles", query: [("indexRange", "9990-"), ("pageSize", "60")])
        let items = try #require(page.json["_embedded"]?["vehicles"]?.array)
        #expect(items.count == 10)
        let last = try #require(items.last?["id"]?.string)
        #expect(try client.api("/user/vehicles/\(last)").status == 200)
        let alerts = try client.api("/user/vehicles/\(last)/alerts", query: [("indexRange", "9999-")])
        #expect(alerts.json["total"] == .int(1))
        #expect(alerts.json["_embedded"]?["alerts"]?.array?.count == 1)
    }
}
