import Synchronization

/// Production's rough edges on demand, deterministic by seed: added latency, 500s on a fraction of GETs,
/// connections cut mid-response, and the gateway's rate limits (docs/api.md §5.4): the day quota, always (a
/// sliding 24 hours on the world's clock, ``DayQuota``), and a burst limit when asked (`--rate-limit`, a window of
/// the machine's seconds).
///
/// The n-th request's fate depends only on the seed and n, so a failing run can be replayed exactly. Faults are
/// spread evenly rather than drawn at random: with rate p, request n is hit when ⌊n·p + φ⌋ > ⌊(n−1)·p + φ⌋, the
/// phase φ coming from the seed — exactly p of the requests, never a run of bad luck.
package final class FaultInjector: Sendable {
    package struct Settings: Sendable {
        package var latencyMs = 0
        package var failRate = 0.0
        package var dropRate = 0.0
        /// HTTP status of injected failures (500, or e.g. 503).
        package var failStatus = 500
        /// Methods whose requests `failRate` applies to.
        package var failMethods: Set<String> = ["GET"]
        /// Requests allowed per `rateWindow` seconds (0: no limit).
        package var rateLimit = 0
        /// The rate-limit window in seconds (60: per minute).
        package var rateWindow = 60
        /// Replaces every successful API answer (`--garble`).
        package var garble: Garble?
        /// Requests allowed in any 24 hours of the world's clock (`--quota`; production's example is 100 000).
        package var dailyQuota = 100_000
        package init() {}
    }

    /// What happens to one API request.
    package enum Fate: Sendable, Equatable {
        case serve
        case fail
        case drop
        /// 429; retry after this many seconds.
        case rateLimited(retryAfter: Int)
    }

    package let settings: Settings
    private let seed: UInt64
    /// The world's clock, which the day quota is read on.
    private let clock: SimulationClock
    private let state: Mutex<Counters>

    private struct Counters {
        var requests = 0
        var failCandidates = 0
        var windowStart = Clock.monotonic
        var windowCount = 0
        var day: DayQuota
    }

    /// Whether the n-th (1-based) eligible request is hit at `rate`.
    private func hits(_ rate: Double, _ n: Int, _ stream: String) -> Bool {
        guard rate > 0 else { return false }
        var random = SeededRandom(seed: seed, stream)
        let phase = random.double(in: 0...0.999_999)
        return (Double(n) * rate + phase).rounded(.down) > (Double(n - 1) * rate + phase).rounded(.down)
    }

    package init(settings: Settings, seed: UInt64, clock: SimulationClock) {
        self.settings = settings
        self.seed = seed
        self.clock = clock
        state = Mutex(Counters(day: DayQuota(limit: settings.dailyQuota)))
    }

    /// The day quota's figures now: `{"limit", "used", "remaining"}` (`GET /_control/quota`).
    package var quota: (limit: Int, used: Int) {
        let now = clock.now
        return state.withLock { c in (c.day.limit, c.day.used(at: now)) }
    }

    /// Decides the fate of the next API request and returns it with the rate-limit headers to send.
    package func admit(method: String) -> (Fate, [(String, String)]) {
        let worldNow = clock.now
        return state.withLock { c in
            let now = Clock.monotonic
            if now - c.windowStart >= Double(settings.rateWindow) {
                c.windowStart = now
                c.windowCount = 0
            }
            let dayUsed = c.day.used(at: worldNow)
            var headers = [
                ("X-RateLimit-Limit-1", String(c.day.limit)),
                ("X-RateLimit-Remaining-1", String(max(0, c.day.limit - dayUsed - 1))),
            ]
            if settings.rateLimit > 0 {
                headers += [
                    ("X-RateLimit-Limit-2", String(settings.rateLimit)),
                    ("X-RateLimit-Remaining-2", String(max(0, settings.rateLimit - c.windowCount - 1))),
                ]
            }
            let windowFull = settings.rateLimit > 0 && c.windowCount >= settings.rateLimit
            if windowFull || dayUsed >= c.day.limit {
                // The day's wait is in world seconds: at --time-scale 0 only an advance of the clock ends it.
                let reset = windowFull ? Double(settings.rateWindow) - (now - c.windowStart) : c.day.secondsUntilFree(at: worldNow)
                let seconds = max(1, Int(reset.rounded(.up)))
                headers = headers.map { ($0.0, $0.0.hasPrefix("X-RateLimit-Remaining") ? "0" : $0.1) }
                headers += [("X-RateLimit-Reset", String(seconds)), ("Retry-After", String(seconds))]
                return (.rateLimited(retryAfter: seconds), headers)
            }
            c.windowCount += 1
            _ = c.day.admit(at: worldNow)
            c.requests += 1
            if hits(settings.dropRate, c.requests, "fault.drop") { return (.drop, headers) }
            if settings.failMethods.contains(method) {
                c.failCandidates += 1
                if hits(settings.failRate, c.failCandidates, "fault.fail") { return (.fail, headers) }
            }
            return (.serve, headers)
        }
    }
}
