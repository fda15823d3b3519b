import APIContract
import Foundation
import Sandbox
import TestSupport
import Testing

/// The world moves: a car driven through `/_control/vehicles` moves along its route (position, heading, speed,
/// odometer, energy falling), and its trip is recorded when it stops; a plugged car charges to Finished; bad control
/// bodies change nothing. The clock is advanced, never waited for.
@Suite
struct WorldTests {
    /// The first car with a traction battery and no tank, by number.
    static func electric(_ client: APIClient) throws -> Int {
        for (n, vehicle) in client.endpoints.vehicles.enumerated() {
            let types = try client.api("/user/vehicles/\(vehicle.id)/status").json["energies"]?.array?.compactMap { $0["type"]?.string }
            if types == ["Electric"] { return n }
        }
        throw TestFailure("no electric car in the fleet")
    }

    @Test("a car driven from Paris to Versailles moves, spends energy, and records its trip when it arrives")
    func drive() throws {
        let client = APIClient(try InProcessSandbox())
        let n = try Self.electric(client)
        let vehicle = client.endpoints.vehicles[n]
        try client.world(n, #"{"set": {"position": "paris", "electricLevel": 80}, "plug": false}"#)
        let tripsBefore = try client.walk("/user/vehicles/\(vehicle.id)/trips", key: "trips").items.count
        try client.world(n, #"{"drive": {"route": "paris-versailles", "speed": 50}}"#)
        try client.advanceClock(600)
        let moving = try client.api("/user/vehicles/\(vehicle.id)/status").json
        #expect(moving["kinetic"]?["moving"] == .bool(true))
        #expect(moving["ignition"]?["type"]?.string == "Start")
        let level = try #require(moving["energies"]?.array?.first?["level"]?.number)
        #expect(level < 80 && level > 75, "ten minutes at 50 km/h spend a little energy, got \(level)")
        let coordinates = try #require(moving["lastPosition"]?["geometry"]?["coordinates"]?.array?.compactMap { $0.number })
        let paris = (lon: 2.3522, lat: 48.8566)
        let driven = Fleet.distanceKm(paris, (coordinates[0], coordinates[1]))
        #expect(driven > 5 && driven < 9, "8.3 km along the route, \(driven) km from the start as the crow flies")

        try client.advanceClock(1800)
        let parked = try client.api("/user/vehicles/\(vehicle.id)/lastPosition").json
        let stop = try #require(parked["geometry"]?["coordinates"]?.array?.compactMap { $0.number })
        #expect(abs(stop[0] - 2.1301) < 1e-6 && abs(stop[1] - 48.8049) < 1e-6, "parked at Versailles: \(stop)")
        let trips = try client.walk("/user/vehicles/\(vehicle.id)/trips", key: "trips").items
        #expect(trips.count == tripsBefore + 1)
        let trip = try #require(trips.first)
        let distance = try #require(trip["distance"]?.number)
        #expect(abs(distance - 17.7) < 0.2, "Paris → Saint-Cloud → Versailles is 17.7 km, got \(distance)")
        #expect(trip["duration"]?.number.map { abs($0 - distance / 50 * 3600) < 2 } == true)
        let tid = try #require(trip["id"]?.string)
        #expect(try client.api("/user/vehicles/\(vehicle.id)/trips/\(tid)").json["id"]?.string == tid)
        let points = try client.walk("/user/vehicles/\(vehicle.id)/trips/\(tid)/wayPoints", key: "positions").items
        #expect(points.count == Int(trip["duration"]?.number ?? 0) / 30 + 2)
        #expect(points.last?["geometry"]?["coordinates"]?.array?.prefix(2).compactMap { $0.number } == [2.1301, 48.8049])
        let status = try client.api("/user/vehicles/\(vehicle.id)/status").json
        #expect(status["kinetic"]?["moving"] == .bool(false))
        #expect(status["doorsState"]?["lockedStates"]?.array?.contains(.string("Locked")) == true, "the car locks itself when parked")
        let mileage = try #require(status["odometer"]?["mileage"]?.number)
        #expect(abs(mileage - ((trip["startMileage"]?.number ?? 0) + distance)) < 0.2)
    }

    @Test("a plugged car charges at the charger's power, InProgress then Finished at 100 %")
    func charging() throws {
        let client = APIClient(try InProcessSandbox())
        let n = try Self.electric(client)
        let vehicle = client.endpoints.vehicles[n]
        try client.world(n, #"{"set": {"electricLevel": 40}, "plug": true}"#)
        func charging() throws -> JSON? {
            try client.api("/user/vehicles/\(vehicle.id)/status").json["energies"]?.array?.first?["extension"]?["electric"]?["charging"]
        }
        #expect(try charging()?["status"]?.string == "InProgress")
        #expect(try charging()?["plugged"] == .bool(true))
        try client.advanceClock(3600)
        let level = try #require(try client.api("/user/vehicles/\(vehicle.id)/status").json["energies"]?.array?.first?["level"]?.number)
        #expect(level > 45 && level < 60, "an hour at 7.4 kW, got \(level)")
        try client.advanceClock(12 * 3600)
        #expect(try charging()?["status"]?.string == "Finished")
        #expect(try client.api("/user/vehicles/\(vehicle.id)/status").json["energies"]?.array?.first?["level"]?.number == 100)
        try client.world(n, #"{"plug": false}"#)
        #expect(try charging()?["status"]?.string == "Disconnected")
    }

    @Test("a wrong control body is refused with what is wrong, and changes nothing")
    func refusals() throws {
        let client = APIClient(try InProcessSandbox())
        let n = try Self.electric(client)
        let before = try client.control("/_control/vehicles/\(n)").json["state"]
        let cases: [(String, String)] = [
            (#"{"drive": {"route": "nowhere"}}"#, "unknown route; there are back-to-paris, out-of-paris"),
            (#"{"set": {"electricLevel": 140}}"#, "expected a level from 0 to 100"),
            (#"{"set": {"fuelLevel": 40}}"#, "has no fuel tank"),
            (#"{"set": {"position": "atlantis"}}"#, "unknown place; there are"),
            (#"{"drive": {"to": [2.1, 48.8]}, "set": {"position": "paris"}}"#, "cannot be towed and driven at once"),
            (#"{"set": {"locked": true}, "fly": true}"#, "unknown field; a vehicle takes set, plug, stop and drive"),
        ]
        for (body, message) in cases {
            let reply = try client.control("/_control/vehicles/\(n)", body: body)
            #expect(reply.status == 400, "\(body)")
            #expect(reply.json["message"]?.string?.contains(message) == true, "\(body): \(reply.raw.text)")
        }
        #expect(try client.control("/_control/vehicles/\(n)").json["state"] == before)
        #expect(try client.control("/_control/vehicles/99", body: #"{"plug": true}"#).status == 404)
    }

    @Test("a car whose tank runs low on the road raises FuelLevelLow where it happened, in its trip, telemetry and /user/trips")
    func lowFuel() throws {
        let client = APIClient(try InProcessSandbox())
        var found: Int?
        for (n, vehicle) in client.endpoints.vehicles.enumerated() {
            let types = try client.api("/user/vehicles/\(vehicle.id)/status").json["energies"]?.array?.compactMap { $0["type"]?.string } ?? []
            if types.contains("Fuel") { found = n }
        }
        let n = try #require(found, "a car with a tank")
        let vehicle = client.endpoints.vehicles[n]
        try client.world(n, #"{"set": {"position": "paris", "fuelLevel": 11}}"#)
        if (try client.control("/_control/vehicles/\(n)").json["state"]?["electricLevel"]?.number) != nil {
            try client.world(n, #"{"set": {"electricLevel": 0}}"#)
        }
        let alertsBefore = try client.walk("/user/vehicles/\(vehicle.id)/alerts", key: "alerts").items.count
        try client.world(n, #"{"drive": {"route": "out-of-paris"}}"#)
        try client.advanceClock(3 * 3600)
        let alerts = try client.walk("/user/vehicles/\(vehicle.id)/alerts", key: "alerts").items
        #expect(alerts.count == alertsBefore + 1)
        let alert = try #require(alerts.first)
        #expect(alert["type"]?.string == "FuelLevelLow" && alert["active"] == .bool(true))
        let id = try #require(alert["id"]?.string)
        #expect(
            try client.api("/user/vehicles/\(vehicle.id)/alerts/\(id)", query: [("locale", "fr-FR")]).json["message"]?.string
                == "Niveau de carburant bas")
        let trip = try #require(try client.walk("/user/vehicles/\(vehicle.id)/trips", key: "trips").items.first)
        let tid = try #require(trip["id"]?.string)
        #expect(try client.walk("/user/vehicles/\(vehicle.id)/trips/\(tid)/alerts", key: "alerts").items.compactMap { $0["id"]?.string } == [id])
        let telemetry = try client.walk("/user/vehicles/\(vehicle.id)/trips/\(tid)/telemetry", key: "telemetries").items
        #expect(telemetry.count == 6)
        let mileages = telemetry.compactMap { $0["vehicle"]?["odometer"]?["mileage"]?.number }
        #expect(mileages.first == trip["odometer"]?.number && mileages.last == trip["startMileage"]?.number, "stop first, start last: \(mileages)")
        #expect(try client.walk("/user/vehicles/\(vehicle.id)/telemetry", key: "telemetries").items.first?["id"] == telemetry.first?["id"])
        #expect(try client.walk("/user/trips", key: "trips").items.contains { $0["id"]?.string == tid })
        try client.world(n, #"{"set": {"fuelLevel": 90}}"#)
        #expect(try client.api("/user/vehicles/\(vehicle.id)/alerts/\(id)").json["active"] == .bool(false), "filled up: the alert ended")
    }
}
