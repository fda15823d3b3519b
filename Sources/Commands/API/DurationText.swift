import APIContract

/// A duration as users write one on a command line (`sandbox advance`, `listen --timeout`, `remote --timeout`).
enum DurationText {
    /// `90s`, `30m`, `2h`, `1d`, a plain number of seconds, or ISO 8601 (`PT1H`) → seconds; nil otherwise.
    static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        if let unit = text.last.flatMap({ units[$0] }), let count = Double(text.dropLast()), count >= 0 { return count * unit }
        if let seconds = Double(text), seconds >= 0 { return seconds }
        return text.uppercased().hasPrefix("P") ? Timestamp.duration(text.uppercased()).map(Double.init) : nil
    }

    /// `seconds` as the flags read it back: `10m`, or `90s` when not whole minutes.
    static func text(seconds: Int) -> String { seconds % 60 == 0 ? "\(seconds / 60)m" : "\(seconds)s" }
}
