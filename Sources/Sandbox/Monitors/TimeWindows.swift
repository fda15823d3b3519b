import APIContract
import Foundation

/// A time trigger's windows (docs/api.md §10.1–10.2), in its time zone: `Daily` (and v4.0's `Weekly`) windows open
/// at `start` after local midnight on the listed days (and ISO weeks), for `duration`; a `None` window is one
/// stretch from an absolute `start` (open-ended without a duration), or, with a time-of-day start, one window on
/// the day the monitor was made.
package struct TimeWindows: Sendable {
    private struct Window: Sendable {
        var recurring: Bool
        /// Seconds after local midnight (recurring), or an absolute instant (one-off).
        var start: Int
        var duration: Int?
        /// ISO weekdays 1 (Mon) … 7 (Sun); empty means every day.
        var days: Set<Int>
        /// ISO weeks 1 … 53; empty means every week.
        var weeks: Set<Int>
    }

    private let zone: TimeZone
    private let windows: [Window]

    private static let dayNames = ["Mon": 1, "Tue": 2, "Wed": 3, "Thu": 4, "Fri": 5, "Sat": 6, "Sun": 7]

    /// The windows of a `time` trigger; `madeAt` dates a `None` window given as a time of day.
    package init(_ trigger: JSON, madeAt: Int) {
        let name = trigger["timeZone"]?.string ?? trigger["time.zone"]?.string ?? "Europe/Paris"
        zone = TimeZone(identifier: name) ?? TimeZone(identifier: "Europe/Paris") ?? .gmt
        var windows: [Window] = []
        for item in trigger["times"]?.array ?? [] {
            guard let start = item["start"]?.string else { continue }
            let recurrence = item["recurrence"]?.string ?? "Daily"
            let duration = item["duration"]?.string.flatMap(Timestamp.duration)
            if recurrence == "None", let instant = Timestamp.parse(start) {
                windows.append(Window(recurring: false, start: instant, duration: duration, days: [], weeks: []))
                continue
            }
            guard let offset = Timestamp.duration(start) else { continue }
            if recurrence == "None" {
                let midnight = Self.localMidnight(of: madeAt, zone)
                windows.append(Window(recurring: false, start: midnight + offset, duration: duration, days: [], weeks: []))
                continue
            }
            // The 4.17 example writes occurence as a bare array of days.
            let dayList = item["occurence"]?["day"]?.array ?? item["occurence"]?.array ?? []
            let days = Set(dayList.compactMap { $0.string.flatMap { Self.dayNames[$0] } })
            let weeks = Set((item["occurence"]?["week"]?.array ?? []).flatMap { Self.weeks($0.string ?? "") })
            windows.append(Window(recurring: true, start: offset, duration: duration ?? 86400, days: days, weeks: weeks))
        }
        self.windows = windows
    }

    /// Whether simulated second `t` falls in one of the windows.
    package func contains(_ t: Int) -> Bool {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t)))
        let local = t + offset
        let today = Int((Double(local) / 86400).rounded(.down))
        return windows.contains { window in
            guard window.recurring else { return t >= window.start && window.duration.map { t < window.start + $0 } ?? true }
            let duration = window.duration ?? 86400
            // A window that opened on an earlier day may still be open (22:00 for six hours).
            for back in 0...(duration / 86400 + 1) {
                let day = today - back
                let opens = day * 86400 + window.start
                guard local >= opens, local < opens + duration else { continue }
                let weekday = ((day % 7) + 7 + 3) % 7 + 1  // 1970-01-01 was a Thursday (4)
                if !window.days.isEmpty, !window.days.contains(weekday) { continue }
                if !window.weeks.isEmpty, !window.weeks.contains(Self.isoWeek(day: day, weekday: weekday)) { continue }
                return true
            }
            return false
        }
    }

    /// `w12` → [12]; `w34-w46` → 34…46.
    private static func weeks(_ text: String) -> [Int] {
        let parts = text.split(separator: "-").map { Int($0.drop { $0 == "w" || $0 == "W" }) }
        switch parts.count {
        case 1: return parts[0].map { [$0] } ?? []
        case 2: if let a = parts[0], let b = parts[1], a <= b { return Array(a...b) } else { return [] }
        default: return []
        }
    }

    /// The ISO 8601 week number of a day (days since 1970-01-01, local).
    private static func isoWeek(day: Int, weekday: Int) -> Int {
        let thursday = day - weekday + 4
        let year = Timestamp.civil(thursday * 86400).year
        let january1 = Timestamp.epoch(year: year, month: 1, day: 1) / 86400
        return (thursday - january1) / 7 + 1
    }

    private static func localMidnight(of t: Int, _ zone: TimeZone) -> Int {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t)))
        return Int((Double(t + offset) / 86400).rounded(.down)) * 86400 - offset
    }
}
