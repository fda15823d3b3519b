import Foundation

/// Distances and bearings on the earth (a sphere of 6371 km), for the shell's maps and the sandbox's world alike.
package enum GreatCircle {
    /// Great-circle (haversine) distance in km between two points given in degrees.
    package static func distanceKm(lon1: Double, lat1: Double, lon2: Double, lat2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians
        let dLon = (lon2 - lon1) * radians
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * radians) * cos(lat2 * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 6371 * 2 * atan2(h.squareRoot(), (1 - h).squareRoot())
    }

    /// The initial compass bearing from the first point to the second, in degrees from north (0 ..< 360).
    package static func bearing(lon1: Double, lat1: Double, lon2: Double, lat2: Double) -> Double {
        let radians = Double.pi / 180
        let (from, to) = (lat1 * radians, lat2 * radians)
        let dLon = (lon2 - lon1) * radians
        let y = sin(dLon) * cos(to)
        let x = cos(from) * sin(to) - sin(from) * cos(to) * cos(dLon)
        return (atan2(y, x) / radians + 360).truncatingRemainder(dividingBy: 360)
    }
}
