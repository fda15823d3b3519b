import Foundation

/// An instant the API wrote as RFC 3339 (`2026-10-31T13:22:39Z`, `…T13:22:39.652+02:00`), read by hand: a table
/// of 10 000 trips formats 20 000 of them, and Foundation's formatters cost microseconds each.
package struct Instant: Sendable, Equatable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    package var seconds: Int

    package init(seconds: Int) { self.seconds = seconds }

    /// The instant `text` writes, or nil when it is not an RFC 3339 date-time (a date alone counts as midnight UTC).
    package init?(_ text: String) {
        var bytes = text.utf8.makeIterator()
        func number(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let byte = bytes.next(), byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(4), bytes.next() == UInt8(ascii: "-"), let month = number(2), bytes.next() == UInt8(ascii: "-"),
            let day = number(2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Self.days(year: year, month: month, day: day) * 86400
        guard let separator = bytes.next() else {
            self.seconds = seconds
            return
        }
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: " "), let hour = number(2), bytes.next() == UInt8(ascii: ":"),
            let minute = number(2), bytes.next() == UInt8(ascii: ":"), let second = number(2), hour < 24, minute < 60, second < 61
        else { return nil }
        seconds += hour * 3600 + minute * 60 + second
        var next = bytes.next()
        if next == UInt8(ascii: ".") {
            repeat { next = bytes.next() } while next.map { $0 >= 0x30 && $0 <= 0x39 } == true
        }
        switch next {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"): break
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = next == UInt8(ascii: "+") ? 1 : -1
            guard let hours = number(2) else { return nil }
            var after = bytes.next()
            if after == UInt8(ascii: ":") { after = bytes.next() }
            var minutes = 0
            if let tens = after {
                guard tens >= 0x30, tens <= 0x39, let ones = number(1) else { return nil }
                minutes = Int(tens - 0x30) * 10 + ones
            }
            seconds -= sign * (hours * 3600 + minutes * 60)
        default: return nil
        }
        guard bytes.next() == nil else { return nil }
        self.seconds = seconds
    }

    package static func < (a: Instant, b: Instant) -> Bool { a.seconds < b.seconds }

    /// Days from 1970-01-01 to a civil date (Howard Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// The civil date and time of `seconds` (already shifted to local time if wanted).
    static func civil(_ seconds: Int) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let inDay = seconds - days * 86400
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, inDay / 3600, inDay % 3600 / 60, inDay % 60)
    }
}

/// How instants show: local time with a relative age (the default), UTC with an age, or as the API wrote them.
package enum TimeStyle: String, CaseIterable, Sendable {
    case local, utc, iso
}

extension Instant {
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `14:22 · 3 h ago` today, `31 Oct 14:22 · 3 d ago` this year, `2025-10-31 · 1 y ago` before; in UTC with
    /// `utc`; nil for `iso` (show the text as it is).
    package func text(_ presentation: Presentation) -> String? {
        let offset: Int
        switch presentation.time {
        case .iso: return nil
        case .utc: offset = 0
        case .local: offset = presentation.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        let now = presentation.now
        let nowOffset = presentation.time == .utc ? 0 : presentation.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(now)))
        let local = Self.civil(seconds + offset)
        let today = Self.civil(now + nowOffset)
        let clock = Self.two(local.hour) + ":" + Self.two(local.minute)
        let zone = presentation.time == .utc ? " UTC" : ""
        let moment: String
        if (local.year, local.month, local.day) == (today.year, today.month, today.day) {
            moment = clock + zone
        } else if local.year == today.year || abs(now - seconds) < 180 * 86400 {
            moment = "\(local.day) \(Self.monthNames[local.month - 1]) \(clock)\(zone)"
        } else {
            moment = "\(local.year)-\(Self.two(local.month))-\(Self.two(local.day))"
        }
        return moment + " · " + Self.age(now - seconds)
    }

    /// `31 Oct` (or `2025-10-31` in another year than now's), in the presentation's time zone: a chart's axis label.
    package static func day(_ instant: Instant, _ presentation: Presentation) -> String {
        let offset =
            presentation.time == .utc ? 0 : presentation.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.seconds)))
        let local = civil(instant.seconds + offset)
        let now = civil(presentation.now)
        return local.year == now.year ? "\(local.day) \(monthNames[local.month - 1])" : "\(local.year)-\(two(local.month))-\(two(local.day))"
    }

    /// `3 h ago`, `just now`, `in 2 d`.
    package static func age(_ elapsed: Int) -> String {
        let magnitude = abs(elapsed)
        let text: String
        switch magnitude {
        case ..<45: return "just now"
        case ..<3600: text = "\(max(1, (magnitude + 30) / 60)) min"
        case ..<86400: text = "\(magnitude / 3600) h"
        case ..<(60 * 86400): text = "\(magnitude / 86400) d"
        case ..<(730 * 86400): text = "\(magnitude / (30 * 86400)) mo"
        default: text = "\(magnitude / (365 * 86400)) y"
        }
        return elapsed >= 0 ? text + " ago" : "in " + text
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
