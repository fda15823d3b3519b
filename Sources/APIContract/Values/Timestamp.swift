/// RFC 3339 instants and ISO 8601 durations, as the API writes them (`2025-04-16T22:02:16Z`, `PT3H15M`).
///
/// Hand-rolled civil-date arithmetic (Howard Hinnant's algorithm) keeps generation allocation-light and free of
/// locale or time-zone state.
package enum Timestamp {
    /// Seconds since 1970 for a UTC civil date and time.
    package static func epoch(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return days * 86400 + hour * 3600 + minute * 60 + second
    }

    /// The civil date and time of `seconds` since 1970 (UTC, or local time when the offset is added first).
    package static func civil(_ seconds: Int) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secs = seconds - days * 86400
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, secs / 3600, secs / 60 % 60, secs % 60)
    }

    /// `2025-04-16T22:02:16Z`: written byte by byte into the string's own storage (a year of history rows formats
    /// one a row; interpolation cost a microsecond and more each).
    package static func format(_ seconds: Int) -> String {
        let t = civil(seconds)
        guard (0...9999).contains(t.year) else {
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(t.year)-\(two(t.month))-\(two(t.day))T\(two(t.hour)):\(two(t.minute)):\(two(t.second))Z"
        }
        return String(unsafeUninitializedCapacity: 20) { bytes in
            func put(_ n: Int, _ count: Int, at index: Int) {
                var n = n
                for offset in (0..<count).reversed() {
                    bytes[index + offset] = UInt8(48 + n % 10)
                    n /= 10
                }
            }
            put(t.year, 4, at: 0)
            put(t.month, 2, at: 5)
            put(t.day, 2, at: 8)
            put(t.hour, 2, at: 11)
            put(t.minute, 2, at: 14)
            put(t.second, 2, at: 17)
            (bytes[4], bytes[7], bytes[10]) = (UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "T"))
            (bytes[13], bytes[16], bytes[19]) = (UInt8(ascii: ":"), UInt8(ascii: ":"), UInt8(ascii: "Z"))
            return 20
        }
    }

    /// Parses an RFC 3339 instant (`2018-01-01T09:00:00+01:00`, fraction optional) into seconds since 1970.
    package static func parse(_ text: String) -> Int? {
        // Read in place (tables parse two instants a row): no copy of the bytes.
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    private static func parse(bytes chars: UnsafeBufferPointer<UInt8>) -> Int? {
        guard chars.count >= 20 else { return nil }
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var n = 0
            for c in chars[from..<from + count] {
                guard (48...57).contains(c) else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        guard let year = num(0, 4), chars[4] == 45, let month = num(5, 2), chars[7] == 45, let day = num(8, 2),
            chars[10] | 0x20 == UInt8(ascii: "t"), let hour = num(11, 2), chars[13] == 58, let minute = num(14, 2),
            chars[16] == 58, let second = num(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        if i < chars.count, chars[i] == 46 {
            i += 1
            let start = i
            while i < chars.count, (48...57).contains(chars[i]) { i += 1 }
            guard i > start else { return nil }
        }
        guard i < chars.count else { return nil }
        var offset = 0
        if chars[i] | 0x20 == UInt8(ascii: "z") {
            i += 1
        } else if chars[i] == 43 || chars[i] == 45 {
            guard let oh = num(i + 1, 2), i + 3 < chars.count, chars[i + 3] == 58, let om = num(i + 4, 2), oh < 24, om < 60
            else { return nil }
            offset = (oh * 3600 + om * 60) * (chars[i] == 45 ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == chars.count else { return nil }
        return epoch(year: year, month: month, day: day, hour: hour, minute: minute, second: second) - offset
    }

    /// Durations above 1000 years are refused rather than risk overflowing date arithmetic.
    private static let maxDuration = 1000 * 365 * 86400

    /// Parses an ISO 8601 duration (`P3Y6M4DT12H30M5S`, `PT04H30M`, `P2W`) into seconds (a month is 30 days, a year
    /// 365), or nil when malformed.
    package static func duration(_ text: String) -> Int? {
        var rest = Substring(text)
        guard rest.first == "P", rest.count > 1 else { return nil }
        rest = rest.dropFirst()
        var total = 0
        var inTime = false
        var number = ""
        var sawUnit = false
        for c in rest {
            if c.isASCII, c.isNumber {
                number.append(c)
                continue
            }
            if c == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            guard let n = Int(number) else { return nil }
            number = ""
            let unit: Int? =
                switch (c, inTime) {
                case ("Y", false): 365 * 86400
                case ("M", false): 30 * 86400
                case ("W", false): 7 * 86400
                case ("D", false): 86400
                case ("H", true): 3600
                case ("M", true): 60
                case ("S", true): 1
                default: nil
                }
            guard let unit else { return nil }
            let (part, overflow) = n.multipliedReportingOverflow(by: unit)
            guard !overflow, part <= maxDuration - total else { return nil }
            total += part
            sawUnit = true
        }
        return number.isEmpty && sawUnit ? total : nil
    }

    /// `PT3H15M` for 11,700 seconds; `PT0S` for zero.
    package static func formatDuration(_ seconds: Int) -> String {
        guard seconds > 0 else { return "PT0S" }
        var out = "PT"
        if seconds >= 3600 { out += "\(seconds / 3600)H" }
        if seconds % 3600 >= 60 { out += "\(seconds % 3600 / 60)M" }
        if seconds % 60 > 0 { out += "\(seconds % 60)S" }
        return out
    }
}
