import APIContract
import Shell

/// The builder flags of `monitors create` and `monitors update`: each names one part of a monitor body — v4.0's
/// (docs/api.md §10.1) or 4.17's (§10.2: `boolExp`, `timeZone`, header attributes on the monitor, the webhook on its
/// callback) — so that a whole monitor fits on one line. Flags replace the parts they name in a base body
/// (empty, a `--file`, a record from the pipe, or the monitor being updated) and leave the rest as it is.
///
/// It also remembers which flag value made which part of the body, so that a problem the API's rules find later
/// (`$.triggerParam.triggers[1].time.times[0].start`) is reported at the `--time` value that made it.
struct MonitorBuilder {
    /// A part of the body (its JSON path) and the flag value it came from.
    struct Origin {
        var path: String
        var flag: String
        var bound: Call.Bound
    }

    private(set) var body: Record
    private(set) var origins: [Origin] = []
    let version: APIVersion

    /// The flags a 4.17 monitor has no place for, and where their part lives instead.
    static let not417 = [
        "query": "4.17 monitors take header and body attributes only; put query parameters on the callback (`callbacks update CBID --query K=V`)",
        "retry": "4.17 retries every notification for 72 hours, every 10 s (docs/api.md §10.5): there is no retry policy to set",
        "batch": "4.17 batches lagging notifications by itself (up to 100 per post): there is nothing to set",
    ]

    /// Adds the builder flags to a signature.
    static func flags(on signature: Signature) -> Signature {
        signature
            .flag("label", .string, "The monitor's name.")
            .flag("callback", .string, "The webhook URL the API posts events to (4.17: through the callback with that target, made if need be).")
            .flag("callback-id", .kind(.callback), "4.17: the callback the monitor posts through.")
            .flag("callback-name", .string, "The webhook's name (default `ccsh`).")
            .flag("header", .string, repeatable: true, "A header on each webhook call, as NAME=VALUE.")
            .flag("query", .string, repeatable: true, "A query parameter on each webhook call, as NAME=VALUE (`'vin=$vin'`).")
            .flag("zone", .string, repeatable: true, "A zone trigger: NAME:in|out:LAT,LON:RADIUS_KM.")
            .flag("time", .string, repeatable: true, "A time trigger: NAME:DAYS:START:DURATION[:TZ], e.g. `monday:Mon:14h30:4h30:Europe/Paris`.")
            .flag(
                "data", .string, repeatable: true,
                "A data trigger: NAME:DATUM:OP[:VALUE,…], OP one of equalsTo (eq), greaterThan (gt), lowerThan (lt), includedIn (in), onChange (change)."
            )
            .flag("expr", .string, "How triggers combine (`bool.exp`): names with & | ! and parentheses; default: all of them (&).")
            .flag("refresh", .int, "Re-send an event every N seconds while the condition holds (at least 60).")
            .flag("retry", .string, "When the webhook fails: none, bounded[:TRIES:DELAY_S] or always[:TRIES:DELAY_S].")
            .flag("batch", .string, "Group events: SIZE[:WINDOW_S].")
            .flag("extend", .string, repeatable: true, "Data attached to each event, e.g. vehicle.alerts,vehicle.status.")
    }

    /// `base` with the parts the call's flags name replaced.
    init(_ call: Call, base: Record, version: APIVersion = .v40) throws {
        body = base
        self.version = version
        if version == .v417, let (flag, reason) = Self.not417.first(where: { call.flagValues[$0.key] != nil }) {
            throw call.error("--\(flag) has no place in a 4.17 monitor", hint: reason, argument: flag, code: .badArgument)
        }
        if version == .v40, call.flagValues["callback-id"] != nil {
            throw call.error(
                "--callback-id is for 4.17 monitors; a v4.0 monitor names its webhook with --callback URL",
                hint: "`set api-version 4.17` if the account speaks 4.17", argument: "callback-id", code: .badArgument)
        }
        if let label = one("label", call) { body["label"] = .string(label.value.text) }
        if version == .v417 { try headers417(call) } else { try subscription(call) }
        if let extend = call.flagValues["extend"] {
            var items: [Value] = []
            for bound in extend {
                for item in bound.value.text.split(separator: ",") {
                    origins.append(Origin(path: "$.extendedEventParam[\(items.count)]", flag: "extend", bound: bound))
                    items.append(.string(item.trimmingCharacters(in: .whitespaces)))
                }
            }
            body["extendedEventParam"] = .list(items)
        }
        try triggers(call)
    }

    private func one(_ flag: String, _ call: Call) -> Call.Bound? { call.flagValues[flag]?.last }

    private mutating func note(_ path: String, _ flag: String, _ bound: Call.Bound) {
        origins.append(Origin(path: path, flag: flag, bound: bound))
    }

    /// `subscribeParam`: refresh, retry, batch and the callback with its attributes.
    private mutating func subscription(_ call: Call) throws {
        let base = "$.subscribeParam"
        var subscribe = body["subscribeParam"]?.recordValue ?? Record()
        if let refresh = one("refresh", call) {
            subscribe["refreshEvent"] = refresh.value
            note("\(base).refreshEvent", "refresh", refresh)
        }
        if let retry = one("retry", call) {
            subscribe["retryPolicy"] = try Self.retryPolicy(retry)
            note("\(base).retryPolicy", "retry", retry)
        }
        if let batch = one("batch", call) {
            subscribe["batchNotify"] = try Self.batch(batch)
            note("\(base).batchNotify", "batch", batch)
        }
        let attributes = Self.inWrittenOrder(call, ["query", "header"])
        if one("callback", call) != nil || one("callback-name", call) != nil || !attributes.isEmpty {
            var callback = subscribe["callback"]?.recordValue ?? Record()
            if let target = one("callback", call) {
                callback["target"] = .string(target.value.text)
                note("\(base).callback.target", "callback", target)
            }
            if let name = one("callback-name", call) {
                callback["name"] = .string(name.value.text)
                note("\(base).callback.name", "callback-name", name)
            } else if callback["name"] == nil {
                callback["name"] = "ccsh"
            }
            if !attributes.isEmpty {
                var items: [Value] = []
                for (flag, bound) in attributes {
                    note("\(base).callback.attributes[\(items.count)]", flag, bound)
                    items.append(try Self.attribute(flag == "query" ? "Query" : "Header", bound))
                }
                callback["attributes"] = .list(items)
            }
            subscribe["callback"] = .record(callback)
        }
        if !subscribe.fields.isEmpty { body["subscribeParam"] = .record(subscribe) }
    }

    /// 4.17: `subscribeParam.refreshEvent` and the `--header` values as the monitor's Header attributes (its
    /// webhook is its callback's).
    private mutating func headers417(_ call: Call) throws {
        if let refresh = one("refresh", call) {
            var subscribe = body["subscribeParam"]?.recordValue ?? Record()
            subscribe["refreshEvent"] = refresh.value
            body["subscribeParam"] = .record(subscribe)
            note("$.subscribeParam.refreshEvent", "refresh", refresh)
        }
        guard let headers = call.flagValues["header"] else { return }
        var items: [Value] = []
        for bound in headers {
            note("$.attributes[\(items.count)]", "header", bound)
            items.append(try Self.attribute("Header", bound))
        }
        body["attributes"] = .list(items)
    }

    /// `bool.exp` in v4.0, `boolExp` in 4.17.
    private var expressionKey: String { version == .v417 ? "boolExp" : "bool.exp" }

    /// `triggerParam`: the zone, time and data triggers in the order written, and `bool.exp`.
    private mutating func triggers(_ call: Call) throws {
        let written = Self.inWrittenOrder(call, TriggerKind.allCases.map(\.rawValue))
        let expression = one("expr", call)
        guard !written.isEmpty || expression != nil else { return }
        var parameter = body["triggerParam"]?.recordValue ?? Record()
        if !written.isEmpty {
            var triggers: [Value] = []
            var names: [String] = []
            for (flag, bound) in written {
                note("$.triggerParam.triggers[\(triggers.count)]", flag, bound)
                // The flags are named after the kinds (`--zone`, `--time`, `--data`).
                guard let kind = TriggerKind(rawValue: flag) else { continue }
                let trigger =
                    switch kind {
                    case .zone: try Self.zone(bound)
                    case .time: try Self.time(bound, zoneKey: version == .v417 ? "timeZone" : "time.zone")
                    case .data: try Self.data(bound)
                    }
                names.append(trigger["name"]?.text ?? "")
                triggers.append(.record(trigger))
            }
            parameter["triggers"] = .list(triggers)
            if expression == nil { parameter[expressionKey] = .string(names.joined(separator: " & ")) }
        }
        if let expression {
            parameter[expressionKey] = .string(expression.value.text)
            note("$.triggerParam.\(expressionKey)", "expr", expression)
        }
        body["triggerParam"] = .record(parameter)
    }

    /// The values of several flags, in the order they were written on the line.
    private static func inWrittenOrder(_ call: Call, _ flags: [String]) -> [(flag: String, bound: Call.Bound)] {
        flags.flatMap { flag in (call.flagValues[flag] ?? []).map { (flag, $0) } }.sorted { $0.bound.range.start < $1.bound.range.start }
    }
}
