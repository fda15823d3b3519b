import APIContract
import Foundation
import Sandbox
import TestSupport
import Testing

/// A living world (`--life commuter`) and how its cars report: the same month whatever the clock's steps, the API's
/// documents following it (status and position as last reported, trips but for the one the API never lists), and
/// its ground truth at `/_control/vehicles/{n}/truth`. The clock is advanced, never waited for.
@Suite
struct LifeTests {
    /// A Monday: the world's life starts with a working week.
    static let monday = "2026-11-02T00:00:00Z"

    static func living() throws -> APIClient {
        APIClient(
            try InProcessSandbox { configuration in
                configuration.life = .commuter
                configuration.epoch = Timestamp.parse(Self.monday)
            })
    }

    static func truth(_ client: APIClient, _ car: Int) throws -> JSON { try client.control("/_control/vehicles/\(car)/truth").json }

    @Test("a car reports as connected cars do: its status stays its last report between a charge's reports and while parked")
    func reports() throws {
        let client = APIClient(try InProcessSandbox())
        let n = try WorldTests.electric(client)
        let vehicle = client.endpoints.vehicles[n]
        func status() throws -> (level: Double?, at: Int?, charging: String?) {
            let document = try client.api("/user/vehicles/\(vehicle.id)/status").json
            let energy = document["energies"]?.array?.first
            return (
                energy?["level"]?.number, document["updatedAt"]?.string.flatMap(Timestamp.parse),
                energy?["extension"]?["electric"]?["charging"]?["status"]?.string
            )
        }
        let plugged = try client.world(n, #"{"set": {"electricLevel": 40}, "plug": true}"#)
        let start = plugged["time"]?.string.flatMap(Timestamp.parse)
        try client.advanceClock(1200)
        #expect(try status().level == 40, "20 minutes in, the status is still the report of the start")
        #expect(try status().at == start)
        #expect(try status().charging == "InProgress")
        try client.advanceClock(600)
        #expect(try status().level ?? 0 > 43, "the report of the first half hour")
        #expect(try status().at == start.map { $0 + 1800 })
        try client.world(n, #"{"plug": false}"#)
        let unplugged = try status()
        try client.advanceClock(3 * 3600)
        #expect(try status().level == unplugged.level, "parked, asleep: the level it reported, not the drained one")
        try client.advanceClock(6 * 3600)
        #expect(try status().at.map { $0 % 21600 } == 0, "a parked car reports at 00:00, 06:00, 12:00 and 18:00 UTC")
    }

    @Test("a commuter's month is the same whatever the clock's steps: the same truth in one step or in hours")
    func deterministic() throws {
        let once = try Self.living()
        let steps = try Self.living()
        try once.advanceClock(7 * 86400)
        for _ in 0..<(7 * 24) { try steps.advanceClock(3600) }
        for car in 0..<3 {
            let truth = try Self.truth(once, car)
            #expect(truth == (try Self.truth(steps, car)), "car \(car)")
            #expect((truth["drives"]?.array?.count ?? 0) >= 8, "a working week and a Saturday out: \(truth["drives"]?.array?.count ?? 0)")
        }
    }

    @Test("status, position and trips follow the life; the trip the API never lists is only in the truth")
    func followed() throws {
        let client = try Self.living()
        // Tuesday 12:00: at work (or, on the week's day at home, home); the position is the car's own report.
        try client.advanceClock(86400 + 12 * 3600)
        for (n, vehicle) in client.endpoints.vehicles.enumerated() {
            let truth = try Self.truth(client, n)
            let position = try client.api("/user/vehicles/\(vehicle.id)/lastPosition").json["geometry"]?["coordinates"]?.array
            let arrived = truth["drives"]?.array?.last?["to"]?.array
            if let arrived {
                #expect(position?.first?.number == arrived.first?.number, "car \(n) is where its last drive ended")
            }
        }
        try client.advanceClock(29 * 86400)
        for (n, vehicle) in client.endpoints.vehicles.enumerated() {
            let drives = try Self.truth(client, n)["drives"]?.array ?? []
            let unlisted = drives.filter { $0["listed"] == .bool(false) }
            #expect(!unlisted.isEmpty, "car \(n): a trip the API never lists")
            let trips = try client.walk("/user/vehicles/\(vehicle.id)/trips", key: "trips").items
            let listedIds = Set(drives.compactMap { $0["trip"]?.string })
            let tripIds = Set(trips.compactMap { $0["id"]?.string })
            #expect(tripIds.isSuperset(of: listedIds), "car \(n): every listed drive is a trip")
            let starts = Set(trips.compactMap { $0["startedAt"]?.string })
            #expect(unlisted.allSatisfy { !starts.contains($0["startedAt"]?.string ?? "") }, "car \(n): the unlisted one is not")
            let odometer = try client.api("/user/vehicles/\(vehicle.id)/status").json["odometer"]?["mileage"]?.number ?? 0
            let driven = drives.last?["endOdometer"]?.number ?? 0
            #expect(abs(odometer - driven) < 0.2, "car \(n): the odometer counts every drive, listed or not")
        }
        let charges = try (0..<3).flatMap { try Self.truth(client, $0)["charges"]?.array ?? [] }
        #expect(charges.contains { $0["mode"]?.string == "Quick" }, "a public fast charge in the month")
        #expect(charges.contains { $0["mode"]?.string == "Slow" }, "home charging at night")
    }
}
