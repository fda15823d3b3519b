import APIContract
import Foundation
import Shell

/// `--since T` and `--until T` on the collections the API filters by time (alerts, trips, collisions,
/// telemetry): one `timestamps=SINCE/UNTIL` interval (docs/api.md §9). T is an RFC 3339 instant
/// (`2026-11-01T08:00:00Z`), a date (`2026-11-01`, midnight UTC), or an age (`90m`, `12h`, `7d`, `2w` ago).
enum TimeWindow {
    static func flags(on signature: Signature) -> Signature {
        signature
            .flag("since", .string, "Only from this time: 2026-11-01T08:00:00Z, 2026-11-01, or an age like 12h, 7d, 2w.")
            .flag("until", .string, "Only up to this time (same forms as --since).")
    }

    /// The `timestamps` query parameter, or nil when neither flag is given; ages count back from `now` (the
    /// server's, ``ServerClock``).
    static func query(_ call: Call, now: Date) throws -> (name: String, value: String?)? {
        let (since, until) = try bounds(call, now: now)
        guard since != nil || until != nil else { return nil }
        return ("timestamps", (since.map(Timestamp.format) ?? "") + "/" + (until.map(Timestamp.format) ?? ""))
    }

    /// `--since` and `--until` as seconds since 1970 (nil where not given); ages count back from `now`.
    static func bounds(_ call: Call, now: Date) throws -> (since: Int?, until: Int?) {
        let since = try instant(call, "since", now: now)
        let until = try instant(call, "until", now: now)
        if let since, let until, since > until {
            throw call.error("--since is after --until", hint: "the window runs from --since to --until", argument: "since", code: .badArgument)
        }
        return (since, until)
    }

    /// Seconds since 1970 for one flag's value.
    private static func instant(_ call: Call, _ flag: String, now: Date) throws -> Int? {
        guard let text = call.string(flag) else { return nil }
        if let seconds = Timestamp.parse(text) { return seconds }
        if let seconds = Timestamp.parse(text + "T00:00:00Z") { return seconds }
        let units: [Character: Int] = ["m": 60, "h": 3600, "d": 86400, "w": 604_800]
        if let unit = text.last.flatMap({ units[$0] }), let count = Int(text.dropLast()), count >= 0 {
            return Int(now.timeIntervalSince1970) - count * unit
        }
        throw call.error(
            "--\(flag) '\(text)' is not a time", hint: "write 2026-11-01T08:00:00Z, 2026-11-01, or an age like 12h, 7d, 2w", argument: flag,
            code: .badArgument)
    }
}
