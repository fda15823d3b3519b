/// A subscription's day quota (docs/api.md §5.4): at most `limit` API requests in any 24 hours, a sliding window
/// read on the world's clock, so that a test that advances the clock by a day sees the quota come back, and a
/// recorder running through a simulated month is held to the quota of each simulated day.
///
/// It keeps the time of each request still in the window, oldest first: at most `limit` of them.
struct DayQuota {
    static let window = 86_400.0

    let limit: Int
    /// Times (world seconds) of the admitted requests; those before `start` have left the window.
    private var times: [Double] = []
    private var start = 0

    init(limit: Int) { self.limit = max(1, limit) }

    /// Requests admitted in the 24 hours up to `now`.
    mutating func used(at now: Double) -> Int {
        while start < times.count, times[start] <= now - Self.window { start += 1 }
        if start > 4096, start * 2 > times.count {
            times.removeFirst(start)
            start = 0
        }
        return times.count - start
    }

    /// Counts a request at `now`, unless the quota is spent.
    mutating func admit(at now: Double) -> Bool {
        guard used(at: now) < limit else { return false }
        times.append(now)
        return true
    }

    /// World seconds until the oldest request in the window leaves it (and one more is allowed).
    mutating func secondsUntilFree(at now: Double) -> Double {
        guard used(at: now) >= limit, start < times.count else { return 0 }
        return times[start] + Self.window - now
    }
}
