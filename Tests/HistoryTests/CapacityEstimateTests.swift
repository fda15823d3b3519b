import Testing

@testable import History

/// The capacity estimate of docs/history.md, "Efficiency and health", on crafted sessions.
@Suite struct CapacityEstimateTests {
    @Test("energy over points gained, all together; the spread of the sessions' own figures; small gains left out")
    func pooled() throws {
        // 20 kWh for 40 points (50 kWh), 10.5 kWh for 20 points (52.5 kWh); a 5-point gain is too coarse to count.
        let estimate = try #require(
            CapacityEstimate.of([.init(energy: 20, gained: 40), .init(energy: 10.5, gained: 20), .init(energy: 4, gained: 5)]))
        #expect(estimate.sessions == 2)
        let pooled: Double = 30.5 / 60 * 100
        #expect(abs(estimate.capacity - pooled) < 1e-9)
        #expect(estimate.low == 50 && estimate.high == 52.5)
        // The sample standard deviation of 50 and 52.5.
        let deviation: Double = 2.5 / 2.0.squareRoot()
        #expect(abs(estimate.spread - deviation) < 1e-9)
        #expect(CapacityEstimate.of([.init(energy: 4, gained: 5)]) == nil)
        #expect(CapacityEstimate.of([.init(energy: 25, gained: 50)])?.spread == 0)
    }

    @Test("a month's figures: charged over driven km, charges at home by the place named home, drain weighted by time")
    func figures() {
        let home = Place(name: "home", latitude: 48.85, longitude: 2.35, radius: 150)
        let charges = [
            StoryCharge(
                startedAt: 0, endedAt: 3600, energy: 10, startLevel: 40, endLevel: 60, measured: true, fast: false, latitude: 48.8501,
                longitude: 2.3501),
            StoryCharge(
                startedAt: 7200, endedAt: 9000, energy: 20, startLevel: 20, endLevel: 60, measured: true, fast: true, latitude: 45.0,
                longitude: 7.0),
        ]
        let drives = [
            StoryDrive(startedAt: 100, endedAt: 200, distance: 100, levelLost: 20, temperature: 10),
            StoryDrive(startedAt: 300, endedAt: 400, distance: 50, levelLost: 10, temperature: 4, fuelConsumption: 5),
        ]
        let figures = StoryFigures(
            charges: charges, drives: drives, parked: [(0, 86_400, 1), (0, 3 * 86_400, 2), (0, 10, nil)], capacity: 50, places: [home],
            grid: 100, fuel: 2000)
        #expect(figures.drives == 2 && figures.distance == 150 && figures.charged == 30)
        #expect(figures.efficiency == 20)
        #expect(figures.driven == 15)
        #expect(figures.homeCharges == 1 && figures.publicCharges == 1)
        #expect(figures.drain == 1.75)
        #expect(figures.litres == 2.5)
        let co2: Double = (30 * 100 + 2.5 * 2000) / 1000
        #expect(figures.co2 == co2)
        #expect(figures.temperature == 8)
    }
}
