import Foundation
import Synchronization

/// The server's clock, as its `Date` headers tell it: how far it is from this machine's. Ages (`3 h ago`) and
/// `--since 30d` count from it, so that a server whose now is not the machine's — a sandbox moved a day ahead, a
/// machine whose clock is off — still reads right. Shared by a session, its workers and the shell's presentation.
package final class ServerClock: Sendable {
    /// Below this, the difference is the header's one-second resolution and the network's delay: no offset.
    static let tolerance: TimeInterval = 2

    /// The offset, and whether any `Date` header was seen yet.
    private let offset = Mutex<(seconds: TimeInterval, observed: Bool)>((0, false))

    package init() {}

    /// Notes a response's `Date` header (RFC 9110 IMF-fixdate, `Sun, 06 Dec 2026 09:18:57 GMT`), received at
    /// `received`; a header that does not parse is ignored.
    package func observe(dateHeader: String?, receivedAt received: Date = Date()) {
        guard let header = dateHeader, let server = Self.parse(header) else { return }
        let difference = TimeInterval(server) - received.timeIntervalSince1970.rounded(.down)
        offset.withLock { $0 = (abs(difference) < Self.tolerance ? 0 : difference, true) }
    }

    /// Seconds the server's clock is ahead of the machine's (negative: behind); 0 within ``tolerance``.
    package var secondsAhead: TimeInterval { offset.withLock { $0.seconds } }

    /// Whether the server has said its time yet: until then ``now`` is the machine's.
    package var hasObserved: Bool { offset.withLock { $0.observed } }

    /// The server's now.
    package var now: Date { Date().addingTimeInterval(secondsAhead) }

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
