import Foundation
import Synchronization

/// The server's clock, as its `Date` headers tell it: how far it is from this machine's, and how fast it runs. Ages
/// (`3 h ago`) and `--since 30d` count from it, so that a server whose now is not the machine's — a sandbox moved a
/// day ahead, a machine whose clock is off — still reads right; a recorder waits by its ``rate``, so that a sandbox
/// whose world runs an hour a second is read as often per simulated hour as a car is per real hour. Shared by a
/// session, its workers and the shell's presentation.
package final class ServerClock: Sendable {
    /// Below this, the difference is the header's one-second resolution and the network's delay: no offset.
    static let tolerance: TimeInterval = 2

    /// Machine seconds after which two readings that agree with the machine's pace say the server runs at it.
    package static let rateBaseline: TimeInterval = 2

    private struct State {
        /// Seconds the server was ahead at the last reading, and whether there was one.
        var seconds: TimeInterval = 0
        var observed = false
        /// The last reading (machine, server).
        var last: (machine: TimeInterval, server: TimeInterval)?
        /// The reading the rate is measured from.
        var baseline: (machine: TimeInterval, server: TimeInterval)?
        /// Server seconds per machine second: 1 for a real server, more for a sandbox whose world runs faster.
        var rate: Double = 1
    }

    private let state = Mutex(State())

    package init() {}

    /// Notes a response's `Date` header (RFC 9110 IMF-fixdate, `Sun, 06 Dec 2026 09:18:57 GMT`), received at
    /// `received`; a header that does not parse is ignored.
    package func observe(dateHeader: String?, receivedAt received: Date = Date()) {
        guard let header = dateHeader, let server = Self.parse(header).map(TimeInterval.init) else { return }
        let machine = received.timeIntervalSince1970
        let difference = server - machine.rounded(.down)
        state.withLock { state in
            state.seconds = abs(difference) < Self.tolerance ? 0 : difference
            state.observed = true
            state.last = (machine, server)
            guard let baseline = state.baseline else {
                state.baseline = (machine, server)
                return
            }
            let elapsed = machine - baseline.machine
            let advanced = server - baseline.server
            guard elapsed >= 0.01 else { return }
            // Within the header's resolution and the network's delay of the machine's pace, only time tells: the
            // server runs at it once two seconds passed so. Further off, the server runs faster (a world stopped or
            // moved back is waited for at the machine's pace).
            if abs(advanced - elapsed) > Self.tolerance + 0.1 * elapsed {
                state.rate = max(1, advanced / elapsed)
            } else if elapsed >= Self.rateBaseline {
                state.rate = 1
            } else {
                return
            }
            state.baseline = (machine, server)
        }
    }

    /// Seconds the server's clock is ahead of the machine's (negative: behind); 0 within ``tolerance``.
    package var secondsAhead: TimeInterval { state.withLock { $0.seconds } }

    /// Whether the server has said its time yet: until then ``now`` is the machine's.
    package var hasObserved: Bool { state.withLock { $0.observed } }

    /// Server seconds per machine second, as the last readings far enough apart measured it: 1 for a real server.
    package var rate: Double { state.withLock { $0.rate } }

    /// The server's now (its last reading's offset from the machine's clock).
    package var now: Date { Date().addingTimeInterval(secondsAhead) }

    /// The server's now as its last reading and its ``rate`` foretell it: what a recorder paces its reads by. (Times
    /// it keeps are ``now``'s: a rate measured across a jump of a sandbox's clock is off until the next readings.)
    package var pacedNow: Date {
        state.withLock { state in
            guard state.rate != 1, let last = state.last else { return Date().addingTimeInterval(state.seconds) }
            return Date(timeIntervalSince1970: last.server + (Date().timeIntervalSince1970 - last.machine) * state.rate)
        }
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Seconds since 1970 of an IMF-fixdate; nil for anything else.
    static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let month = months.firstIndex(of: String(parts[2])),
            let year = Int(parts[3])
        else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, (1...31).contains(day), (0...23).contains(time[0]), (0...59).contains(time[1]), (0...60).contains(time[2])
        else { return nil }
        return Timestamp.epoch(year: year, month: month + 1, day: day, hour: time[0], minute: time[1], second: time[2])
    }
}
