import Foundation
import Shell

/// The small syntaxes of the builder flags (`--zone home:in:48.85,2.35:0.5`), each turned into the JSON the API
/// expects. Only the shape is checked here; the values (a radius above 0, a known datum) are the API's rules,
/// checked on the whole body afterwards.
extension MonitorBuilder {
    private static func refuse(_ bound: Call.Bound, _ flag: String, _ format: String, example: String) -> ShellError {
        ShellError(
            .badArgument, "--\(flag) '\(bound.value.text)' is not \(format)", hint: "for example: --\(flag) \(example)", at: bound.range)
    }

    /// `NAME:in|out:LAT,LON:RADIUS_KM` → `{name, zone: {transition, place: {center: {latitude, longitude}, radius}}}`.
    static func zone(_ bound: Call.Bound) throws -> Record {
        let refusal = refuse(bound, "zone", "NAME:in|out:LAT,LON:RADIUS_KM", example: "outOfParis:out:48.866667,2.333333:20")
        let parts = bound.value.text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, !parts[0].isEmpty else { throw refusal }
        let transition: Value
        switch parts[1].lowercased() {
        case "in": transition = "In"
        case "out": transition = "Out"
        default:
            throw ShellError(
                .badArgument, "--zone '\(bound.value.text)': '\(parts[1])' is not in or out",
                hint: "in fires when the vehicle enters the zone, out when it leaves", at: bound.range)
        }
        let center = parts[2].split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard center.count == 2, let latitude = center[0], let longitude = center[1], let radius = Double(parts[3]) else { throw refusal }
        var place = Record()
        place["center"] = .record(Record([.init(name: "latitude", value: .double(latitude)), .init(name: "longitude", value: .double(longitude))]))
        place["radius"] = number(radius)
        var zone = Record()
        zone["transition"] = transition
        zone["place"] = .record(place)
        return Record([.init(name: "name", value: .string(parts[0])), .init(name: "zone", value: .record(zone))])
    }

    /// `NAME:DAYS:START:DURATION[:TZ]` → `{name, time: {time.zone? (4.17: timeZone), times: [{recurrence: Daily, start, duration,
    /// occurence: {day}}]}}`. DAYS: `Mon`, `Mon,Wed`, `Mon-Fri`, `all`; START and DURATION: `14h30`, `4h`, `90m`
    /// or ISO 8601 (`PT14H30M`).
    static func time(_ bound: Call.Bound, zoneKey: String) throws -> Record {
        let refusal = refuse(bound, "time", "NAME:DAYS:START:DURATION[:TZ]", example: "onMonday:Mon:14h30:4h30:Europe/Paris")
        let parts = bound.value.text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (4...5).contains(parts.count), !parts[0].isEmpty else { throw refusal }
        guard let days = Self.days(parts[1]) else {
            throw ShellError(
                .badArgument, "--time '\(bound.value.text)': '\(parts[1])' is not a list of days",
                hint: "write days as Mon,Tue or a range Mon-Fri, or all", at: bound.range)
        }
        guard let start = isoDuration(parts[2]), let duration = isoDuration(parts[3]) else {
            throw ShellError(
                .badArgument, "--time '\(bound.value.text)': start and duration are written like 14h30, 4h, 90m or PT14H30M",
                hint: "for example: --time onMonday:Mon:14h30:4h30:Europe/Paris", at: bound.range)
        }
        var window = Record()
        window["recurrence"] = "Daily"
        window["start"] = .string(start)
        window["duration"] = .string(duration)
        window["occurence"] = .record(Record([.init(name: "day", value: .list(days.map(Value.string)))]))
        var time = Record()
        if parts.count == 5 { time[zoneKey] = .string(parts[4]) }
        time["times"] = .list([.record(window)])
        return Record([.init(name: "name", value: .string(parts[0])), .init(name: "time", value: .record(time))])
    }

    /// `NAME:DATUM:OP[:VALUE,…]` → `{name, data: {data, op, value?}}`.
    static func data(_ bound: Call.Bound) throws -> Record {
        let refusal = refuse(bound, "data", "NAME:DATUM:OP[:VALUE,…]", example: "batteryIsLow:vehicle.energy.electric.level:lowerThan:50")
        let parts = bound.value.text.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard (3...4).contains(parts.count), !parts[0].isEmpty, !parts[1].isEmpty else { throw refusal }
        let operators = [
            "eq": "equalsTo", "=": "equalsTo", "gt": "greaterThan", ">": "greaterThan", "lt": "lowerThan", "<": "lowerThan", "in": "includedIn",
            "change": "onChange",
        ]
        let op = operators[parts[2]] ?? parts[2]
        var data = Record()
        data["data"] = .string(parts[1])
        data["op"] = .string(op)
        if parts.count == 4 { data["value"] = .list(parts[3].split(separator: ",").map { .string(String($0)) }) }
        return Record([.init(name: "name", value: .string(parts[0])), .init(name: "data", value: .record(data))])
    }

    /// `none`, `bounded[:TRIES:DELAY]`, `always[:TRIES:DELAY]` → `{policy, maxRetryNumber?, retryDelay?}`.
    static func retryPolicy(_ bound: Call.Bound) throws -> Value {
        let refusal = refuse(bound, "retry", "POLICY[:TRIES:DELAY_S] with POLICY none, bounded or always", example: "always:3:120")
        let parts = bound.value.text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let policies = ["none": "None", "bounded": "Bounded", "always": "Always"]
        guard parts.count == 1 || parts.count == 3, let policy = policies[parts[0].lowercased()] else { throw refusal }
        var record = Record([.init(name: "policy", value: .string(policy))])
        if parts.count == 3 {
            guard let tries = Int(parts[1]), let delay = Int(parts[2]) else { throw refusal }
            record["maxRetryNumber"] = .int(tries)
            record["retryDelay"] = .int(delay)
        }
        return .record(record)
    }

    /// `SIZE[:WINDOW]` or `:WINDOW` → `{size?, timeWindow?}`.
    static func batch(_ bound: Call.Bound) throws -> Value {
        let refusal = refuse(bound, "batch", "SIZE[:WINDOW_S]", example: "10:300")
        let parts = bound.value.text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count) else { throw refusal }
        var record = Record()
        if !parts[0].isEmpty {
            guard let size = Int(parts[0]) else { throw refusal }
            record["size"] = .int(size)
        }
        if parts.count == 2 {
            guard let window = Int(parts[1]) else { throw refusal }
            record["timeWindow"] = .int(window)
        }
        guard !record.fields.isEmpty else { throw refusal }
        return .record(record)
    }

    /// `NAME=VALUE` → `{type, key, value}`.
    static func attribute(_ type: String, _ bound: Call.Bound) throws -> Value {
        let text = bound.value.text
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw refuse(bound, type.lowercased(), "NAME=VALUE", example: type == "Query" ? "'vin=$vin'" : "'Authorization=Basic …'")
        }
        return .record(
            Record([
                .init(name: "type", value: .string(type)), .init(name: "key", value: .string(String(text[..<equals]))),
                .init(name: "value", value: .string(String(text[text.index(after: equals)...]))),
            ]))
    }

    /// `Mon,Wed`, `Mon-Fri`, `all` → the API's day names in week order; nil if a day is not one.
    static func days(_ text: String) -> [String]? {
        let week = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        if ["all", "daily", "*"].contains(text.lowercased()) { return week }
        func index(_ day: Substring) -> Int? { week.firstIndex { day.count >= 3 && $0.lowercased() == day.prefix(3).lowercased() } }
        var chosen = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count), let first = index(ends[0]), let last = index(ends[ends.count - 1]), first <= last else {
                return nil
            }
            chosen.formUnion(first...last)
        }
        return chosen.sorted().map { week[$0] }
    }

    /// `14h30`, `4h`, `90m`, `4h30m` or ISO 8601 `PT14H30M` → ISO 8601 (`PT14H30M`); nil if it is none of them.
    static func isoDuration(_ text: String) -> String? {
        if text.uppercased().hasPrefix("PT") { return text.uppercased() }
        let lower = text.lowercased()
        var hours = 0
        var minutes = 0
        if let h = lower.firstIndex(of: "h") {
            guard let value = Int(lower[..<h]) else { return nil }
            hours = value
            var rest = lower[lower.index(after: h)...]
            if rest.hasSuffix("m") { rest = rest.dropLast() }
            if !rest.isEmpty {
                guard let value = Int(rest) else { return nil }
                minutes = value
            }
        } else {
            guard lower.hasSuffix("m"), let value = Int(lower.dropLast()) else { return nil }
            minutes = value
        }
        guard hours >= 0, minutes >= 0 else { return nil }
        hours += minutes / 60
        minutes %= 60
        if hours == 0 { return "PT\(minutes)M" }
        return minutes == 0 ? "PT\(hours)H" : "PT\(hours)H\(minutes)M"
    }

    /// A number as the API writes it: an integer when it has no fraction.
    private static func number(_ value: Double) -> Value {
        value == value.rounded() && abs(value) < 1e15 ? .int(Int(value)) : .double(value)
    }
}
