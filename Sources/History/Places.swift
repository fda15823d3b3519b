import APIContract

/// The user's named places (`places add home 48.85,2.35 --radius 150m`, docs/history.md, "Places") and how a
/// position is named by them: the nearest place whose circle holds it, else its coordinates rounded to 3 decimals
/// (about 100 m), so that the same unnamed spot reads the same each time.
package struct Place: Equatable, Sendable {
    package var name: String
    package var latitude: Double
    package var longitude: Double
    /// Meters.
    package var radius: Double

    package init(name: String, latitude: Double, longitude: Double, radius: Double) {
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
        self.radius = radius
    }

    /// How far `latitude`, `longitude` is from its center, in meters.
    package func meters(latitude: Double, longitude: Double) -> Double {
        GreatCircle.distanceKm(lon1: self.longitude, lat1: self.latitude, lon2: longitude, lat2: latitude) * 1000
    }

    /// The name of a position: the nearest of `places` whose circle holds it, else `48.853, 2.350`.
    package static func name(latitude: Double, longitude: Double, among places: [Place]) -> String {
        let holding = places.map { ($0, $0.meters(latitude: latitude, longitude: longitude)) }.filter { $0.1 <= $0.0.radius }
        if let nearest = holding.min(by: { $0.1 < $1.1 }) { return nearest.0.name }
        return rounded(latitude) + ", " + rounded(longitude)
    }

    private static func rounded(_ degrees: Double) -> String {
        let thousandths = Int((degrees * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = abs(thousandths)
        let fraction = String(magnitude % 1000)
        return sign + String(magnitude / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

extension HistoryStore {
    /// The places, by name.
    package func places() throws(HistoryError) -> [Place] {
        try read { db in
            try db.rows("SELECT name, latitude, longitude, radius FROM places ORDER BY name").compactMap { row in
                guard let name = row.get("name", as: String.self), let latitude = row.get("latitude", as: Double.self),
                    let longitude = row.get("longitude", as: Double.self), let radius = row.get("radius", as: Double.self)
                else { return nil }
                return Place(name: name, latitude: latitude, longitude: longitude, radius: radius)
            }
        }
    }

    /// Adds `place`, or moves the one of that name; returns whether it was there.
    @discardableResult
    package func save(_ place: Place) throws(HistoryError) -> Bool {
        try write { db in
            let known = try db.one(Int.self, "SELECT count(*) FROM places WHERE name = ?", [place.name]) == 1
            try db.execute(
                "INSERT OR REPLACE INTO places (name, latitude, longitude, radius) VALUES (?, ?, ?, ?)",
                [place.name, place.latitude, place.longitude, place.radius])
            return known
        }
    }

    /// Removes the place named `name`; false when there was none.
    package func removePlace(named name: String) throws(HistoryError) -> Bool {
        try write { db in
            try db.execute("DELETE FROM places WHERE name = ?", [name])
            return db.changes > 0
        }
    }
}
