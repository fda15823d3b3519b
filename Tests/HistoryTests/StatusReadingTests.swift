import APIContract
import Testing

@testable import History

/// Reading the figures the recorder keeps from both status shapes the API sends (docs/api.md).
@Suite struct StatusReadingTests {
    @Test("the 4.17 shape: energies with extension.electric, root updatedAt, lastPosition's createdAt")
    func current() throws {
        let reading = StatusReading(
            try HistoryStoreTests.json(
                """
                {"createdAt": "2026-11-03T07:00:00Z", "updatedAt": "2026-11-03T08:00:00Z",
                 "odometer": {"mileage": 20123.4}, "kinetic": {"moving": false, "speed": 0},
                 "ignition": {"type": "Stop"}, "environment": {"air": {"temp": 11.5}},
                 "preconditioning": {"airConditioning": {"status": "Disabled"}},
                 "lastPosition": {"geometry": {"coordinates": [7.6, 45.07, 231]},
                                  "properties": {"createdAt": "2026-11-03T07:58:00Z", "heading": 263}},
                 "energies": [
                   {"type": "Fuel", "level": 98, "autonomy": 637},
                   {"type": "Electric", "level": 17, "autonomy": 9, "extension": {"electric": {
                     "battery": {"load": {"capacity": 13200, "residual": 2243}},
                     "charging": {"plugged": true, "status": "InProgress", "chargingMode": "Slow", "chargingRate": 12}}}}]}
                """))
        #expect(reading.reportedAt == Timestamp.parse("2026-11-03T08:00:00Z"))
        #expect(reading.electricLevel == 17)
        #expect(reading.electricRange == 9)
        #expect(reading.batteryCapacity == 13200)
        #expect(reading.batteryResidual == 2243)
        #expect(reading.fuelLevel == 98)
        #expect(reading.fuelRange == 637)
        #expect(reading.odometer == 20123.4)
        #expect(reading.plugged == true)
        #expect(reading.chargingStatus == "InProgress")
        #expect(reading.chargingMode == "Slow")
        #expect(reading.chargingRate == 12)
        #expect(reading.moving == false)
        #expect(reading.ignition == "Stop")
        #expect(reading.outsideTemperature == 11.5)
        #expect(reading.preconditioning == false)
        #expect(
            reading.position
                == PositionReading(
                    try HistoryStoreTests.json(
                        #"{"geometry": {"coordinates": [7.6, 45.07, 231]}, "properties": {"createdAt": "2026-11-03T07:58:00Z", "heading": 263}}"#)))
        #expect(reading.position?.at == Timestamp.parse("2026-11-03T07:58:00Z"))
    }

    @Test("the 4.0 shape: energy with charging and battery at the item's top, residual in kWh, no root updatedAt")
    func legacy() throws {
        let reading = StatusReading(
            try HistoryStoreTests.json(
                """
                {"energy": [{"updatedAt": "2021-05-01T10:00:00Z", "type": "Electric", "level": 48.0, "autonomy": 134,
                             "residual": 13.6, "battery": {"capacity": 46000},
                             "charging": {"plugged": false, "status": "Disconnected", "chargingMode": "No", "chargingRate": 0}}],
                 "_embedded": {"extension": {"kinetic": {"moving": true, "speed": 50}, "odemeter": {"mileage": 1107.1}}},
                 "preconditionning": {"airConditioning": {"status": "Enabled"}},
                 "lastPosition": {"geometry": {"coordinates": [2.3]}, "properties": {"updatedAt": "2021-05-01T10:01:00Z"}}}
                """))
        #expect(reading.reportedAt == Timestamp.parse("2021-05-01T10:01:00Z"), "the latest time inside")
        #expect(reading.electricLevel == 48)
        #expect(reading.batteryCapacity == 46000)
        #expect(reading.batteryResidual == 13600)
        #expect(reading.plugged == false)
        #expect(reading.chargingStatus == "Disconnected")
        #expect(reading.odometer == 1107.1)
        #expect(reading.moving == true)
        #expect(reading.speed == 50)
        #expect(reading.preconditioning == true)
        #expect(reading.position == nil, "a one-element coordinates array (privacy) is no position")
        #expect(reading.fuelLevel == nil, "a figure the document lacks is nil, not 0")
    }
}
