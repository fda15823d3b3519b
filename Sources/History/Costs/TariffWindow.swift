/// A time window of a time-of-use tariff and its price a kWh, written `[DAYS] [HH:MM-HH:MM] PRICE`:
/// `22:00-06:00 0.1696` (every night), `sat-sun 0.17` (whole weekend days), `mon-fri 17:00-20:00 0.35`,
/// `mon,wed,fri 07:00-09:00 0.30`. Days are `mon` … `sun`, a range or a comma list; a window that ends before it
/// starts runs past midnight into the next day (it belongs to the day it starts on). Local time of the tariff's
/// zone.
package struct TariffWindow: Equatable, Sendable {
    /// The days it starts on, 0 for Monday.
    package var days: Set<Int>
    /// Minutes after local midnight.
    package var from: Int
    /// Minutes after local midnight; `to == from` is the whole day.
    package var to: Int
    package var price: Double

    package init(days: Set<Int> = Set(0..<7), from: Int = 0, to: Int = 0, price: Double) {
        self.days = days
        self.from = from
        self.to = to
        self.price = price
    }

    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let week = 7 * 1440

    /// Its length in minutes.
    var minutes: Int { to == from ? 1440 : (to - from + 1440) % 1440 }

    /// Whether minute `minute` of the local week (0: Monday 00:00) is inside it.
    func holds(minuteOfWeek minute: Int) -> Bool {
        days.contains { day in ((minute - (day * 1440 + from)) % Self.week + Self.week) % Self.week < minutes }
    }

    /// The minutes of the week where it starts or ends.
    var edges: [Int] {
        days.flatMap { day in [day * 1440 + from, (day * 1440 + from + minutes) % Self.week] }
    }

    /// Parses `[DAYS] [HH:MM-HH:MM] PRICE`; the error says what is wrong.
    package static func parse(_ text: String) -> Result<TariffWindow, TariffError> {
        let words = text.split(separator: " ").map(String.init)
        guard let last = words.last, let price = Double(last), price.isFinite else {
            return .failure(TariffError("window '\(text)' does not end with its price", hint: "write e.g. \"mon-fri 22:00-06:00 0.17\""))
        }
        var window = TariffWindow(price: price)
        for word in words.dropLast() {
            if word.first?.isNumber == true {
                let ends = word.split(separator: "-", omittingEmptySubsequences: false).map { minutes(String($0)) }
                guard ends.count == 2, let from = ends[0], let to = ends[1] else {
                    return .failure(TariffError("'\(word)' in window '\(text)' is not HH:MM-HH:MM", hint: "write e.g. 22:00-06:00"))
                }
                (window.from, window.to) = (from, to)
            } else {
                guard let days = days(word) else {
                    return .failure(
                        TariffError(
                            "'\(word)' in window '\(text)' is not a set of days", hint: "write mon … sun, a range (mon-fri) or a list (sat,sun)"))
                }
                window.days = days
            }
        }
        return .success(window)
    }

    /// The window as written (`parse` reads it back).
    package var text: String {
        var words: [String] = []
        if days.count < 7 { words.append(Self.daysText(days)) }
        if !(from == 0 && to == 0) { words.append(Self.clock(from) + "-" + Self.clock(to)) }
        words.append(TariffNumber.text(price))
        return words.joined(separator: " ")
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...24).contains(hour),
            (0..<60).contains(minute), hour * 60 + minute <= 1440
        else { return nil }
        return (hour * 60 + minute) % 1440
    }

    private static func days(_ text: String) -> Set<Int>? {
        var days: Set<Int> = []
        for part in text.lowercased().split(separator: ",") {
            let ends = part.split(separator: "-").map { dayNames.firstIndex(of: String($0)) }
            switch ends.count {
            case 1:
                guard let day = ends[0] else { return nil }
                days.insert(day)
            case 2:
                guard let first = ends[0], let last = ends[1] else { return nil }
                var day = first
                while true {
                    days.insert(day)
                    if day == last { break }
                    day = (day + 1) % 7
                }
            default: return nil
            }
        }
        return days.isEmpty ? nil : days
    }

    private static func daysText(_ days: Set<Int>) -> String {
        days.sorted().map { dayNames[$0] }.joined(separator: ",")
    }

    private static func clock(_ minutes: Int) -> String {
        let hour = String(minutes / 60)
        let minute = String(minutes % 60)
        return (hour.count < 2 ? "0" : "") + hour + ":" + (minute.count < 2 ? "0" : "") + minute
    }
}

/// A tariff that cannot be read or used, with how to fix it.
package struct TariffError: Error, Equatable, Sendable {
    package var message: String
    package var hint: String?

    package init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Prices written back as the user would: `0.17`, not `0.17000000000000001`.
package enum TariffNumber {
    package static func text(_ value: Double) -> String {
        let text = String(value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
