import APIContract
import Foundation
import Testing

/// The server's clock from its `Date` headers: its offset from the machine's, and its pace — 1 for a real server,
/// whatever the header's one-second resolution; faster for a sandbox whose world runs faster.
@Suite struct ServerClockTests {
    static func header(_ seconds: Int) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    @Test("a real server, read at the header's resolution, runs at the machine's pace; a day ahead is an offset")
    func realServer() {
        let clock = ServerClock()
        let machine = 1_790_000_000.3
        for step in 0..<20 {
            let at = machine + Double(step) * 0.37
            clock.observe(dateHeader: Self.header(Int(at) + 86400), receivedAt: Date(timeIntervalSince1970: at))
        }
        #expect(clock.rate == 1)
        #expect(abs(clock.secondsAhead - 86400) <= 1)
    }

    @Test("a sandbox whose world runs an hour a second: the rate is measured within a fraction of a second")
    func fastWorld() {
        let clock = ServerClock()
        let machine = 1_790_000_000.0
        clock.observe(dateHeader: Self.header(1_790_000_000), receivedAt: Date(timeIntervalSince1970: machine))
        clock.observe(dateHeader: Self.header(1_790_000_000 + 360), receivedAt: Date(timeIntervalSince1970: machine + 0.1))
        #expect(abs(clock.rate - 3600) < 40)
        // A world that stands still is waited for at the machine's pace, once two seconds showed it.
        clock.observe(dateHeader: Self.header(1_790_000_360), receivedAt: Date(timeIntervalSince1970: machine + 2.2))
        #expect(clock.rate == 1)
    }
}
