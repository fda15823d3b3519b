import Foundation

/// A time zone's offsets from UTC around one instant, read from Foundation once: the offset in force at each
/// daylight-saving transition from a year and a half before to a month after. A table formats thousands of local
/// times, and asking the zone each time (`secondsFromGMT(for:)`) costs more than the rest of a cell.
struct ZoneOffsets: Sendable {
    /// Offsets in force from each instant on, oldest first; the first one covers everything from `start`.
    private var spans: [(from: Int, offset: Int)] = []
    private var start = 0
    private var end = 0
    private let zone: TimeZone

    init(zone: TimeZone, around now: Int) {
        self.zone = zone
        start = now - 550 * 86400
        end = now + 31 * 86400
        var at = Date(timeIntervalSince1970: TimeInterval(start))
        spans.append((start, zone.secondsFromGMT(for: at)))
        while let next = zone.nextDaylightSavingTimeTransition(after: at), next.timeIntervalSince1970 < TimeInterval(end) {
            spans.append((Int(next.timeIntervalSince1970.rounded(.up)), zone.secondsFromGMT(for: next)))
            at = next
        }
    }

    /// The zone's offset at `seconds` since 1970: from the table inside its range, else from the zone.
    func offset(at seconds: Int) -> Int {
        guard seconds >= start, seconds < end else { return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))) }
        var offset = spans[0].offset
        for span in spans where span.from <= seconds { offset = span.offset }
        return offset
    }
}
