/// A drive in progress: a path from where the car started to where it goes, at a steady speed, with what the car
/// had when it left, so that where it is at any later instant is computed, never accumulated.
package struct Drive: Sendable, Equatable, Codable {
    /// From the start position to the destination.
    package var path: [GeoPoint]
    /// km/h.
    package var speed: Double
    package var startedAt: Double
    package var startOdometer: Double
    package var startElectric: Double?
    package var startFuel: Double?
    /// How far the car's energy takes it (km): the drive ends there when the path is longer.
    package var reach: Double

    /// The path's length in km.
    package var length: Double { zip(path, path.dropFirst()).reduce(0) { $0 + $1.0.distanceKm(to: $1.1) } }

    /// The distance it will have covered when it stops.
    package var distance: Double { min(length, reach) }

    /// When it stops (arrived, or out of energy).
    package var arrival: Double { startedAt + distance / speed * 3600 }

    /// Where the car is after `km`, the heading of the leg it is on, and the vertices it passed.
    package func point(after km: Double) -> (point: GeoPoint, heading: Double?, passed: [GeoPoint]) {
        var left = max(0, km)
        var passed = path.prefix(1).map { $0 }
        for (from, to) in zip(path, path.dropFirst()) {
            let leg = from.distanceKm(to: to)
            if left <= leg, leg > 0 {
                return (from.interpolated(to: to, left / leg), from.bearing(to: to), passed)
            }
            left -= leg
            passed.append(to)
        }
        let last = path.last ?? GeoPoint(lon: 0, lat: 0)
        let heading = path.count > 1 ? path[path.count - 2].bearing(to: last) : nil
        return (last, heading, Array(passed.dropLast()))
    }
}

/// A trip the world recorded when a drive ended; served before the fleet's generated trips.
package struct LiveTrip: Sendable, Equatable, Codable {
    /// 0 for the first trip since the world began.
    package var number: Int
    package var startedAt: Double
    package var stoppedAt: Double
    package var distance: Double
    /// The vertices driven, from the start to where it stopped.
    package var path: [GeoPoint]
    package var speed: Double
    package var startOdometer: Double
    package var startElectric: Double?
    package var endElectric: Double?
    package var startFuel: Double?
    package var endFuel: Double?

    package var duration: Double { stoppedAt - startedAt }

    /// Where the car was `seconds` after it left.
    package func point(at seconds: Double) -> GeoPoint {
        let drive = Drive(path: path, speed: speed, startedAt: 0, startOdometer: 0, reach: .infinity)
        return drive.point(after: min(distance, max(0, seconds) * speed / 3600)).point
    }
}

/// An alert the world raised (a tank running low while driving): served before the fleet's generated alerts.
package struct LiveAlert: Sendable, Equatable, Codable {
    /// 0 for the first alert since the world began.
    package var number: Int
    /// An `AlertMsgEnum` value (`FuelLevelLow`).
    package var type: String
    package var startedAt: Double
    package var endedAt: Double?
    package var position: GeoPoint

    package var active: Bool { endedAt == nil }
}
