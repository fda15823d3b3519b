import Foundation
import Testing

@testable import History

/// Places: a position named by the nearest place whose circle holds it, else its rounded coordinates; kept in the
/// history database by name.
@Suite struct PlacesTests {
    static let home = Place(name: "home", latitude: 48.8566, longitude: 2.3522, radius: 150)
    static let bakery = Place(name: "bakery", latitude: 48.8575, longitude: 2.3522, radius: 150)

    @Test("inside one circle: its name; inside two: the nearer; in none: the coordinates to 3 decimals")
    func naming() {
        // 0.0009° of latitude is 100 m: inside both circles, nearer the bakery.
        #expect(Place.name(latitude: 48.8566, longitude: 2.3522, among: [Self.home, Self.bakery]) == "home")
        #expect(Place.name(latitude: 48.8573, longitude: 2.3522, among: [Self.home, Self.bakery]) == "bakery")
        #expect(Place.name(latitude: 48.8600, longitude: 2.3522, among: [Self.home]) == "48.860, 2.352")
        #expect(Place.name(latitude: -33.86785, longitude: -0.0004, among: []) == "-33.868, 0.000", "no minus zero")
        #expect(Place.name(latitude: 0.5, longitude: 151.2093, among: []) == "0.500, 151.209")
        #expect(abs(Self.home.meters(latitude: 48.8575, longitude: 2.3522) - 100) < 1)
    }

    @Test("kept by name: saved, moved, listed in order, removed")
    func stored() throws {
        try HistoryStoreTests.withStore { (store: HistoryStore) throws(any Error) in
            #expect(try store.places().isEmpty)
            #expect(try store.save(Self.home) == false)
            #expect(try store.save(Self.bakery) == false)
            var moved = Self.home
            moved.radius = 300
            #expect(try store.save(moved) == true, "the same name moves the place")
            #expect(try store.places() == [Self.bakery, moved])
            #expect(try store.removePlace(named: "bakery"))
            #expect(try store.removePlace(named: "bakery") == false)
            #expect(try store.places() == [moved])
        }
    }
}
