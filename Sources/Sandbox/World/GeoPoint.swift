import APIContract

/// A point on the earth (degrees, WGS 84), as the world moves cars between them.
package struct GeoPoint: Sendable, Equatable, Codable {
    package var lon: Double
    package var lat: Double

    /// Great-circle distance in km.
    package func distanceKm(to other: GeoPoint) -> Double { GreatCircle.distanceKm(lon1: lon, lat1: lat, lon2: other.lon, lat2: other.lat) }

    /// The initial compass bearing towards `other`, in degrees from north (0 ..< 360).
    package func bearing(to other: GeoPoint) -> Double { GreatCircle.bearing(lon1: lon, lat1: lat, lon2: other.lon, lat2: other.lat) }

    /// The point a fraction `t` (0…1) of the way to `other` (linear in degrees: legs are a few km long).
    package func interpolated(to other: GeoPoint, _ t: Double) -> GeoPoint {
        GeoPoint(lon: lon + (other.lon - lon) * t, lat: lat + (other.lat - lat) * t)
    }
}
