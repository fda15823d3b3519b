import APIContract

/// How quantities read for people: durations in hours and minutes, numbers with their unit, the API's enum words
/// as words, levels as bars. Views call these; values stay as the API sent them.
package enum Units {
    /// `2 h 10 min`, `35 min`, `45 s`, `1 d 3 h` from seconds.
    package static func duration(seconds: Int) -> String {
        let s = abs(seconds)
        let sign = seconds < 0 ? "-" : ""
        switch s {
        case ..<60: return "\(sign)\(s) s"
        case ..<3600: return "\(sign)\((s + 30) / 60) min"
        case ..<86400:
            let minutes = (s + 30) / 60
            return minutes % 60 == 0 ? "\(sign)\(minutes / 60) h" : "\(sign)\(minutes / 60) h \(minutes % 60) min"
        default:
            let hours = (s + 1800) / 3600
            return hours % 24 == 0 ? "\(sign)\(hours / 24) d" : "\(sign)\(hours / 24) d \(hours % 24) h"
        }
    }

    /// A duration from seconds (int) or an ISO 8601 string; nil when it is neither.
    package static func duration(_ value: Value) -> String? {
        switch value {
        case .int(let seconds): duration(seconds: seconds)
        case .double(let seconds): duration(seconds: Int(seconds.rounded()))
        case .string(let text): Timestamp.duration(text).map { duration(seconds: $0) }
        default: nil
        }
    }

    /// `30.5 km`, `48 %`: a number with `digits` decimals (fewer when they are zeros and `trimmed`), and its unit.
    package static func number(_ value: Double, digits: Int, unit: String? = nil, trimmed: Bool = false) -> String {
        guard trimmed else {
            return TextWriter.text(capacity: TextWriter.numberCapacity + 1 + (unit?.utf8.count ?? 0)) { text in
                text.fixed(value, digits: digits)
                guard let unit, !unit.isEmpty else { return }
                text.write(UInt8(ascii: " "))
                text.write(unit)
            }
        }
        var text = fixed(value, digits: digits)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        guard let unit, !unit.isEmpty else { return text }
        return text + " " + unit
    }

    /// `value` with exactly `digits` decimals, without Foundation's formatter: digits written into a buffer on the
    /// stack (tables format tens of thousands of numbers).
    package static func fixed(_ value: Double, digits: Int) -> String {
        TextWriter.text(capacity: TextWriter.numberCapacity) { $0.fixed(value, digits: digits) }
    }

    /// The API's enum words as words: `InProgress` → `in progress`, `RearDoorsLocked` → `rear doors locked`;
    /// runs of capitals stay (`GPS`, `3D`).
    package static func words(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) || text.contains("_") else { return text }
        let characters = Array(text)
        var result = ""
        for (n, character) in characters.enumerated() {
            if character == "_" {
                result.append(" ")
                continue
            }
            let previous = n > 0 ? characters[n - 1] : nil
            let next = n + 1 < characters.count ? characters[n + 1] : nil
            let startsWord =
                character.isUppercase && previous != nil
                && (previous?.isLowercase == true || (previous?.isUppercase == true && next?.isLowercase == true))
            if startsWord, result.last != " " { result.append(" ") }
            let inAcronym = character.isUppercase && (previous?.isUppercase == true || next?.isUppercase == true || next?.isNumber == true)
            result.append(inAcronym ? character : Character(character.lowercased()))
        }
        return result
    }

    /// A bar for a level out of 100: `▮▮▮▯▯▯▯▯▯▯` (or `###-------` in ASCII), `cells` long.
    package static func bar(_ level: Double, cells: Int = 10, unicode: Bool) -> String {
        let filled = max(0, min(cells, Int((level / 100 * Double(cells)).rounded())))
        let (on, off) = unicode ? ("▮", "▯") : ("#", "-")
        return String(repeating: on, count: filled) + String(repeating: off, count: cells - filled)
    }

    /// A compass point for a heading in degrees: `N`, `NE`, `SSW`.
    package static func compass(_ degrees: Double) -> String {
        let points = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"]
        let index = Int(((degrees.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360) / 22.5).rounded()) % 16
        return points[index]
    }

    /// `45.07812, 7.69873` (latitude first, as people read them) from GeoJSON's `[lon, lat, alt]`.
    package static func coordinates(longitude: Double, latitude: Double, digits: Int = 5) -> String {
        TextWriter.text(capacity: 2 * TextWriter.numberCapacity + 2) { $0.coordinates(longitude: longitude, latitude: latitude, digits: digits) }
    }
}
