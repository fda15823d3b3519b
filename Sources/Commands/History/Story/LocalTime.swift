import APIContract
import Foundation
import Shell

/// The days and months of a time zone, as the story's commands total them (`--zone`, else this machine's zone), and
/// their figures rounded for showing.
enum LocalTime {
    /// The `--zone` flag's help, for `what`.
    static func help(_ what: String) -> String { "The time zone of \(what), an IANA name (default: this machine's)." }

    /// `--zone`, else this machine's.
    static func zone(_ call: Call) throws -> TimeZone {
        guard let name = call.string("zone") else { return .current }
        guard let zone = TimeZone(identifier: name) else {
            throw call.error("'\(name)' is not a time zone", hint: "write an IANA name: Europe/Paris", argument: "zone", code: .badArgument)
        }
        return zone
    }

    /// `2026-11-03`: the day of `time` (seconds since 1970) in `zone`.
    static func day(_ time: Int, _ zone: TimeZone) -> String { String(local(time, zone).prefix(10)) }

    /// `2026-11`: the month of `time` in `zone`.
    static func month(_ time: Int, _ zone: TimeZone) -> String { String(local(time, zone).prefix(7)) }

    private static func local(_ time: Int, _ zone: TimeZone) -> String {
        Timestamp.format(time + zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(time))))
    }

    /// `value` rounded to `places` (100: hundredths), null when not known.
    static func rounded(_ value: Double?, _ places: Double = 100) -> Value { value.map { .double(($0 * places).rounded() / places) } ?? .null }
}
