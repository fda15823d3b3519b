import Foundation
import Synchronization

/// What the gateway's rate-limit headers say (docs/api.md §5.4): the day quota (`-1`, a sliding 24 hours) and the
/// burst quota (`-2`, per second), each a limit and what remains of it. Any of them may be missing.
package struct RateLimitReading: Equatable, Sendable {
    package var dayLimit: Int?
    package var dayRemaining: Int?
    package var burstLimit: Int?
    package var burstRemaining: Int?
    /// When it was read (seconds since 1970, the machine's clock).
    package var at: Int

    package init(dayLimit: Int? = nil, dayRemaining: Int? = nil, burstLimit: Int? = nil, burstRemaining: Int? = nil, at: Int) {
        self.dayLimit = dayLimit
        self.dayRemaining = dayRemaining
        self.burstLimit = burstLimit
        self.burstRemaining = burstRemaining
        self.at = at
    }

    /// The answer's figures, or nil when it has none of them (a sandbox without quotas, a proxy's error).
    package init?(_ response: HTTPResponseData, at: Int) {
        func value(_ name: String) -> Int? {
            response.header(name).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 >= 0 ? $0 : nil }
        }
        self.init(
            dayLimit: value("X-RateLimit-Limit-1"), dayRemaining: value("X-RateLimit-Remaining-1"), burstLimit: value("X-RateLimit-Limit-2"),
            burstRemaining: value("X-RateLimit-Remaining-2"), at: at)
        guard dayLimit != nil || dayRemaining != nil || burstLimit != nil || burstRemaining != nil else { return nil }
    }
}

/// A profile's rate-limit budget as this process sees it, shared by a session and its workers: the latest headers,
/// how many requests were sent and how many remote actions asked to wake a car, and — after a 429 — until when
/// nothing more is sent. That hold is what keeps a 429 from turning into a storm: workers of a fan-out that meet it
/// wait for the same moment (or give up together when it is too far), instead of each retrying on its own.
package final class RateLimitBudget: Sendable {
    private struct State {
        var latest: RateLimitReading?
        var sent = 0
        var wakeUps = 0
        /// Machine time (`Date().timeIntervalSince1970`) before which nothing is sent.
        var heldUntil = 0.0
        /// `sent` and `wakeUps` when the ledger was last written.
        var recordedSent = 0
        var recordedWakeUps = 0
    }

    private let state = Mutex(State())

    package init() {}

    /// The latest figures the gateway sent.
    package var latest: RateLimitReading? { state.withLock { $0.latest } }
    /// Requests sent by this process (every attempt, retries included).
    package var sent: Int { state.withLock { $0.sent } }
    /// Remote actions this process sent that wake a car (`wakeup`, and the ones that wake it to act).
    package var wakeUps: Int { state.withLock { $0.wakeUps } }

    /// What was spent since the last call, for the usage ledger (``UsageLedger``); nil when nothing was sent.
    package func takeUnrecorded(at now: Date = Date()) -> UsageLedger.Entry? {
        state.withLock { state in
            let sent = state.sent - state.recordedSent
            let wakeUps = state.wakeUps - state.recordedWakeUps
            guard sent > 0 || wakeUps > 0 else { return nil }
            state.recordedSent = state.sent
            state.recordedWakeUps = state.wakeUps
            return UsageLedger.Entry(at: Int(now.timeIntervalSince1970), sent: sent, wakeUps: wakeUps, reading: state.latest)
        }
    }

    /// Counts one request about to leave.
    func noteSent() { state.withLock { $0.sent += 1 } }

    /// Counts a remote action that wakes the car.
    package func noteWakeUp() { state.withLock { $0.wakeUps += 1 } }

    /// Notes an answer's headers; a 429 holds every request for its `Retry-After` (at least one second).
    func observe(_ response: HTTPResponseData, now: Date = Date()) {
        let reading = RateLimitReading(response, at: Int(now.timeIntervalSince1970))
        let retryAfter =
            response.status == 429 ? max(1, response.header("Retry-After").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } ?? 1) : nil
        state.withLock { state in
            if let reading { state.latest = reading }
            if let retryAfter { state.heldUntil = max(state.heldUntil, now.timeIntervalSince1970 + retryAfter) }
        }
    }

    /// Seconds until requests may be sent again after a 429 (0: now).
    func hold(now: Date = Date()) -> Double { state.withLock { max(0, $0.heldUntil - now.timeIntervalSince1970) } }
}
