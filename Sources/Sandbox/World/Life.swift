import Foundation

/// How the cars of a living world (`ccsh-sandbox --life commuter`) spend their days: a plan of ``LifeEvent``s made
/// from the seed, the car and the day alone, so the same seed gives the same month whatever the clock's steps, and
/// a month passes in a few seconds of clock advance (README, the sandbox's "A life"). Times are UTC.
package struct Life: Sendable {
    /// The lives a world can live.
    package enum Profile: String, Sendable, CaseIterable {
        /// Weekday commutes home → work → home (one weekday a week parked), an evening errand on Thursdays, a
        /// long trip on Saturdays (with a public fast charge one Saturday in four), Sundays parked; plugged in at
        /// home at night when the battery is under 60 % (a hybrid every night) and unplugged in the morning; a
        /// fuel tank filled when it runs low. One Thursday errand in four ends with a trip the API never lists.
        case commuter
    }

    package let profile: Profile
    let fleet: Fleet

    package init(_ profile: Profile, fleet: Fleet) {
        self.profile = profile
        self.fleet = fleet
    }

    /// The events of `vehicle` after `from` and until `to` (both simulated seconds), oldest first; none before the
    /// world's epoch.
    package func events(_ vehicle: Fleet.Vehicle, after from: Double, through to: Double) -> [LifeEvent] {
        let start = max(from, Double(fleet.epoch))
        guard to > start else { return [] }
        let first = Int((start / 86400).rounded(.down))
        let last = Int((to / 86400).rounded(.down))
        return (first...last).flatMap { day(vehicle, $0) }.filter { $0.at > start && $0.at <= to }
    }

    // MARK: The commuter's days

    /// The events of absolute day `day` (days since 1970), in time order.
    func day(_ vehicle: Fleet.Vehicle, _ day: Int) -> [LifeEvent] {
        let weekday = (day + 3) % 7  // 0 is Monday: 1970-01-01 was a Thursday.
        let week = (day + 3) / 7
        var random = SeededRandom(seed: fleet.seed, "life.day", vehicle.index, day)
        let midnight = Double(day) * 86400
        func at(_ hour: Double, within minutes: Double) -> Double { midnight + hour * 3600 + random.double(in: 0...minutes) * 60 }
        let home = self.home(vehicle)
        let electric = vehicle.model.motorization != .thermic
        let hybrid = vehicle.model.motorization == .hybrid
        let fuel = vehicle.model.motorization != .electric
        var events = [LifeEvent(at: midnight + 6.75 * 3600, action: .unplug)]
        var weekly = SeededRandom(seed: fleet.seed, "life.parked", vehicle.index, week)
        // Never a Thursday: its errand is where the trip the API never lists happens.
        let parkedWeekday = weekly.pick([0, 1, 2, 4])
        switch weekday {
        case 0...4 where weekday != parkedWeekday:
            let work = place(vehicle, "life.work", week: 0, km: 10...22)
            let speed = random.double(in: 38...50)
            events.append(
                LifeEvent(at: at(7, within: 40), action: .drive(path: path(vehicle, from: home, to: work, day, 0), speed: speed, unreported: false)))
            events.append(
                LifeEvent(at: at(17, within: 70), action: .drive(path: path(vehicle, from: work, to: home, day, 1), speed: speed, unreported: false)))
            if weekday == 3 {
                let shop = place(vehicle, "life.shop", week: 0, km: 2...4)
                let leave = at(19.5, within: 30)
                events.append(LifeEvent(at: leave, action: .drive(path: path(vehicle, from: home, to: shop, day, 2), speed: 30, unreported: false)))
                events.append(
                    LifeEvent(
                        at: leave + 45 * 60, action: .drive(path: path(vehicle, from: shop, to: home, day, 3), speed: 30, unreported: week % 4 == 1)))
            }
            if fuel { events.append(LifeEvent(at: midnight + 20 * 3600, action: .refuel(below: 15))) }
        case 5:
            if fuel { events.append(LifeEvent(at: midnight + 9.5 * 3600, action: .refuel(below: 40))) }
            let away = place(vehicle, "life.weekend", week: week, km: 35...60)
            let speed = random.double(in: 70...85)
            let out = path(vehicle, from: home, to: away, day, 0)
            let leave = at(10, within: 60)
            events.append(LifeEvent(at: leave, action: .drive(path: out, speed: speed, unreported: false)))
            if electric, !hybrid, week % 4 == 2 {
                let arrival = leave + Path(out).length / speed * 3600
                events.append(LifeEvent(at: arrival + 600, action: .plugIn(.fast, below: 90)))
                events.append(LifeEvent(at: arrival + 3000, action: .unplug))
            }
            events.append(
                LifeEvent(at: at(16, within: 60), action: .drive(path: path(vehicle, from: away, to: home, day, 1), speed: speed, unreported: false)))
        default: break
        }
        if electric { events.append(LifeEvent(at: at(21.5, within: 45), action: .plugIn(nil, below: hybrid ? 90 : 60))) }
        return events.sorted { $0.at < $1.at }
    }

    /// Where the car sleeps: where the fleet parked it.
    func home(_ vehicle: Fleet.Vehicle) -> GeoPoint {
        let place = fleet.place(vehicle: vehicle, 0)
        return GeoPoint(lon: place.lon, lat: place.lat)
    }

    /// A place `km` from home in a direction of the seed's choosing, the same for a car and `week`.
    func place(_ vehicle: Fleet.Vehicle, _ kind: String, week: Int, km: ClosedRange<Double>) -> GeoPoint {
        var random = SeededRandom(seed: fleet.seed, kind, vehicle.index, week)
        let home = home(vehicle)
        let distance = random.double(in: km)
        let bearing = random.double(in: 0...(2 * .pi))
        return GeoPoint(
            lon: home.lon + distance / (111.0 * cos(home.lat * .pi / 180)) * sin(bearing), lat: home.lat + distance / 111.0 * cos(bearing))
    }

    /// A road from `from` to `to`: four bends off the straight line, the same for a car, day and leg.
    func path(_ vehicle: Fleet.Vehicle, from: GeoPoint, to: GeoPoint, _ day: Int, _ leg: Int) -> [GeoPoint] {
        var random = SeededRandom(seed: fleet.seed, "life.road", vehicle.index, day, leg)
        let bends = (1...4).map { k -> GeoPoint in
            let along = from.interpolated(to: to, Double(k) / 5)
            let off = random.double(in: -0.08...0.08)
            return GeoPoint(lon: along.lon - (to.lat - from.lat) * off, lat: along.lat + (to.lon - from.lon) * off)
        }
        return [from] + bends + [to]
    }
}
