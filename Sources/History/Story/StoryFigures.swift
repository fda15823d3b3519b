/// What a car did in a stretch of time (a month of `report`), in the figures its story tells (docs/history.md,
/// "The monthly report"): each made of the charges, drives and parked periods that start in it.
package struct StoryFigures: Equatable, Sendable {
    package var drives = 0
    /// km.
    package var distance = 0.0
    /// kWh charged.
    package var charged = 0.0
    /// kWh the drives took from the battery (level lost × capacity).
    package var driven = 0.0
    /// kWh/100 km: energy charged over distance driven; nil without distance or without a charge.
    package var efficiency: Double?
    package var homeCharges = 0
    package var publicCharges = 0
    /// % a day: the parked periods' drain, weighted by their length; nil without one.
    package var drain: Double?
    /// Litres of fuel burned.
    package var litres = 0.0
    /// kg of CO₂: the energy charged × the grid's intensity, the fuel × its factor.
    package var co2 = 0.0
    /// °C: the drives' outside temperature, weighted by their distance.
    package var temperature: Double?

    /// Where a charge was: at home (in the place named `home`; with no such place, a slow charge), else public.
    package static func isHome(_ charge: StoryCharge, places: [Place]) -> Bool {
        guard let home = places.first(where: { $0.name == "home" }) else { return !charge.fast }
        guard let latitude = charge.latitude, let longitude = charge.longitude else { return false }
        return home.meters(latitude: latitude, longitude: longitude) <= home.radius
    }

    /// The figures of `charges`, `drives` and `parked` periods (start, end, % a day), `capacity` (kWh) turning levels
    /// into energy, with the grid's intensity (g/kWh) and the fuel's factor (g/L).
    package init(
        charges: [StoryCharge], drives: [StoryDrive], parked: [(start: Int, end: Int, drain: Double?)], capacity: Double?, places: [Place],
        grid: Double, fuel: Double
    ) {
        self.drives = drives.count
        distance = drives.reduce(0) { $0 + ($1.distance ?? 0) }
        charged = charges.reduce(0) { $0 + ($1.energy ?? 0) }
        driven = capacity.map { capacity in drives.reduce(0) { $0 + max(0, $1.levelLost ?? 0) / 100 * capacity } } ?? 0
        efficiency = distance > 0 && charges.contains { $0.energy != nil } ? charged / distance * 100 : nil
        homeCharges = charges.filter { Self.isHome($0, places: places) }.count
        publicCharges = charges.count - homeCharges
        let timed = parked.compactMap { period in period.drain.map { (seconds: Double(period.end - period.start), drain: $0) } }
        let seconds = timed.reduce(0) { $0 + $1.seconds }
        drain = seconds > 0 ? timed.reduce(0) { $0 + $1.drain * $1.seconds } / seconds : nil
        litres = drives.reduce(0) { $0 + ($1.litres ?? 0) }
        co2 = (charged * grid + litres * fuel) / 1000
        let warm = drives.compactMap { drive in drive.temperature.map { (km: drive.distance ?? 0, temperature: $0) } }
        let km = warm.reduce(0) { $0 + $1.km }
        temperature = km > 0 ? warm.reduce(0) { $0 + $1.temperature * $1.km } / km : nil
    }
}
