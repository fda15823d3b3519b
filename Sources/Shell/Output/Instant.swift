import APIContract
import Foundation

/// An instant the API wrote as RFC 3339 (`2026-10-31T13:22:39Z`, `…T13:22:39.652+02:00`), shown for people. Read
/// and broken down by APIContract's ``Timestamp`` (hand-rolled civil arithmetic): a table of 10 000 trips formats
/// 20 000 of them, and Foundation's formatters cost microseconds each.
package struct Instant: Sendable, Equatable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    package var seconds: Int

    package init(seconds: Int) { self.seconds = seconds }

    /// The instant `text` writes, or nil when it is not an RFC 3339 date-time (the API's own reader, APIContract's).
    package init?(_ text: String) {
        guard let seconds = Timestamp.parse(text) else { return nil }
        self.seconds = seconds
    }

    package static func < (a: Instant, b: Instant) -> Bool { a.seconds < b.seconds }
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
        case .local: offset = presentation.offset(at: seconds)
        }
        let now = presentation.now
        let local = Timestamp.civil(seconds + offset)
        let utc = presentation.time == .utc
        let today = presentation.todayDate(utc: utc)
        let sameDay = (local.year, local.month, local.day) == (today.year, today.month, today.day)
        let sameYear = local.year == today.year || abs(now - seconds) < 180 * 86400
        // Written into one buffer: a table of trips formats two of these a row.
        var text = TextWriter.text(capacity: 40) { text in
            func clock() {
                text.integer(local.hour, width: 2)
                text.write(UInt8(ascii: ":"))
                text.integer(local.minute, width: 2)
                if utc { text.write(" UTC") }
            }
            if sameDay {
                clock()
            } else if sameYear {
                text.integer(local.day)
                text.write(UInt8(ascii: " "))
                text.write(Self.monthNames[local.month - 1])
                text.write(UInt8(ascii: " "))
                clock()
            } else {
                text.integer(local.year, width: 4)
                text.write(UInt8(ascii: "-"))
                text.integer(local.month, width: 2)
                text.write(UInt8(ascii: "-"))
                text.integer(local.day, width: 2)
            }
            text.write(" · ")
        }
        text += Self.age(now - seconds)
        return text
    }

    /// `31 Oct` (or `2025-10-31` in another year than now's), in the presentation's time zone: a chart's axis label.
    package static func day(_ instant: Instant, _ presentation: Presentation) -> String {
        let offset = presentation.time == .utc ? 0 : presentation.offset(at: instant.seconds)
        let local = Timestamp.civil(instant.seconds + offset)
        let now = Timestamp.civil(presentation.now)
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
