/// The kinds of monitor trigger (docs/api.md §10): each is the key that holds it in a trigger object. One type from
/// ccsh's flags (`--zone`, `--time`, `--data`) through validation to the sandbox's evaluation; a switch over it is
/// exhaustive, so a new kind is a compile error wherever it is not handled yet, and a key that is no kind is refused
/// by name.
package enum TriggerKind: String, CaseIterable, Sendable {
    case zone, time, data

    /// `zone, time, data`, for messages.
    package static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// One trigger of a monitor, read from its body: what the sandbox evaluates. Lenient where the API is (a zone's
/// `place` or the older docs' `circle`); the validator says what is wrong with a trigger this cannot read.
package enum MonitorTrigger: Sendable {
    case zone(Zone)
    /// The time trigger's body (`times`, and `timeZone` or `time.zone`), which the evaluator reads into windows.
    case time(JSON)
    case data(Data)

    /// True while the car is outside (`Out`) or inside (`In`) the circle.
    package struct Zone: Sendable {
        package var latitude: Double
        package var longitude: Double
        package var radiusKm: Double
        package var outside: Bool
    }

    /// The datum, its test and operands, and the test of the value it had before (4.17 `previous`).
    package struct Data: Sendable {
        package var data: String
        package var op: String
        package var operands: [String]
        package var previous: (op: String, operands: [String])?
    }

    package var kind: TriggerKind {
        switch self {
        case .zone: .zone
        case .time: .time
        case .data: .data
        }
    }

    /// The trigger of a trigger object (`{name, zone | time | data}`); nil when it holds no readable kind.
    package init?(_ item: JSON) {
        guard let kind = TriggerKind.allCases.first(where: { item[$0.rawValue] != nil }), let body = item[kind.rawValue] else { return nil }
        switch kind {
        case .zone:
            let shape = body["place"] ?? body["circle"]
            guard let latitude = shape?["center"]?["latitude"]?.number, let longitude = shape?["center"]?["longitude"]?.number,
                let radius = shape?["radius"]?.number
            else { return nil }
            self = .zone(Zone(latitude: latitude, longitude: longitude, radiusKm: radius, outside: body["transition"]?.string == "Out"))
        case .time:
            self = .time(body)
        case .data:
            guard let name = body["data"]?.string, let op = body["op"]?.string else { return nil }
            let operands = body["value"]?.array?.compactMap { $0.string ?? $0.number.map { String($0) } } ?? []
            let previous = body["previous"].flatMap { p in p["op"]?.string.map { ($0, p["value"]?.array?.compactMap(\.string) ?? []) } }
            self = .data(Data(data: name, op: op, operands: operands, previous: previous))
        }
    }
}
