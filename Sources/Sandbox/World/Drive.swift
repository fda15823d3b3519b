/// A drive in progress: a path from where the car started to where it goes, at a steady speed, with what the car
/// had when it left, so that where it is at any later instant is computed, never accumulated.
package struct Drive: Sendable, Equatable, Codable {
    /// From the start position to the destination.
    package var path: Path
    /// km/h.
    package var speed: Double
    package var startedAt: Double
    package var startOdometer: Double
    package var startElectric: Double?
    package var startFuel: Double?
    /// How far the car's energy takes it (km): the drive ends there when the path is longer.
    package var reach: Double
    /// True when the API never lists the trip this drive becomes (a trip the car's data lost).
    package var unreported: Bool?

    /// The distance it will have covered when it stops.
    package var distance: Double { min(path.length, reach) }

    /// When it stops (arrived, or out of energy).
    package var arrival: Double { startedAt + distance / speed * 3600 }
}
