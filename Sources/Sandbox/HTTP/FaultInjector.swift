import Synchronization

/// Production's rough edges on demand, deterministic by seed: added latency, 500s on a fraction of GETs,
/// connections cut mid-response, and the gateway's rate limits (api-notes §5.4).
///
/// The n-th request's fate depends only on the seed and n, so a failing run can be replayed exactly.
package final class FaultInjector: Sendable {
    package struct Settings: Sendable {
        package var latencyMs = 0
        package var failRate = 0.0
        package var dropRate = 0.0
        /// Requests per minute (0: no per-minute limit).
        package var ratePerMinute = 0
        /// The daily quota every subscription has.
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
    private let state = Mutex(Counters())

    private struct Counters {
        var requests = 0
        var gets = 0
        var minuteStart = Clock.monotonic
        var minuteCount = 0
        var dayStart = Clock.monotonic
        var dayCount = 0
    }

    package init(settings: Settings, seed: UInt64) {
        self.settings = settings
        self.seed = seed
    }

    /// Decides the fate of the next API request and returns it with the rate-limit headers to send.
    package func admit(method: String) -> (Fate, [(String, String)]) {
        state.withLock { c in
            let now = Clock.monotonic
            if now - c.minuteStart >= 60 {
                c.minuteStart = now
                c.minuteCount = 0
            }
            if now - c.dayStart >= 86400 {
                c.dayStart = now
                c.dayCount = 0
            }
            var headers = [
                ("X-RateLimit-Limit-1", String(settings.dailyQuota)),
                ("X-RateLimit-Remaining-1", String(max(0, settings.dailyQuota - c.dayCount - 1))),
            ]
            if settings.ratePerMinute > 0 {
                headers += [
                    ("X-RateLimit-Limit-2", String(settings.ratePerMinute)),
                    ("X-RateLimit-Remaining-2", String(max(0, settings.ratePerMinute - c.minuteCount - 1))),
                ]
            }
            let minuteFull = settings.ratePerMinute > 0 && c.minuteCount >= settings.ratePerMinute
            if minuteFull || c.dayCount >= settings.dailyQuota {
                let reset = minuteFull ? 60 - (now - c.minuteStart) : 86400 - (now - c.dayStart)
                let seconds = max(1, Int(reset.rounded(.up)))
                headers = headers.map { ($0.0, $0.0.hasPrefix("X-RateLimit-Remaining") ? "0" : $0.1) }
                headers += [("X-RateLimit-Reset", String(seconds)), ("Retry-After", String(seconds))]
                return (.rateLimited(retryAfter: seconds), headers)
            }
            c.minuteCount += 1
            c.dayCount += 1
            c.requests += 1
            var dropRandom = SeededRandom(seed: seed, "fault.drop", c.requests)
            if settings.dropRate > 0, dropRandom.chance(settings.dropRate) { return (.drop, headers) }
            if method == "GET" {
                c.gets += 1
                var failRandom = SeededRandom(seed: seed, "fault.fail", c.gets)
                if settings.failRate > 0, failRandom.chance(settings.failRate) { return (.fail, headers) }
            }
            return (.serve, headers)
        }
    }
}
