import APIContract
import Foundation

/// Everything a terminal rendering depends on besides the value: the window's size, whether color and Unicode
/// may be used, how instants show and from when ages count, and the views that know the API's documents.
///
/// A rendering never changes a value: the same value goes on through the pipe, into `to json`, into variables.
package struct Presentation: Sendable {
    /// Columns to fit in; no rendered line is longer.
    package var width = 120
    /// Rows of the window, for pictures sized to it.
    package var height = 40
    /// Whether results go to a terminal (rather than a pipe or a file).
    package var outputIsTerminal = false
    package var useColor = false
    /// Braille, bars and arrows in pictures; otherwise plain ASCII (a locale that is not UTF-8).
    package var unicode = true
    package var time = TimeStyle.local
    /// The zone instants show in: `TZ`'s, else the system's, read when first needed (not at every start: loading it
    /// is a good part of a one-command process's own work).
    package var timeZone: TimeZone {
        get { chosenZone ?? TimeZone.current }
        set { chosenZone = newValue }
    }
    private var chosenZone: TimeZone?
    /// Every column of a view, even when they overflow the width (`--wide`, `to table --all`).
    package var showsAllColumns = false
    /// The instant ages count from, when fixed (`CCSH_NOW`, for reproducible screens); else the clock's.
    package var fixedNow: Int?
    package var views = ViewCatalog()
    /// Where tables note what they showed, for references typed back (none: tables number their rows and forget).
    package var shown: ShownTables?
    /// The server's clock, which ages count from when it is not the machine's (none: the machine's).
    package var serverClock: ServerClock?

    package init() {}

    /// Settings read from the environment: Unicode when the locale is UTF-8 (`LC_ALL`, `LC_CTYPE`, `LANG`), the
    /// time zone from `TZ`, a fixed now from `CCSH_NOW` (an RFC 3339 instant).
    package init(environment: [String: String]) {
        let locale = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        unicode = locale.lowercased().contains("utf-8") || locale.lowercased().contains("utf8")
        if let zone = environment["TZ"].flatMap({ TimeZone(identifier: $0.hasPrefix(":") ? String($0.dropFirst()) : $0) }) { timeZone = zone }
        fixedNow = environment["CCSH_NOW"].flatMap(Instant.init)?.seconds
    }

    /// The zone's offsets around `fixedNow` (now's among them), read by ``frozen()`` for the instants of one
    /// rendering, so that a table's cells do not each ask the zone.
    private var offsets: ZoneOffsets?
    /// Today's date where ages count from, in local time and in UTC, kept by ``frozen()``.
    private var today: (local: (year: Int, month: Int, day: Int), utc: (year: Int, month: Int, day: Int))?

    /// `path` as the document names it, when its first step is the title of a column of the document's view that
    /// the document has no field for (`target` of a callback is `subscribe.callback.webhook.target`): what the
    /// screen shows can be typed back. Else `path` itself. A list is read by its first row.
    package func aliased(_ path: CellPath, in value: Value) -> CellPath {
        guard let first = path.segments.first, Int(first) == nil,
            let record = value.recordValue ?? value.listItems?.first?.recordValue, record[first] == nil,
            let field = views.view(for: record)?.field(forColumn: first), field != first
        else { return path }
        return CellPath(CellPath(parsing: field).segments + path.segments.dropFirst())
    }

    /// Seconds since 1970 now — the server's when known (``ServerClock``) — or the fixed now.
    package var now: Int { fixedNow ?? Int((serverClock?.now ?? Date()).timeIntervalSince1970) }

    /// The local time zone's offset from UTC now, in seconds.
    package var offsetNow: Int { offset(at: now) }

    /// The date now, in local time (or UTC with `utc`).
    package func todayDate(utc: Bool) -> (year: Int, month: Int, day: Int) {
        if let today { return utc ? today.utc : today.local }
        let now = Timestamp.civil(self.now + (utc ? 0 : offsetNow))
        return (now.year, now.month, now.day)
    }

    /// The local time zone's offset from UTC at `seconds` since 1970.
    package func offset(at seconds: Int) -> Int {
        offsets?.offset(at: seconds) ?? timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// This presentation with now fixed for one rendering: every age in a table counts from the same instant, and
    /// the clock and the zone's offsets (now, and around now) are read once.
    package func frozen() -> Presentation {
        var frozen = self
        frozen.fixedNow = now
        frozen.offsets = ZoneOffsets(zone: timeZone, around: frozen.now)
        frozen.today = (frozen.todayDate(utc: false), frozen.todayDate(utc: true))
        return frozen
    }

    /// `text` in an SGR color when colors are on.
    package func paint(_ text: String, _ emphasis: Emphasis?) -> String {
        guard useColor, let emphasis, !text.isEmpty else { return text }
        return "\u{1B}[\(emphasis.code)m\(text)\u{1B}[0m"
    }
}

/// Color as emphasis only: every emphasized cell also says in words what the color adds.
package enum Emphasis: Sendable {
    /// Needs attention now (a level under 20 %, a service overdue, a critical alert).
    case alarm
    /// Worth a look (an active alert, a warning).
    case warning
    /// Fine, and worth noticing (charging).
    case good
    /// Secondary (empty values, footers).
    case faint
    /// Table headers and card titles.
    case title

    var code: String {
        switch self {
        case .alarm: "31"
        case .warning: "33"
        case .good: "32"
        case .faint: "2"
        case .title: "1;32"
        }
    }
}
