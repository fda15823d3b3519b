/// A charge the world made: from the moment charging started (plugged in, or a start action) to the moment it
/// ended (full, unplugged, stopped, or the car drove off). The sandbox's ground truth for charge sessions
/// (`GET /_control/vehicles/{n}/truth`).
package struct LiveCharge: Sendable, Equatable, Codable {
    package var startedAt: Double
    /// Nil while it goes on.
    package var endedAt: Double?
    /// The traction battery's level when it started and ended (%, as the car has it, not rounded).
    package var startLevel: Double
    package var endLevel: Double?
    /// When the car was unplugged after it (a charge that ended full stays plugged until then); nil while plugged.
    package var unpluggedAt: Double?
    /// The charger it was on; nil: the home wall box.
    package var charger: Charger?
    /// The API's charging mode word: `Slow` or `Quick`.
    package var mode: String
    package var position: GeoPoint
}

/// The charger a car is plugged into.
package struct Charger: Sendable, Equatable, Codable {
    /// kW.
    package var power: Double
    /// `Slow` (AC) or `Quick` (DC), as the API words it.
    package var mode: String

    /// A public DC fast charger.
    package static let fast = Charger(power: 50, mode: "Quick")
}
