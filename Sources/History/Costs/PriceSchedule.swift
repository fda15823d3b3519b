import Foundation

/// A kWh's price over time, cut into the stretches where it holds still: what a charge session's energy is priced
/// by, slice by slice (``ChargeCost``).
package struct PriceSchedule: Sendable {
    /// A stretch of time (seconds since 1970, `start` included, `end` not) and its price a kWh.
    package struct Stretch: Equatable, Sendable {
        package var start: Double
        package var end: Double
        package var price: Double
    }

    /// An imported market price: from `start` to `end` (seconds since 1970), a kWh.
    package struct MarketPrice: Equatable, Sendable {
        package var start: Int
        package var end: Int
        package var price: Double

        package init(start: Int, end: Int, price: Double) {
            self.start = start
            self.end = end
            self.price = price
        }
    }

    let price: Tariff.EnergyPrice
    /// A dynamic tariff's prices, by start.
    let market: [MarketPrice]

    package init(_ price: Tariff.EnergyPrice, market: [MarketPrice] = []) {
        self.price = price
        self.market = market.sorted { $0.start < $1.start }
    }

    /// The stretches covering `start..<end`, in order; nil when a moment of it has no price (a dynamic tariff's
    /// prices not imported for it): the first such moment, as `missing`.
    package func stretches(from start: Double, to end: Double) -> Result<[Stretch], Missing> {
        guard end > start else { return .success([]) }
        switch price {
        case .flat(let price): return .success([Stretch(start: start, end: end, price: price)])
        case .windows(let zone, let windows, let otherwise):
            return .success(Self.windowed(from: start, to: end, zone: TimeZone(identifier: zone) ?? .gmt, windows, otherwise: otherwise))
        case .dynamic(let surcharge): return marketStretches(from: start, to: end, surcharge: surcharge)
        }
    }

    /// The first moment a schedule has no price for.
    package struct Missing: Error, Equatable, Sendable {
        package var at: Double

        package init(at: Double) { self.at = at }
    }

    private func marketStretches(from start: Double, to end: Double, surcharge: Double) -> Result<[Stretch], Missing> {
        var stretches: [Stretch] = []
        var at = start
        // The first price that ends after `start`: a binary search, the list being sorted and not overlapping.
        var low = 0
        var high = market.count
        while low < high {
            let middle = (low + high) / 2
            if Double(market[middle].end) <= start { low = middle + 1 } else { high = middle }
        }
        for price in market[low...] {
            guard at < end else { break }
            guard Double(price.start) <= at else { return .failure(Missing(at: at)) }
            let stop = min(end, Double(price.end))
            stretches.append(Stretch(start: at, end: stop, price: price.price + surcharge))
            at = stop
        }
        return at < end ? .failure(Missing(at: at)) : .success(stretches)
    }

    /// Cuts at each change of the zone's offset from UTC (daylight saving), then at each window edge of local time
    /// within a stretch of one offset: each piece's price is the one of its local time.
    private static func windowed(from start: Double, to end: Double, zone: TimeZone, _ windows: [TariffWindow], otherwise: Double) -> [Stretch] {
        let edges = Array(Set(windows.flatMap(\.edges))).sorted().map { Double($0 * 60) }
        let week = Double(TariffWindow.week * 60)
        var stretches: [Stretch] = []
        var at = start
        while at < end {
            let offset = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: at)))
            let transition = zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: at))?.timeIntervalSince1970 ?? .infinity
            let stop = min(end, transition)
            while at < stop {
                let local = at + offset
                // Seconds since the local week's start, Monday 00:00 (1970-01-01 was a Thursday).
                let days = (local / 86400).rounded(.down)
                let weekday = (Int(days) % 7 + 10) % 7
                let intoWeek = Double(weekday) * 86400 + (local - days * 86400)
                let next = edges.first { $0 > intoWeek } ?? (edges.first.map { $0 + week } ?? .infinity)
                let pieceEnd = min(stop, at + (next - intoWeek))
                let minute = Int((intoWeek / 60).rounded(.down))
                let price = windows.first { $0.holds(minuteOfWeek: minute) }?.price ?? otherwise
                if let last = stretches.last, last.price == price, last.end == at {
                    stretches[stretches.count - 1].end = pieceEnd
                } else {
                    stretches.append(Stretch(start: at, end: pieceEnd, price: price))
                }
                at = pieceEnd
            }
        }
        return stretches
    }
}
