import APIContract
import Foundation

/// Energy use per day, from a vehicle's charge sessions and drives (docs/history.md, "Energy per day"):
///
/// - A day is a calendar day, `2026-11-03`: UTC in the stored table, another zone when asked.
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

    /// The days from the one holding `from` (seconds since 1970) on, each with the parts of the spans in it; days
    /// are calendar days in `zone` (UTC for the stored table; `energy --zone` asks for another: a day of 23 or 25
    /// hours when summer time starts or ends).
    package static func derive(charges: [Span], drives: [Span], from: Int, zone: TimeZone = utc) -> [Day] {
        let calendar = Calendar(zone)
        let first = calendar.dayStart(from)
        var days: [Int: Day] = [:]
        func add(_ span: Span, _ apply: (inout Day, Double) -> Void) {
            for (day, share) in shares(span, calendar) where day >= first {
                apply(&days[day, default: Day(day: calendar.name(day))], share)
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

    /// The time zone of the stored table's days.
    package static let utc = TimeZone(identifier: "UTC") ?? .current

    /// Each day a span touches (by the instant it starts), with the share of its time in it; a span of no time is
    /// wholly in the day it starts.
    static func shares(_ span: Span, _ calendar: Calendar) -> [(Int, Double)] {
        let length = span.endedAt - span.startedAt
        guard length > 0 else { return [(calendar.dayStart(span.startedAt), 1)] }
        var parts: [(Int, Double)] = []
        var day = calendar.dayStart(span.startedAt)
        while day < span.endedAt {
            let next = calendar.dayStart(day, adding: 1)
            parts.append((day, Double(min(span.endedAt, next) - max(span.startedAt, day)) / Double(length)))
            day = next
        }
        return parts
    }

    /// `2026-11-03` for the UTC day holding `instant`.
    static func name(dayHolding instant: Int) -> String { String(Timestamp.format(instant.floorDay * 86_400).prefix(10)) }

    /// Calendar days in one zone, by the instant each starts.
    struct Calendar {
        private var calendar = Foundation.Calendar(identifier: .gregorian)

        init(_ zone: TimeZone) { calendar.timeZone = zone }

        /// The instant the day holding `instant` starts, or the day `adding` days later.
        func dayStart(_ instant: Int, adding days: Int = 0) -> Int {
            let start = calendar.startOfDay(for: Date(timeIntervalSince1970: TimeInterval(instant)))
            let moved = days == 0 ? start : calendar.date(byAdding: .day, value: days, to: start) ?? start.addingTimeInterval(Double(days) * 86_400)
            return Int(moved.timeIntervalSince1970)
        }

        /// `2026-11-03`: the day starting at `start`.
        func name(_ start: Int) -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(start)))
            let (year, month, day) = (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
            return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        }
    }

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
