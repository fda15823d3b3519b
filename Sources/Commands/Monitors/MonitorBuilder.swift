import Shell

/// The builder flags of `monitors create` and `monitors update`: each names one part of a v4.0 monitor body
/// (api-notes §10.1), so that a whole monitor fits on one line. Flags replace the parts they name in a base body
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

    /// Adds the builder flags to a signature.
    static func flags(on signature: Signature) -> Signature {
        signature
            .flag("label", .string, "The monitor's name.")
            .flag("callback", .string, "The webhook URL the API posts events to.")
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
    init(_ call: Call, base: Record) throws {
        body = base
        if let label = one("label", call) { body["label"] = .string(label.value.text) }
        try subscription(call)
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

    /// `triggerParam`: the zone, time and data triggers in the order written, and `bool.exp`.
    private mutating func triggers(_ call: Call) throws {
        let written = Self.inWrittenOrder(call, ["zone", "time", "data"])
        let expression = one("expr", call)
        guard !written.isEmpty || expression != nil else { return }
        var parameter = body["triggerParam"]?.recordValue ?? Record()
        if !written.isEmpty {
            var triggers: [Value] = []
            var names: [String] = []
            for (flag, bound) in written {
                note("$.triggerParam.triggers[\(triggers.count)]", flag, bound)
                let trigger =
                    switch flag {
                    case "zone": try Self.zone(bound)
                    case "time": try Self.time(bound)
                    default: try Self.data(bound)
                    }
                names.append(trigger["name"]?.text ?? "")
                triggers.append(.record(trigger))
            }
            parameter["triggers"] = .list(triggers)
            if expression == nil { parameter["bool.exp"] = .string(names.joined(separator: " & ")) }
        }
        if let expression {
            parameter["bool.exp"] = .string(expression.value.text)
            note("$.triggerParam.bool.exp", "expr", expression)
        }
        body["triggerParam"] = .record(parameter)
    }

    /// The values of several flags, in the order they were written on the line.
    private static func inWrittenOrder(_ call: Call, _ flags: [String]) -> [(flag: String, bound: Call.Bound)] {
        flags.flatMap { flag in (call.flagValues[flag] ?? []).map { (flag, $0) } }.sorted { $0.bound.range.start < $1.bound.range.start }
    }
}
