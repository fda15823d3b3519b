/// When `record` reads each car again (docs/history.md, "When record reads"), and how it stays under its share of
/// the API's day quota.
///
/// - A car's status is read every ``Pace`` of its state: while driving every minute, while charging every 5
///   minutes, parked with news in the last hour every 10 minutes, and asleep (parked, nothing new for an hour) every
///   30 minutes. A car whose notifications came in the last day (`record --listen`) is read 4 times less often:
///   its monitors tell of what changes. A notification carrying its status counts as a read; one without makes it
///   due at once (at most once a minute), to see what changed.
/// - Its trips and alerts are synced on the first read, when a drive has just ended, and at least every 6 hours.
/// - Requests are paced by a token bucket that holds `share` of the day quota: it refills at that share spread over
///   24 hours and holds at most a 48th of it, so that no 24 hours ever see more than the share. When the gateway
///   says less remains than the rest of the quota (other clients spent it), reads wait.
package struct RecordSchedule: Sendable {
    /// How often a car in a state is read, in seconds.
    package enum Pace: Double, Sendable {
        case driving = 60
        case charging = 300
        case parked = 600
        case asleep = 1800
    }

    /// What to read of one car now.
    package struct Due: Equatable, Sendable {
        package var vehicle: String
        /// Its trips and alerts too, not only its status.
        package var sync: Bool
    }

    static let syncEvery = 6 * 3600.0
    static let recentNews = 3600.0
    /// How long a car counts as notified after its last notification.
    static let notifiedFor = 86_400.0

    /// The share of the day quota the recorder may spend (0…1).
    package let share: Double
    private var cars: [String: Car] = [:]
    private var order: [String] = []
    private var bucket: Bucket?

    private struct Car {
        var next = 0.0
        var lastRead: Double?
        var lastSync: Double?
        var lastNotified: Double?
        var wasDriving = false
    }

    /// Tokens of the quota's share: `capacity` at most, `rate` a second.
    private struct Bucket {
        var tokens: Double
        var capacity: Double
        var rate: Double
        var at: Double

        mutating func refill(_ now: Double) {
            tokens = min(capacity, tokens + max(0, now - at) * rate)
            at = now
        }
    }

    package init(vehicles: [String], share: Double) {
        self.share = min(1, max(0.01, share))
        order = vehicles
        for vehicle in vehicles { cars[vehicle] = Car() }
    }

    /// The cars to read at `now`, the longest overdue first (when the quota's share holds reads back, a car that
    /// drives does not starve one that charges).
    package func due(at now: Double) -> [Due] {
        order.compactMap { vehicle -> (Due, Double)? in
            guard let car = cars[vehicle], car.next <= now else { return nil }
            return (Due(vehicle: vehicle, sync: car.lastSync.map { now - $0 >= Self.syncEvery } ?? true), car.next)
        }
        .sorted { $0.1 < $1.1 }.map(\.0)
    }

    /// Notes what reading `vehicle` at `now` showed: whether it drives or charges, when it last reported, and whether
    /// its trips were synced; sets when it is read next.
    package mutating func read(_ vehicle: String, at now: Double, driving: Bool, charging: Bool, reportedAt: Double?, synced: Bool) {
        guard var car = cars[vehicle] else { return }
        let pace: Pace =
            driving ? .driving : charging ? .charging : reportedAt.map { now - $0 < Self.recentNews } == true ? .parked : .asleep
        let notified = car.lastNotified.map { now - $0 < Self.notifiedFor } ?? false
        car.next = now + pace.rawValue * (notified ? 4 : 1)
        car.lastRead = now
        if synced { car.lastSync = now }
        // A drive just ended: its trip is the news to read now.
        if car.wasDriving, !driving { car.lastSync = nil }
        car.wasDriving = driving
        cars[vehicle] = car
    }

    /// Notes that a notification named `vehicle` at `now`: the car counts as notified for a day. With the
    /// status it carried (`status`), that is a read; without, the car is due now, a minute after its last read at
    /// the soonest.
    package mutating func notified(_ vehicle: String, at now: Double, status: StatusReading?) {
        guard var car = cars[vehicle] else { return }
        car.lastNotified = now
        cars[vehicle] = car
        if let status {
            read(
                vehicle, at: now, driving: status.isDriving, charging: status.chargingStatus == "InProgress",
                reportedAt: status.reportedAt.map(Double.init),
                synced: false)
        } else {
            car.next = min(car.next, max(now, (car.lastRead ?? 0) + Pace.driving.rawValue))
            cars[vehicle] = car
        }
    }

    /// When the next car is due.
    package var nextDue: Double { cars.values.map(\.next).min() ?? 0 }

    /// Notes the gateway's day quota (its limit), which sizes the bucket; unknown, requests are not paced.
    package mutating func quota(limit: Int, at now: Double) {
        let budget = Double(limit) * share
        guard bucket?.capacity != budget / 48 else { return }
        let capacity = max(1, budget / 48)
        bucket = Bucket(tokens: capacity, capacity: capacity, rate: (budget - capacity) / 86_400, at: now)
    }

    /// Seconds to wait before the next read keeps within the share (0: now).
    package mutating func wait(at now: Double) -> Double {
        guard var bucket else { return 0 }
        bucket.refill(now)
        self.bucket = bucket
        // Within a rounding error of a token is a token: a wait of nanoseconds would never move a clock forward.
        guard bucket.tokens < 1 - 1e-6 else { return 0 }
        return bucket.rate > 0 ? (1 - bucket.tokens) / bucket.rate : .infinity
    }

    /// Takes the requests a read made from the bucket (it may go below zero: the next reads wait the longer).
    package mutating func spent(_ count: Int, at now: Double) {
        guard var bucket else { return }
        bucket.refill(now)
        bucket.tokens -= Double(count)
        self.bucket = bucket
    }

    /// Whether the gateway's figures leave the recorder room: what remains of the day quota is more than the part
    /// that is not the recorder's (the rest is other clients' — the user's own commands first).
    package func leavesRoom(limit: Int, remaining: Int) -> Bool { Double(remaining) > Double(limit) * (1 - share) }
}
