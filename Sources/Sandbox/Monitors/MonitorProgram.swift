import APIContract

/// A stored monitor made ready to evaluate many times: its triggers by name, their bool expression, its reminder
/// period and the extensions its events carry. Built from the body the API accepted (v4.0 or 4.17, including
/// v4.0's deprecated `dataTriggers`/`timeZoneTriggers`, which are all ANDed).
struct MonitorProgram: Sendable {
    /// One trigger's test: a ``MonitorTrigger`` with its time windows read.
    enum Trigger: Sendable {
        /// True while the car is outside (`Out`) or inside (`In`) the circle.
        case zone(center: GeoPoint, radiusKm: Double, outside: Bool)
        case time(TimeWindows)
        case data(MonitorTrigger.Data)
    }

    /// The bool expression with trigger names replaced by their positions in ``triggers``.
    indirect enum Expression: Sendable {
        case operand(Int)
        case not(Expression)
        case and(Expression, Expression)
        case or(Expression, Expression)

        init(_ expression: BoolExpression, names: [String]) {
            switch expression {
            case .operand(let name): self = .operand(names.firstIndex(of: name) ?? -1)
            case .not(let e): self = .not(Expression(e, names: names))
            case .and(let a, let b): self = .and(Expression(a, names: names), Expression(b, names: names))
            case .or(let a, let b): self = .or(Expression(a, names: names), Expression(b, names: names))
            }
        }

        func evaluate(_ truth: [Bool]) -> Bool {
            switch self {
            case .operand(let n): truth.indices.contains(n) && truth[n]
            case .not(let e): !e.evaluate(truth)
            case .and(let a, let b): a.evaluate(truth) && b.evaluate(truth)
            case .or(let a, let b): a.evaluate(truth) || b.evaluate(truth)
            }
        }
    }

    var triggers: [(name: String, trigger: Trigger)]
    var expression: Expression
    /// Seconds between reminders while the expression stays true (`refreshEvent`).
    var refresh: Int?
    var extensions: [String]

    init?(_ record: MonitorStore.Record) {
        let parameter = record.parameter
        let triggerParam = parameter["triggerParam"]
        var triggers: [(String, Trigger)] = []
        if let list = triggerParam?["triggers"]?.array {
            for item in list {
                guard let name = item["name"]?.string, let trigger = Self.trigger(item, madeAt: record.createdAt) else { return nil }
                triggers.append((name, trigger))
            }
            guard let text = triggerParam?["boolExp"]?.string ?? triggerParam?["bool.exp"]?.string,
                let expression = try? BoolExpression.parse(text)
            else { return nil }
            self.expression = Expression(expression, names: triggers.map(\.0))
        } else {
            for (n, data) in (triggerParam?["dataTriggers"]?.array ?? []).enumerated() {
                guard let trigger = Self.trigger(.obj(["data": data]), madeAt: record.createdAt) else { return nil }
                triggers.append(("data\(n)", trigger))
            }
            let timeZone = triggerParam?["timeZoneTriggers"]
            for key in ["timeTrigger", "zoneTrigger"] {
                guard let value = timeZone?[key] else { continue }
                guard let trigger = Self.trigger(.obj([key == "timeTrigger" ? "time" : "zone": value]), madeAt: record.createdAt) else { return nil }
                triggers.append((key, trigger))
            }
            guard !triggers.isEmpty else { return nil }
            expression = (1..<triggers.count).reduce(.operand(0)) { .and($0, .operand($1)) }
        }
        self.triggers = triggers
        refresh = parameter["subscribeParam"]?["refreshEvent"]?.number.map { Int($0) }
        extensions = parameter["extendedEventParam"]?.array?.compactMap(\.string) ?? []
    }

    private static func trigger(_ item: JSON, madeAt: Int) -> Trigger? {
        switch MonitorTrigger(item) {
        case .zone(let zone)?: .zone(center: GeoPoint(lon: zone.longitude, lat: zone.latitude), radiusKm: zone.radiusKm, outside: zone.outside)
        case .time(let body)?: .time(TimeWindows(body, madeAt: madeAt))
        case .data(let data)?: .data(data)
        case nil: nil
        }
    }
}
