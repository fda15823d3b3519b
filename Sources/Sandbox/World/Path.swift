/// A polyline on the earth with its length measured once: where a drive goes, or where a trip went.
package struct Path: Sendable, Equatable, Codable {
    package let points: [GeoPoint]
    /// km, along the legs.
    package let length: Double

    package init(_ points: [GeoPoint]) {
        self.points = points
        length = zip(points, points.dropFirst()).reduce(0) { $0 + $1.0.distanceKm(to: $1.1) }
    }

    /// Kept as its points only; the length is measured again when read.
    package init(from decoder: any Decoder) throws { self.init(try [GeoPoint](from: decoder)) }

    package func encode(to encoder: any Encoder) throws { try points.encode(to: encoder) }

    /// Where one is after `km` along it, the heading of the leg one is on, and the vertices passed.
    package func point(after km: Double) -> (point: GeoPoint, heading: Double?, passed: [GeoPoint]) {
        var left = max(0, km)
        var passed = points.prefix(1).map { $0 }
        for (from, to) in zip(points, points.dropFirst()) {
            let leg = from.distanceKm(to: to)
            if left <= leg, leg > 0 {
                return (from.interpolated(to: to, left / leg), from.bearing(to: to), passed)
            }
            left -= leg
            passed.append(to)
        }
        let last = points.last ?? GeoPoint(lon: 0, lat: 0)
        let heading = points.count > 1 ? points[points.count - 2].bearing(to: last) : nil
        return (last, heading, Array(passed.dropLast()))
    }
}
