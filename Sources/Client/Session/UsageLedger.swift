import APIContract
import Foundation
import SafeFile

/// What ccsh spent of a profile's quotas, across processes: one line per process (or per recorder pass) that sent
/// requests, in `$XDG_STATE_HOME/ccsh/usage/PROFILE.log` (mode 0600), appended with ``SafeFile/appendLine(_:to:mode:)``
/// so that processes finishing at once never mix their lines. `quota` sums it: the requests of the last 24 hours
/// (the day quota's window), this month's, and this month's remote actions that woke a car.
///
/// A line: `v1 AT SENT WAKEUPS DAYLIMIT DAYREMAINING BURSTLIMIT BURSTREMAINING`, `-` for a figure the gateway did
/// not send. Lines older than ``kept`` days are dropped when the file grows past ``compactionSize`` (a rewrite under
/// the file's lock, which appenders share).
package struct UsageLedger: Sendable {
    package let path: String

    static let kept = 40
    static let compactionSize = 256 * 1024

    /// One process's (or pass's) spending.
    package struct Entry: Equatable, Sendable {
        /// When it ended (seconds since 1970).
        package var at: Int
        package var sent: Int
        package var wakeUps: Int
        package var reading: RateLimitReading?

        package init(at: Int, sent: Int, wakeUps: Int, reading: RateLimitReading?) {
            self.at = at
            self.sent = sent
            self.wakeUps = wakeUps
            self.reading = reading
        }

        var line: String {
            func text(_ value: Int?) -> String { value.map(String.init) ?? "-" }
            return [
                "v1", String(at), String(sent), String(wakeUps), text(reading?.dayLimit), text(reading?.dayRemaining), text(reading?.burstLimit),
                text(reading?.burstRemaining),
            ].joined(separator: " ")
        }

        /// Nil for a line cut short or written by another version.
        init?(line: Substring) {
            let fields = line.split(separator: " ")
            guard fields.count == 8, fields[0] == "v1", let at = Int(fields[1]), let sent = Int(fields[2]), let wakeUps = Int(fields[3])
            else { return nil }
            let figures = fields[4...].map { Int($0) }
            self.init(
                at: at, sent: sent, wakeUps: wakeUps,
                reading: figures.allSatisfy({ $0 == nil })
                    ? nil
                    : RateLimitReading(dayLimit: figures[0], dayRemaining: figures[1], burstLimit: figures[2], burstRemaining: figures[3], at: at))
        }
    }

    /// What `quota` shows.
    package struct Summary: Equatable, Sendable {
        /// Requests ccsh sent in the 24 hours before now.
        package var sentLastDay: Int
        /// Requests ccsh sent since the start of this month (UTC).
        package var sentThisMonth: Int
        /// Remote actions that woke a car, this month.
        package var wakeUpsThisMonth: Int
        /// The gateway's latest figures.
        package var latest: RateLimitReading?
    }

    package init(path: String) { self.path = path }

    /// `$XDG_STATE_HOME/ccsh/usage/PROFILE.log`.
    package init(profile: String, stateDirectory: URL = StateDirectory.url()) {
        path = stateDirectory.appendingPathComponent("usage").appendingPathComponent(profile + ".log").path
    }

    /// Adds `entry`, and drops old lines once the file is large. Appenders share the lock (their lines never mix);
    /// the rewrite takes it alone, so that no line appended meanwhile is lost.
    package func append(_ entry: Entry) throws(SafeFileError) {
        try SafeFile.makeDirectory((path as NSString).deletingLastPathComponent)
        let size = try withExtendedLifetime(try FileLock(for: path, shared: true)) { () throws(SafeFileError) in
            try SafeFile.appendLine(entry.line, to: path, mode: 0o600)
        }
        if size > Self.compactionSize { try compact(now: entry.at) }
    }

    /// Every readable line, oldest first.
    package func entries() -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap(Entry.init(line:))
    }

    /// The sums `quota` shows, at `now`.
    package func summary(now: Int) -> Summary {
        let entries = entries()
        let civil = Timestamp.civil(now)
        let monthStart = Timestamp.epoch(year: civil.year, month: civil.month, day: 1)
        let month = entries.filter { $0.at >= monthStart }
        return Summary(
            sentLastDay: entries.filter { $0.at > now - 86_400 }.reduce(0) { $0 + $1.sent },
            sentThisMonth: month.reduce(0) { $0 + $1.sent }, wakeUpsThisMonth: month.reduce(0) { $0 + $1.wakeUps },
            latest: entries.last { $0.reading != nil }?.reading)
    }

    /// Rewrites the log without the lines older than ``kept`` days, under its lock.
    private func compact(now: Int) throws(SafeFileError) {
        let lock = try FileLock(for: path)
        defer { withExtendedLifetime(lock) {} }
        let recent = entries().filter { $0.at > now - Self.kept * 86_400 }
        try SafeFile.write(Array(recent.map { $0.line + "\n" }.joined().utf8), to: path, mode: 0o600)
    }
}
