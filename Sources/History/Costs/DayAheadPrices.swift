import APIContract
import Foundation

/// Reads the hourly (or quarter-hourly) prices of a day-ahead market export, for a dynamic tariff
/// (`tariff import NAME prices.csv`; the format is in docs/history.md, "Dynamic prices"):
///
/// - a header line, then one line a price; cells separated by `,` (or `;`, then `,` may be the decimal mark), quoted
///   or not;
/// - the time is the first column (or the first whose header says time, date, start or MTU): an RFC 3339 instant
///   (`2026-11-01T00:00:00+01:00`), a local time (`2026-11-01 00:00`, `01.11.2026 00:00`) in the zone given, or an
///   ENTSO-E range (`01.11.2026 00:00 - 01.11.2026 01:00`);
/// - the price is the first column whose header says price (else the second): per MWh when the header says `MWh`,
///   in cents when it says `ct` or `cent`, else per kWh; `n/e` or an empty cell is no price;
/// - a price lasts until its range's end, else the next line's start, else as long as the one before it (an hour for
///   a lone line). A local hour written twice (the night summer time ends) is the earlier one, then the later.
package enum DayAheadPrices {
    package static func parse(_ text: String, zone: TimeZone) -> Result<[PriceSchedule.MarketPrice], TariffError> {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().filter {
            !$0.element.trimmingCharacters(in: .whitespaces).isEmpty
        }
        guard let header = lines.first else { return .failure(TariffError("the file is empty", hint: "see docs/history.md, \"Dynamic prices\"")) }
        let separator: Character = header.element.contains(";") ? ";" : ","
        let names = cells(header.element, separator).map { $0.lowercased() }
        let timeColumn = names.firstIndex { name in ["time", "date", "start", "mtu"].contains { name.contains($0) } } ?? 0
        guard let priceColumn = names.firstIndex(where: { $0.contains("price") }) ?? (names.count > 1 ? 1 : nil) else {
            return .failure(TariffError("line 1: no price column", hint: "the header names a column `price`, or the price is the second column"))
        }
        let unit = names[priceColumn]
        let divisor = unit.contains("mwh") ? 1000.0 : unit.contains("ct") || unit.contains("cent") ? 100.0 : 1.0
        var rows: [(start: Int, end: Int?, price: Double)] = []
        for (index, line) in lines.dropFirst() {
            let row = cells(line, separator)
            let number = index + 1
            guard row.count > max(timeColumn, priceColumn) else {
                return .failure(TariffError("line \(number): \(row.count) cells, the header has \(names.count)"))
            }
            var priceText = row[priceColumn].trimmingCharacters(in: .whitespaces)
            if priceText.isEmpty || priceText.lowercased() == "n/e" { continue }
            if separator == ";" { priceText = priceText.replacingOccurrences(of: ",", with: ".") }
            guard let price = Double(priceText), price.isFinite else {
                return .failure(TariffError("line \(number): '\(priceText)' is not a price", hint: "write a number, e.g. 87.5"))
            }
            guard let (start, end) = interval(row[timeColumn], zone: zone, after: rows.last?.start) else {
                return .failure(
                    TariffError(
                        "line \(number): '\(row[timeColumn])' is not a time",
                        hint: "write 2026-11-01T00:00:00+01:00, or 2026-11-01 00:00 with --zone (local time)"))
            }
            if let last = rows.last, start <= last.start {
                return .failure(TariffError("line \(number): \(Timestamp.format(start)) is not after the line before", hint: "sort the file by time"))
            }
            rows.append((start, end, price / divisor))
        }
        var prices: [PriceSchedule.MarketPrice] = []
        for (index, row) in rows.enumerated() {
            let next = index + 1 < rows.count ? rows[index + 1].start : nil
            let length = prices.last.map { $0.end - $0.start } ?? 3600
            prices.append(PriceSchedule.MarketPrice(start: row.start, end: row.end ?? next ?? row.start + length, price: row.price))
        }
        return .success(prices)
    }

    /// A line's cells, quotes taken off.
    private static func cells(_ line: Substring, _ separator: Character) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
            } else if character == separator, !quoted {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
        }
        cells.append(cell)
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A time cell as seconds since 1970, with the end it names when it is a range.
    private static func interval(_ text: String, zone: TimeZone, after previous: Int?) -> (Int, Int?)? {
        let parts = text.components(separatedBy: " - ")
        if parts.count == 2 {
            guard let start = instant(parts[0], zone: zone, after: previous), let end = instant(parts[1], zone: zone, after: start) else {
                return nil
            }
            return (start, end)
        }
        return instant(text, zone: zone, after: previous).map { ($0, nil) }
    }

    /// An instant: RFC 3339 with its offset, else a local time in `zone` (the first of its two readings later than
    /// `after`, the night summer time ends).
    private static func instant(_ text: String, zone: TimeZone, after: Int?) -> Int? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let exact = Timestamp.parse(text) { return exact }
        guard let local = localSeconds(text) else { return nil }
        let readings = Set(
            [-14 * 3600, 14 * 3600].map { zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local + $0))) }
        ).map { local - $0 }.filter { zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double($0))) == local - $0 }.sorted()
        return readings.first { after == nil || $0 > after ?? 0 } ?? readings.first
    }

    /// `2026-11-01 00:00`, `2026-11-01T00:00:00`, `01.11.2026 00:00` or `01/11/2026 00:00` as seconds since 1970 of
    /// a UTC clock (the local clock's reading).
    private static func localSeconds(_ text: String) -> Int? {
        let halves = text.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
        guard halves.count == 2 else { return nil }
        let date = halves[0].split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "/" }).compactMap { Int($0) }
        let clock = halves[1].split(separator: ":").compactMap { Int($0) }
        guard date.count == 3, (2...3).contains(clock.count) else { return nil }
        let (year, month, day) = halves[0].contains("-") ? (date[0], date[1], date[2]) : (date[2], date[1], date[0])
        guard (1...12).contains(month), (1...31).contains(day), (0...24).contains(clock[0]), (0..<60).contains(clock[1]) else { return nil }
        return Timestamp.epoch(year: year, month: month, day: day, hour: clock[0], minute: clock[1], second: clock.count == 3 ? clock[2] : 0)
    }
}
