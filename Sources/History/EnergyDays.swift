import APIContract

/// Energy use per day, from a vehicle's charge sessions and drives (docs/history.md, "Energy per day"):
///
/// - A day is a UTC calendar day, `2026-11-03`.
/// - `charged`: the charge sessions' energy (kWh); a session across midnight is split between its days in proportion
///   to its time in each.
/// - `driven`: the drives' energy (kWh), each drive's level lost × the battery's capacity; `distance`: their km;
///   a drive across midnight is split the same way.
/// - A day no session or drive touches has no row; a figure none of its sessions or drives gives (a session with no
///   energy, a car with no battery capacity) is nil, never 0.
package enum EnergyDays {
    /// A charge session or a drive as the derivation reads it: its time, and the figures it gives.
    package struct Span: Equatable, Sendable {
        package var startedAt: Int
        package var endedAt: Int
        /// kWh.
        package var energy: Double?
        /// km (drives).
        package var distance: Double?

        package init(startedAt: Int, endedAt: Int, energy: Double?, distance: Double? = nil) {
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.energy = energy
            self.distance = distance
        }
    }

    /// One day's figures.
    package struct Day: Equatable, Sendable {
        /// `2026-11-03`.
        package var day: String
        package var charged: Double?
        package var driven: Double?
        package var distance: Double?
    }

    /// The days from the one holding `from` (seconds since 1970) on, each with the parts of the spans in it.
    package static func derive(charges: [Span], drives: [Span], from: Int) -> [Day] {
        let first = from.floorDay
        var days: [Int: Day] = [:]
        func add(_ span: Span, _ apply: (inout Day, Double) -> Void) {
            for (day, share) in shares(span) where day >= first {
                apply(&days[day, default: Day(day: name(day))], share)
            }
        }
        for charge in charges {
            add(charge) { day, share in day.charged = sum(day.charged, charge.energy.map { $0 * share }) }
        }
        for drive in drives {
            add(drive) { day, share in
                day.driven = sum(day.driven, drive.energy.map { $0 * share })
                day.distance = sum(day.distance, drive.distance.map { $0 * share })
            }
        }
        return days.keys.sorted().compactMap { days[$0] }
    }

    /// Each day a span touches (days since 1970), with the share of its time in it; a span of no time is wholly in
    /// the day it starts.
    static func shares(_ span: Span) -> [(Int, Double)] {
        let length = span.endedAt - span.startedAt
        guard length > 0 else { return [(span.startedAt.floorDay, 1)] }
        return (span.startedAt.floorDay...(span.endedAt - 1).floorDay).map { day in
            let start = max(span.startedAt, day * 86_400)
            let end = min(span.endedAt, (day + 1) * 86_400)
            return (day, Double(end - start) / Double(length))
        }
    }

    /// `2026-11-03` for a day since 1970 (UTC).
    static func name(_ day: Int) -> String { String(Timestamp.format(day * 86_400).prefix(10)) }

    /// Both summed, or the one given, or nil.
    private static func sum(_ a: Double?, _ b: Double?) -> Double? {
        guard let a else { return b }
        return b.map { a + $0 } ?? a
    }
}

extension Int {
    /// The UTC day (since 1970) of this time (seconds since 1970); a time before 1970 is in the day before, not day 0.
    var floorDay: Int {
        let quotient = self / 86_400
        return self % 86_400 < 0 ? quotient - 1 : quotient
    }
}
