import APIContract
import Client
import Foundation
import History
import Shell

/// `watch status REF --every 5m [--fields a,b] [--for 2h]`: reads a car's status every period of the server's clock
/// and gives one record per reading that changed something — `{at, changed, from, to}` — and none while nothing
/// changes, as a lazy stream, until Ctrl-C or `--for`. At the end of a statement it is live: at a terminal a card of
/// the car's watched figures is drawn over itself at each change, in a pipe one JSON line a change. One GET a
/// period, never a wake-up; a period under a minute is refused, so that a car watched all day stays within the
/// day quota. A `listen --background` of the shell that receives the car's notifications is followed: one carrying
/// its status is a reading, one without brings the next read forward.
struct WatchCommand: Command {
    let api: APIContext

    /// The fields a reading compares, by name, from the status's own figures (``StatusReading``).
    static let fields: [(name: String, read: @Sendable (StatusReading) -> Value)] = [
        ("electricLevel", { Value.optional($0.electricLevel) }), ("electricRange", { Value.optional($0.electricRange) }),
        ("fuelLevel", { Value.optional($0.fuelLevel) }), ("fuelRange", { Value.optional($0.fuelRange) }),
        ("odometer", { Value.optional($0.odometer) }), ("plugged", { $0.plugged.map(Value.bool) ?? .null }),
        ("chargingStatus", { $0.chargingStatus.map(Value.string) ?? .null }), ("chargingMode", { $0.chargingMode.map(Value.string) ?? .null }),
        ("moving", { $0.moving.map(Value.bool) ?? .null }), ("speed", { Value.optional($0.speed) }),
        ("latitude", { Value.optional($0.position?.latitude) }), ("longitude", { Value.optional($0.position?.longitude) }),
        ("outsideTemperature", { Value.optional($0.outsideTemperature) }), ("preconditioning", { $0.preconditioning.map(Value.bool) ?? .null }),
    ]

    static let shortest = 60.0

    var signature: Signature {
        Signature("watch status", summary: "Watch a car's status: one record each time something changes, until Ctrl-C.")
            .required("vehicle", .vehicle)
            .flag("every", .string, "How often to read, on the server's clock: 1m at least (default 5m).")
            .flag("fields", .string, "Only these fields, comma-separated: " + Self.fields.map(\.name).joined(separator: ", ") + ".")
            .flag("for", .string, "Stop after this long on the server's clock (e.g. 2h); default: until Ctrl-C.")
            .example("watch status 0 --every 1m --for 3m | count", "How many changes the first car made in three minutes.")
            .output("list of records (lazy): at, changed, from, to")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let vehicle = try VehicleArgument.id(call, input: input, api: api)
        let every = try duration(call, "every") ?? 300
        guard every >= Self.shortest else {
            throw call.error(
                "--every \(call.string("every") ?? "") is under a minute", hint: "read at most once a minute: the API's day quota is shared",
                argument: "every", code: .badArgument)
        }
        let wanted = try fields(call)
        let session = try api.session
        let clock = session.serverClock
        let lasting = try duration(call, "for")
        // Counted from the first reading, when the server has said its time.
        var end: Double?
        ActedOnCar(api: api).say("watching every \(Int(every)) s", [vehicle], context: context)
        let interpreter = context.interpreter
        var previous: [String: Value]?
        var next = 0.0
        var lastRead = 0.0
        let card = WatchCard(car: ActedOnCar(api: api).words(vehicle), every: every, fields: wanted.map(\.name))
        // A `listen --background` of the shell: a notification about the car carrying its status is a reading; one
        // without makes the next read come now (a minute after the last at the soonest).
        let inbox = api.listeners.isEmpty ? nil : RecordInbox(own: nil, watching: Array(api.listeners.values))
        let vin = api.vehicles.entries.first { $0.id == vehicle }?.vin
        /// The change `reading` makes, if any; it becomes the one compared next.
        func change(_ reading: StatusReading) -> Value? {
            let now = Dictionary(uniqueKeysWithValues: wanted.map { ($0.name, $0.read(reading)) })
            card.current = now
            defer { previous = now }
            guard let before = previous else { return nil }
            let changed = wanted.map(\.name).filter { before[$0] != now[$0] }
            guard !changed.isEmpty else { return nil }
            let at = reading.reportedAt ?? Int(clock.now.timeIntervalSince1970)
            return .record(
                Record([
                    .init(name: "at", value: .string(Timestamp.format(at))), .init(name: "changed", value: .list(changed.map(Value.string))),
                    .init(name: "from", value: .record(Record(changed.map { .init(name: $0, value: before[$0] ?? .null) }))),
                    .init(name: "to", value: .record(Record(changed.map { .init(name: $0, value: now[$0] ?? .null) }))),
                ]))
        }
        let stream = ValueStream {
            while true {
                // Wait for the next reading on the server's clock, looking at Ctrl-C (and the shell's listeners) ten
                // times a second.
                while clock.pacedNow.timeIntervalSince1970 < next {
                    if interpreter.isInterrupted() { return nil }
                    let slice = min(0.1, max(0.001, (next - clock.pacedNow.timeIntervalSince1970) / clock.rate))
                    guard let inbox else {
                        Thread.sleep(forTimeInterval: slice)
                        continue
                    }
                    guard let (notification, _) = inbox.next(timeout: slice), previous != nil,
                        let about = NotificationReading.read(notification).last(where: { vin != nil && $0.vins.contains(vin ?? "") })
                    else { continue }
                    if let status = about.statuses.last {
                        if let changed = change(StatusReading(status)) { return changed }
                    } else {
                        next = min(next, max(clock.pacedNow.timeIntervalSince1970, lastRead + Self.shortest))
                    }
                }
                if interpreter.isInterrupted() || end.map({ next > $0 }) == true { return nil }
                let body = try session.send(APIRequest.get(APIContext.vehiclePath(vehicle, "status"))).body
                lastRead = clock.pacedNow.timeIntervalSince1970
                if end == nil, let lasting { end = lastRead + lasting }
                // The second reading comes two seconds after the first, so that the server clock's pace is
                // measured (a sandbox's world may run faster); then one every period.
                next = lastRead + (previous == nil ? ServerClock.rateBaseline * clock.rate : every)
                if let changed = change(StatusReading(try JSONParser.parse(body))) { return changed }
            }
        }
        stream.live = LiveDisplay { change, presentation in card.lines(change, presentation) }
        return .stream(stream)
    }

    private func duration(_ call: Call, _ flag: String) throws -> Double? {
        guard let text = call.string(flag) else { return nil }
        guard let seconds = DurationText.seconds(text), seconds > 0 else {
            throw call.error("--\(flag) '\(text)' is not a duration", hint: "write 1m, 5m, 2h or PT5M", argument: flag, code: .badArgument)
        }
        return seconds
    }

    private func fields(_ call: Call) throws -> [(name: String, read: @Sendable (StatusReading) -> Value)] {
        guard let text = call.string("fields") else { return Self.fields }
        return try text.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let field = Self.fields.first(where: { $0.name == name }) else {
                let near = Suggestion.nearest(to: name, in: Self.fields.map(\.name)).map { "did you mean '\($0)'? " } ?? ""
                throw call.error(
                    "no field '\(name)' to watch", hint: near + "fields: " + Self.fields.map(\.name).joined(separator: ", "), argument: "fields",
                    code: .badArgument)
            }
            return field
        }
    }
}

extension Value {
    /// A number, or null.
    fileprivate static func optional(_ number: Double?) -> Value { number.map(Value.double) ?? .null }
}

/// The card `watch` draws over itself at a terminal: the car, and each watched figure as the latest reading has it,
/// those of the latest change with what they were.
final class WatchCard {
    let car: String
    let every: Double
    let fields: [String]
    /// Every watched figure at the latest reading.
    var current: [String: Value] = [:]

    init(car: String, every: Double, fields: [String]) {
        self.car = car
        self.every = every
        self.fields = fields
    }

    /// The card after `change` (`{at, changed, from, to}`).
    func lines(_ change: Value, _ presentation: Presentation) -> [String] {
        let record = change.recordValue
        let changed = Set((record?.at("changed")?.listItems ?? []).compactMap(\.stringValue))
        let at = record?.string("at").flatMap(Instant.init)?.text(presentation) ?? ""
        var lines = [presentation.paint(car, .title), "changed \(at) · read every \(Units.duration(seconds: Int(every)))"]
        let width = (fields.map(\.count).max() ?? 0) + 2
        for field in fields {
            let value = Self.words(field, current[field] ?? .null)
            let title = field.padding(toLength: width, withPad: " ", startingAt: 0)
            guard changed.contains(field) else {
                lines.append(title + value)
                continue
            }
            let before = Self.words(field, record?.at("from.\(field)") ?? .null)
            lines.append(presentation.paint(title + value, .warning) + "  (was \(before))")
        }
        return lines
    }

    /// A figure in words, with its unit.
    static func words(_ field: String, _ value: Value) -> String {
        guard let number = value.number else { return value == .null ? "–" : value.text }
        let unit =
            field.hasSuffix("Level")
            ? "%"
            : field.hasSuffix("Range") || field == "odometer"
                ? "km"
                : field == "speed"
                    ? "km/h"
                    : field == "outsideTemperature" ? "°C" : nil
        return Units.number(number, digits: field == "latitude" || field == "longitude" ? 5 : field == "odometer" ? 1 : 0, unit: unit)
    }
}
