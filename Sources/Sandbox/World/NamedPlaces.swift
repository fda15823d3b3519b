/// Places a car can be sent to by name (`drive` in `/_control/vehicles`), and routes through them: enough to watch a
/// car leave Paris, with the seed's monitor (20 km around 48.866667, 2.333333) firing on the way.
package enum NamedPlaces {
    package static let places: [String: GeoPoint] = [
        "paris": GeoPoint(lon: 2.3522, lat: 48.8566),
        "versailles": GeoPoint(lon: 2.1301, lat: 48.8049),
        "velizy": GeoPoint(lon: 2.2221, lat: 48.7724),
        "saint-cloud": GeoPoint(lon: 2.2190, lat: 48.8447),
        "rambouillet": GeoPoint(lon: 1.8357, lat: 48.6436),
        "orly": GeoPoint(lon: 2.3652, lat: 48.7262),
        "la-defense": GeoPoint(lon: 2.2386, lat: 48.8920),
    ]

    /// Routes by name: the places they pass, in order (the car first drives from wherever it is to the first).
    package static let routes: [String: [String]] = [
        "out-of-paris": ["paris", "saint-cloud", "versailles", "rambouillet"],
        "paris-versailles": ["paris", "saint-cloud", "versailles"],
        "versailles-paris": ["versailles", "saint-cloud", "paris"],
        "back-to-paris": ["rambouillet", "versailles", "saint-cloud", "paris"],
    ]

    package static var names: String { places.keys.sorted().joined(separator: ", ") }
    package static var routeNames: String { routes.keys.sorted().joined(separator: ", ") }
}
