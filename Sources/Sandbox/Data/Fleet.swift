import APIContract
import Foundation

/// The demo user's vehicles and everything about them, generated on demand from the seed.
///
/// Nothing is precomputed: every vehicle, alert, trip, position and telemetry message is a pure function of
/// `(seed, indexes)`, and time-ordered collections are searched by bisection, so a fleet of 10,000 vehicles with
/// 10,000 alerts each starts instantly and serves any page in constant time.
package struct Fleet: Sendable {
    package let seed: UInt64
    package let vehicleCount: Int
    package let alertsPerVehicle: Int
    package let tripsPerVehicle: Int
    package let ids: ResourceID
    /// The instant the generated history ends (seconds since 1970): every generated date is relative to it, so one
    /// seed and one epoch give the same data on any day. A new world's clock starts there.
    package let epoch: Int

    /// Telemetry messages recorded per trip (start, four samples, stop).
    package static let telemetryPerTrip = 6

    package init(seed: UInt64, vehicles: Int, alerts: Int, trips: Int, epoch: Int) {
        self.seed = seed
        self.epoch = epoch
        vehicleCount = vehicles
        alertsPerVehicle = alerts
        tripsPerVehicle = trips
        ids = ResourceID(seed: seed)
    }

    // MARK: Vehicles

    /// The static facts of one vehicle.
    package struct Vehicle: Sendable {
        package let index: Int
        package let id: String
        package let vin: String
        package let brand: Brand
        package let model: Model
        package let home: (city: String, lon: Double, lat: Double, alt: Double)
        package let createdAt: Int
        package let mileage: Double
    }

    package func vehicle(_ index: Int) -> Vehicle {
        var random = SeededRandom(seed: seed, "vehicle", index)
        let brandIndex = random.pick([0, 0, 0, 1, 1, 2, 3, 3, 4])
        let model = random.pick(Model.all.filter { $0.brand == brandIndex })
        let years = Array("LMNPRS")
        let plants = Array("TJWSKYE")
        // 7919 is prime and coprime with 10^6, so serials are unique for the first million vehicles.
        let serial = (index * 7919 + Int(seed % 1_000_000)) % 1_000_000
        let digits = String(serial)
        let vin =
            model.vinPrefix + String(random.pick(years)) + String(random.pick(plants))
            + String(repeating: "0", count: 6 - digits.count) + digits
        return Vehicle(
            index: index, id: ids.make(.vehicle, UInt64(index)), vin: vin, brand: Brand.all[brandIndex], model: model,
            home: random.pick(Places.homes), createdAt: epoch - random.int(in: 200...1400) * 86400,
            mileage: SeededRandom.round(random.double(in: 1500...85000), 1))
    }

    /// The vehicle an id names, if it is one of this fleet's.
    package func vehicleIndex(id: String) -> Int? {
        guard let index = ids.decode(.vehicle, id), index < UInt64(vehicleCount) else { return nil }
        return Int(index)
    }

    // MARK: Places

    /// Where the vehicle was at the end of its `n`-th most recent trip (n = 0: where it is parked now).
    package func place(vehicle: Vehicle, _ n: Int) -> (lon: Double, lat: Double, alt: Double) {
        var random = SeededRandom(seed: seed, "place", vehicle.index, n)
        let radiusKm = n == 0 ? random.double(in: 0...2) : random.double(in: 1...25)
        let bearing = random.double(in: 0...(2 * .pi))
        let lat = vehicle.home.lat + radiusKm / 111.0 * cos(bearing)
        let lon = vehicle.home.lon + radiusKm / (111.0 * cos(vehicle.home.lat * .pi / 180)) * sin(bearing)
        return (SeededRandom.round(lon, 6), SeededRandom.round(lat, 6), (vehicle.home.alt + random.double(in: -15...15)).rounded())
    }

    /// Great-circle distance in km.
    package static func distanceKm(_ a: (lon: Double, lat: Double), _ b: (lon: Double, lat: Double)) -> Double {
        GreatCircle.distanceKm(lon1: a.lon, lat1: a.lat, lon2: b.lon, lat2: b.lat)
    }

    // MARK: Alerts

    /// Seconds between two alerts of one vehicle, so that `alertsPerVehicle` alerts span about 120 days.
    private var alertGap: Int { max(300, 120 * 86400 / max(1, alertsPerVehicle)) }

    /// When alert `k` (0 = most recent) of a vehicle started; strictly decreasing in `k`.
    package func alertStart(vehicle: Int, _ k: Int) -> Int {
        var random = SeededRandom(seed: seed, "alert.time", vehicle, k)
        return epoch - 3600 - k * alertGap - random.int(in: 0...alertGap / 2)
    }

    // MARK: Trips

    private var tripGap: Int { max(7200, 90 * 86400 / max(1, tripsPerVehicle)) }

    /// Trip `k` (0 = most recent) of a vehicle: when it stopped and how long it lasted.
    package struct Trip: Sendable {
        package let vehicle: Int
        package let index: Int
        package let id: String
        package let stoppedAt: Int
        package let duration: Int
        package let distance: Double
        package var startedAt: Int { stoppedAt - duration }
    }

    package func trip(vehicle: Vehicle, _ k: Int) -> Trip {
        var random = SeededRandom(seed: seed, "trip", vehicle.index, k)
        let stoppedAt = epoch - 1800 - k * tripGap - random.int(in: 0...tripGap / 4)
        let from = place(vehicle: vehicle, k + 1)
        let to = place(vehicle: vehicle, k)
        let distance = SeededRandom.round(max(0.4, Fleet.distanceKm((from.lon, from.lat), (to.lon, to.lat)) * 1.3), 1)
        let speed = random.double(in: 22...68)
        let duration = min(tripGap / 2, max(180, Int(distance / speed * 3600)))
        return Trip(
            vehicle: vehicle.index, index: k, id: ids.make(.trip, ResourceID.pack(vehicle.index, k)), stoppedAt: stoppedAt,
            duration: duration, distance: distance)
    }

    /// The trip an id names, as (vehicle, trip number).
    package func tripIndex(id: String) -> (vehicle: Int, trip: Int)? {
        guard let packed = ids.decode(.trip, id) else { return nil }
        let (v, k) = ResourceID.unpack(packed)
        return v < vehicleCount && k < tripsPerVehicle ? (v, k) : nil
    }

    /// The alert an id names, as (vehicle, alert number).
    package func alertIndex(id: String) -> (vehicle: Int, alert: Int)? {
        guard let packed = ids.decode(.alert, id) else { return nil }
        let (v, k) = ResourceID.unpack(packed)
        return v < vehicleCount && k < alertsPerVehicle ? (v, k) : nil
    }

    // MARK: Collisions

    /// The trips (most recent first) during which a vehicle had a collision: none for most vehicles.
    package func collisionTrips(vehicle: Int) -> [Int] {
        guard tripsPerVehicle > 0 else { return [] }
        var random = SeededRandom(seed: seed, "collisions", vehicle)
        let count = random.pick([0, 0, 0, 1, 1, 2])
        var trips = Set<Int>()
        for _ in 0..<min(count, tripsPerVehicle) { trips.insert(random.int(in: 0...tripsPerVehicle - 1)) }
        return trips.sorted()
    }

    /// The collision an id names, as (vehicle, collision number).
    package func collisionIndex(id: String) -> (vehicle: Int, collision: Int)? {
        guard let packed = ids.decode(.collision, id) else { return nil }
        let (v, c) = ResourceID.unpack(packed)
        return v < vehicleCount && c < collisionTrips(vehicle: v).count ? (v, c) : nil
    }

    // MARK: Telemetry and way points

    /// When telemetry message `m` (0 = most recent) of a vehicle was recorded: six per trip, stop first.
    package func telemetryTime(vehicle: Vehicle, _ m: Int) -> Int {
        let trip = trip(vehicle: vehicle, m / Fleet.telemetryPerTrip)
        return trip.stoppedAt - (m % Fleet.telemetryPerTrip) * trip.duration / (Fleet.telemetryPerTrip - 1)
    }

    /// How many GPS points a trip recorded (one every 30 s, at least 2, at most 240).
    package static func wayPointCount(_ trip: Trip) -> Int { min(240, max(2, trip.duration / 30 + 1)) }
}

// MARK: Live trips

extension Fleet {
    /// Trip (and alert) numbers at and above this name the world's live trips and alerts, not generated ones.
    package static let liveTripBase = 0x4000_0000

    /// The id of a vehicle's `n`-th live trip.
    package func liveTripID(vehicle: Int, _ n: Int) -> String { ids.make(.trip, ResourceID.pack(vehicle, Self.liveTripBase + n)) }

    /// The id of a vehicle's `n`-th live alert.
    package func liveAlertID(vehicle: Int, _ n: Int) -> String { ids.make(.alert, ResourceID.pack(vehicle, Self.liveTripBase + n)) }

    /// The live alert an id names, as (vehicle, live alert number).
    package func liveAlertIndex(id: String) -> (vehicle: Int, alert: Int)? {
        guard let packed = ids.decode(.alert, id) else { return nil }
        let (v, k) = ResourceID.unpack(packed)
        return v < vehicleCount && k >= Self.liveTripBase ? (v, k - Self.liveTripBase) : nil
    }

    /// The live trip an id names, as (vehicle, live trip number).
    package func liveTripIndex(id: String) -> (vehicle: Int, trip: Int)? {
        guard let packed = ids.decode(.trip, id) else { return nil }
        let (v, k) = ResourceID.unpack(packed)
        return v < vehicleCount && k >= Self.liveTripBase ? (v, k - Self.liveTripBase) : nil
    }
}
