/// Parked periods and their drain, from a vehicle's drives, charge sessions and snapshots (docs/history.md,
/// "Parked periods"):
///
/// - A car is parked from the end of one drive to the start of the next; a charge session in between cuts that time
///   in two (charging is not parking), so each period is parked and not charging.
/// - A period's levels are those of its first and last snapshot inside it; with fewer than two snapshots, or less
///   than an hour between them, it has no drain (too short to tell the drain from the level's rounding).
/// - Drain (% per day) = level lost / days between those two snapshots; in kWh per day with the battery's capacity.
/// - Preconditioning is not drain: the time between two snapshots either of which says the car was preconditioning
///   (and the level it lost then) is left out; the rest must still span an hour.
package enum ParkedPeriods {
    /// A snapshot as the derivation reads it.
    package struct Snapshot: Equatable, Sendable {
        package var at: Int
        package var level: Double?
        /// Wh.
        package var capacity: Double?
        /// Whether the car said it was preconditioning (heating or cooling its cabin).
        package var preconditioning: Bool?

        package init(at: Int, level: Double?, capacity: Double? = nil, preconditioning: Bool? = nil) {
            self.at = at
            self.level = level
            self.capacity = capacity
            self.preconditioning = preconditioning
        }
    }

    /// One derived period.
    package struct Period: Equatable, Sendable {
        package var startedAt: Int
        package var endedAt: Int
        package var startLevel: Double?
        package var endLevel: Double?
        package var drainPercentPerDay: Double?
        package var drainKWhPerDay: Double?
    }

    static let shortest = 3600

    /// The periods between `drives` (start and end times, oldest first), cut by `charges` (start and end; an open one
    /// runs on), with levels from `snapshots` (oldest first).
    package static func derive(drives: [(start: Int, end: Int)], charges: [(start: Int, end: Int?)], snapshots: [Snapshot]) -> [Period] {
        var periods: [Period] = []
        for (drive, next) in zip(drives, drives.dropFirst()) where next.start > drive.end {
            var pieces = [(drive.end, next.start)]
            for charge in charges {
                let end = charge.end ?? Int.max
                pieces = pieces.flatMap { piece -> [(Int, Int)] in
                    guard charge.start < piece.1, end > piece.0 else { return [piece] }
                    return [(piece.0, charge.start), (end, piece.1)].filter { $0.0 < $0.1 }
                }
            }
            periods += pieces.map { period($0.0, $0.1, snapshots) }
        }
        return periods
    }

    private static func period(_ start: Int, _ end: Int, _ snapshots: [Snapshot]) -> Period {
        let inside = snapshots.filter { $0.at >= start && $0.at <= end && $0.level != nil }
        var period = Period(startedAt: start, endedAt: end, startLevel: inside.first?.level, endLevel: inside.last?.level)
        // Between each two snapshots, unless either says the car was preconditioning.
        var seconds = 0
        var lost = 0.0
        for (earlier, later) in zip(inside, inside.dropFirst()) where earlier.preconditioning != true && later.preconditioning != true {
            guard let from = earlier.level, let to = later.level else { continue }
            seconds += later.at - earlier.at
            lost += from - to
        }
        guard seconds >= shortest else { return period }
        let drain = lost / (Double(seconds) / 86_400)
        period.drainPercentPerDay = drain
        period.drainKWhPerDay = inside.last { $0.capacity != nil }?.capacity.map { drain / 100 * $0 / 1000 }
        return period
    }
}
