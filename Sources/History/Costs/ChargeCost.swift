/// What a charge session cost (docs/history.md, "Tariffs and costs"): its energy priced slice by slice, plus a
/// public charger's fees.
///
/// The energy is spread over time as the session's snapshots show it: between two snapshots the kWh that went in
/// (the residual energy, else the level × capacity) went in evenly, and each part of that is priced at the price of
/// the moment it went in (``PriceSchedule``). The session's own energy added (``ChargeSessions``) is what is priced:
/// the curve only says when it went in. Fees: the minutes from start to end × the price a minute, the session fee,
/// and the idle minutes (from the end to unplugging) past the free ones × the idle fee.
package struct ChargeCost: Equatable, Sendable {
    package var tariff: String
    package var currency: String
    /// The energy's part.
    package var energy: Double
    /// Per-minute, session and idle fees.
    package var fees: Double
    /// The whole, in the currency's units, rounded to the cent.
    package var total: Double

    /// A session to price: its times (seconds since 1970), its energy (kWh) and the curve of its snapshots.
    package struct Session: Sendable {
        package var startedAt: Int
        package var endedAt: Int
        package var energyAdded: Double
        /// (time, kWh in the battery) of the session's snapshots, oldest first; fewer than two: evenly from start to end.
        package var curve: [(at: Int, energy: Double)]
        /// When it was unplugged (the first snapshot after the end that says so), for the idle fee.
        package var unpluggedAt: Int?

        package init(startedAt: Int, endedAt: Int, energyAdded: Double, curve: [(at: Int, energy: Double)] = [], unpluggedAt: Int? = nil) {
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.energyAdded = energyAdded
            self.curve = curve
            self.unpluggedAt = unpluggedAt
        }
    }

    /// The cost of `session` under `tariff` (an electric one), `market` a dynamic tariff's prices; nil with the first
    /// moment without a price when it has none for a part of the session.
    package static func of(
        _ session: Session, tariff: Tariff, market: [PriceSchedule.MarketPrice] = []
    ) -> Result<ChargeCost, PriceSchedule.Missing> {
        guard case .electricity(let price, let fees) = tariff.pricing else {
            return .success(ChargeCost(tariff: tariff.name, currency: tariff.currency, energy: 0, fees: 0, total: 0))
        }
        let schedule = PriceSchedule(price, market: market)
        var energyCost = 0.0
        for slice in slices(session) {
            switch schedule.stretches(from: slice.start, to: slice.end) {
            case .failure(let missing): return .failure(missing)
            case .success(let stretches):
                guard slice.end > slice.start else {
                    // Energy at one instant (two snapshots of the same second): priced at that instant.
                    guard case .success(let at) = schedule.stretches(from: slice.start, to: slice.start + 1), let first = at.first else {
                        return .failure(PriceSchedule.Missing(at: slice.start))
                    }
                    energyCost += slice.energy * first.price
                    continue
                }
                for stretch in stretches {
                    energyCost += slice.energy * (stretch.end - stretch.start) / (slice.end - slice.start) * stretch.price
                }
            }
        }
        let minutes = Double(session.endedAt - session.startedAt) / 60
        let idle = session.unpluggedAt.map { max(0, Double($0 - session.endedAt) / 60 - fees.idleAfter) } ?? 0
        let feeCost = minutes * fees.perMinute + fees.session + idle * fees.idlePerMinute
        return .success(
            ChargeCost(
                tariff: tariff.name, currency: tariff.currency, energy: energyCost, fees: feeCost,
                total: ((energyCost + feeCost) * 100).rounded() / 100))
    }

    /// The session's energy cut at its snapshots: each slice's kWh went in evenly over its time. The curve's steps
    /// are scaled to the session's energy added; a curve that shows no rise (a level frozen while charging) spreads
    /// it evenly from start to end.
    static func slices(_ session: Session) -> [(start: Double, end: Double, energy: Double)] {
        let curve = session.curve.filter { $0.at >= session.startedAt && $0.at <= session.endedAt }
        let steps = zip(curve, curve.dropFirst()).map { (start: Double($0.at), end: Double($1.at), rise: max(0, $1.energy - $0.energy)) }
        let risen = steps.reduce(0) { $0 + $1.rise }
        guard risen > 0 else { return [(Double(session.startedAt), Double(session.endedAt), session.energyAdded)] }
        return steps.map { (start: $0.start, end: $0.end, energy: $0.rise / risen * session.energyAdded) }
    }
}
