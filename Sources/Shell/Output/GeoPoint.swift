import APIContract
import Foundation

/// A point on the Earth read from what the API and users hand over: a GeoJSON Feature with a Point geometry
/// (`[lon, lat, alt]`, RFC 7946 order), a bare Point geometry, or a record with latitude/longitude (`lat`/`lon`),
/// and `at` or `createdAt` for its time.
package struct GeoPoint: Sendable, Equatable {
    package var longitude: Double
    package var latitude: Double
    package var altitude: Double?
    /// The `createdAt` of a Feature's properties, when it has one.
    package var time: String?

    package init(longitude: Double, latitude: Double, altitude: Double? = nil, time: String? = nil) {
        self.longitude = longitude
        self.latitude = latitude
        self.altitude = altitude
        self.time = time
    }

    /// The point of a Feature, a Point geometry or a latitude/longitude record; nil for anything else.
    package init?(feature value: Value) {
        guard case .record(let record) = value else { return nil }
        if case .record(let geometry)? = record["geometry"] {
            guard let point = GeoPoint(feature: .record(geometry)) else { return nil }
            self = point
            if case .record(let properties)? = record["properties"], case .string(let time)? = properties["createdAt"] { self.time = time }
            if self.time == nil, case .string(let time)? = record["createdAt"] { self.time = time }
            return
        }
        if record["type"] == .string("Point"), case .list(let coordinates)? = record["coordinates"], coordinates.count >= 2,
            let lon = coordinates[0].number, let lat = coordinates[1].number
        {
            self.init(longitude: lon, latitude: lat, altitude: coordinates.count > 2 ? coordinates[2].number : nil)
            return
        }
        guard let lat = (record["latitude"] ?? record["lat"])?.number, let lon = (record["longitude"] ?? record["lon"] ?? record["lng"])?.number
        else { return nil }
        // A recorded position (`history positions`) says when in `at`.
        var time: String?
        if case .string(let text)? = record["at"] ?? record["createdAt"] { time = text }
        self.init(longitude: lon, latitude: lat, altitude: record["altitude"]?.number, time: time)
    }

    /// Only the longitude and latitude of a Feature's Point geometry (`geometry.coordinates`), without the time or
    /// the other shapes ``init(feature:)`` reads: what a table cell of coordinates needs, for every row.
    package static func coordinates(ofFeature value: Value?) -> (longitude: Double, latitude: Double)? {
        guard case .record(let feature)? = value, case .record(let geometry)? = feature["geometry"],
            case .list(let coordinates)? = geometry["coordinates"], coordinates.count >= 2,
            let longitude = coordinates[0].number, let latitude = coordinates[1].number
        else { return nil }
        return (longitude, latitude)
    }

    /// Great-circle distance in km.
    package func distance(to other: GeoPoint) -> Double {
        GreatCircle.distanceKm(lon1: longitude, lat1: latitude, lon2: other.longitude, lat2: other.latitude)
    }
}
