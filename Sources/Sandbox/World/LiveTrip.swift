/// A trip the world recorded when a drive ended; served before the fleet's generated trips.
package struct LiveTrip: Sendable, Equatable, Codable {
    /// 0 for the first trip since the world began.
    package var number: Int
    package var startedAt: Double
    package var stoppedAt: Double
    package var distance: Double
    /// The vertices driven, from the start to where it stopped.
    package var path: Path
    package var speed: Double
    package var startOdometer: Double
    package var startElectric: Double?
    package var endElectric: Double?
    package var startFuel: Double?
    package var endFuel: Double?
    /// True when the API never lists this trip: it is only in the world's ground truth.
    package var unreported: Bool?

    package var duration: Double { stoppedAt - startedAt }

    /// Where the car was `seconds` after it left.
    package func point(at seconds: Double) -> GeoPoint {
        path.point(after: min(distance, max(0, seconds) * speed / 3600)).point
    }
}
