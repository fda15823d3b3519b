import Foundation

/// Checks a `MonitorParameter` body the way a real server would: v4.0's (docs/api.md §10.1) or 4.17's, bound to a
/// callback (§10.2). The sandbox refuses a body with its first problem (a 400 naming the field path); ccsh checks a
/// body before sending it and reports every problem, which are the same rules, so that a body ccsh accepts is one
/// the API accepts.
package enum MonitorValidator {
    /// Parses and validates a POST/PUT body; returns the parsed document, or throws the first problem.
    package static func validate(body: [UInt8], version: APIVersion = .v40) throws(MonitorProblem) -> JSON {
        let document: JSON
        do throws(JSONParseError) {
            document = try JSONParser.parse(body)
        } catch {
            throw syntaxProblem(error)
        }
        if let first = problems(in: document, version: version).first { throw first }
        return document
    }

    /// A parse error as a problem at the path the parser names (`duplicate key 'name' in $.triggerParam…`).
    package static func syntaxProblem(_ error: JSONParseError) -> MonitorProblem {
        var problem = error.message
        if error.message.hasPrefix("duplicate key") { problem += "; each trigger needs its own object in the triggers array" }
        return MonitorProblem(path: error.path, message: problem, syntax: error)
    }

    /// Every problem of a parsed document, in document order (the first is the one the API reports).
    package static func problems(in document: JSON, version: APIVersion = .v40) -> [MonitorProblem] {
        let check = Check(document: document, rules: .of(version))
        check.collect { () throws(MonitorProblem) in try check.monitor() }
        return check.problems
    }

    /// The walk over one document; every `fail` names the path it is at. A failure ends the check of the part it
    /// is in (a trigger, the callback, `bool.exp`…) and the walk goes on with the next part.
    private final class Check: BodyCheck {
        let rules: MonitorRules

        init(document: JSON, rules: MonitorRules) {
            self.rules = rules
            super.init(document: document)
        }

        var is417: Bool { rules.version == .v417 }

        func monitor() throws(MonitorProblem) {
            guard let root = try object(document, "$") else { return }
            let known = rules.rootFields
            for unknown in root where !known.contains(unknown.0) {
                record(fail("$.\(unknown.0)", "unknown field; a monitor has \(known.joined(separator: ", "))"))
            }
            collect { () throws(MonitorProblem) in _ = try string(document["label"], "$.label") }
            collect { () throws(MonitorProblem) in
                if let locale = try string(document["locale"], "$.locale", required: false), !Localization.isWellFormed(locale) {
                    throw fail("$.locale", "'\(locale)' is not a locale like fr-FR")
                }
            }
            if is417 {
                callbackSubscribe(document["subscribeParam"])
                collect { () throws(MonitorProblem) in
                    try attributes(document["attributes"], "$.attributes", types: ["Header", "Body"], required: false)
                }
            } else {
                subscribe(document["subscribeParam"])
            }
            collect { () throws(MonitorProblem) in
                guard let params = document["extendedEventParam"] else { return }
                guard let items = params.array else { throw fail("$.extendedEventParam", "expected an array, got \(params.kindName)") }
                for (n, item) in items.enumerated() {
                    collect { () throws(MonitorProblem) in
                        let path = "$.extendedEventParam[\(n)]"
                        guard let s = try string(item, path), !rules.isExtendedEventParam(s) else { return }
                        let names = rules.extendedEventParams.sorted().joined(separator: ", ")
                        throw fail(path, "'\(s)' is not one of \(names) or vehicle.telemetry.<type>")
                    }
                }
            }
            collect { () throws(MonitorProblem) in try triggers(document["triggerParam"]) }
        }

        func subscribe(_ value: JSON?) {
            let base = "$.subscribeParam"
            let members: [(String, JSON)]
            do throws(MonitorProblem) {
                guard let found = try object(value, base) else { return }
                members = found
            } catch {
                record(error)
                return
            }
            let known = ["callback", "refreshEvent", "retryPolicy", "batchNotify"]
            for unknown in members where !known.contains(unknown.0) {
                record(fail("\(base).\(unknown.0)", "unknown field; subscribeParam has \(known.joined(separator: ", "))"))
            }
            collect { () throws(MonitorProblem) in try webhook(value?["callback"], "\(base).callback") }
            collect { () throws(MonitorProblem) in
                guard let refresh = value?["refreshEvent"] else { return }
                _ = try number(refresh, "\(base).refreshEvent", min: 60, integer: true)
            }
            collect { () throws(MonitorProblem) in
                guard let policy = value?["retryPolicy"] else { return }
                let path = "\(base).retryPolicy"
                _ = try object(policy, path)
                _ = try oneOf(policy["policy"], "\(path).policy", ["None", "Bounded", "Always"])
                _ = try number(policy["maxRetryNumber"], "\(path).maxRetryNumber", min: 1, integer: true)
                _ = try number(policy["retryDelay"], "\(path).retryDelay", min: 1, integer: true)
            }
            collect { () throws(MonitorProblem) in
                guard let batch = value?["batchNotify"] else { return }
                let path = "\(base).batchNotify"
                _ = try object(batch, path)
                guard batch["size"] != nil || batch["timeWindow"] != nil else { throw fail(path, "needs size or timeWindow") }
                _ = try number(batch["size"], "\(path).size", min: 1, integer: true)
                _ = try number(batch["timeWindow"], "\(path).timeWindow", min: 60)
            }
        }

        /// `subscribeParam.callback`; some documentation nests it as `callback.webhook` (with the typo
        /// `attributres`): accepted.
        func webhook(_ value: JSON?, _ base: String) throws(MonitorProblem) {
            var callback = value
            var callbackPath = base
            if let nested = callback?["webhook"] {
                callback = nested
                callbackPath += ".webhook"
            }
            _ = try object(callback, callbackPath)
            _ = try string(callback?["name"], "\(callbackPath).name")
            try url(callback?["target"], "\(callbackPath).target", schemes: ["https", "http"])
            let attributesKey = callback?["attributes"] != nil ? "attributes" : "attributres"
            try attributes(callback?[attributesKey], "\(callbackPath).\(attributesKey)", types: ["Header", "Body", "Query"], required: false)
        }

        /// 4.17's `subscribeParam`: a refresh period and attributes added to the callback's, at least one of them.
        func callbackSubscribe(_ value: JSON?) {
            let base = "$.subscribeParam"
            collect { () throws(MonitorProblem) in
                guard let members = try object(value, base, required: false) else { return }
                let known = ["refreshEvent", "callbackAttributes"]
                if let unknown = members.first(where: { !known.contains($0.0) }) {
                    throw fail(
                        "\(base).\(unknown.0)", "unknown field; subscribeParam has refreshEvent and callbackAttributes (the target is the callback's)"
                    )
                }
                guard !members.isEmpty else { throw fail(base, "needs refreshEvent or callbackAttributes") }
                _ = try number(value?["refreshEvent"], "\(base).refreshEvent", min: 60, integer: true)
                guard let extra = value?["callbackAttributes"] else { return }
                let path = "\(base).callbackAttributes"
                guard let kinds = try object(extra, path) else { return }
                for (kind, set) in kinds {
                    let types: [String]
                    switch kind {
                    case "webhook": types = ["Header", "Body", "Query"]
                    case "websocket": types = ["Body"]
                    case "pushnotif": types = ["Header", "Body"]
                    default: throw fail("\(path).\(kind)", "unknown field; callbackAttributes has webhook, websocket, pushnotif")
                    }
                    try attributes(set, "\(path).\(kind)", types: types, required: true)
                }
            }
        }

        func triggers(_ value: JSON?) throws(MonitorProblem) {
            let base = "$.triggerParam"
            guard let members = try object(value, base) else { return }
            let keys = Set(members.map(\.0))
            let expressionKey = rules.expressionKey
            if is417 {
                if let unknown = members.first(where: { !["triggers", expressionKey].contains($0.0) }) {
                    let hint = unknown.0 == "bool.exp" ? " (4.17 names it boolExp)" : ""
                    throw fail("\(base).\(unknown.0)", "unknown field; triggerParam has triggers and boolExp\(hint)")
                }
            }
            let newStyle = keys.contains("triggers") || keys.contains("bool.exp")
            let oldStyle = keys.contains("dataTriggers") || keys.contains("timeZoneTriggers")
            if newStyle, oldStyle {
                throw fail(base, "triggers/bool.exp cannot be mixed with the deprecated dataTriggers/timeZoneTriggers")
            }
            if !is417, let unknown = members.first(where: { !["triggers", "bool.exp", "dataTriggers", "timeZoneTriggers"].contains($0.0) }) {
                throw fail("\(base).\(unknown.0)", "unknown field; triggerParam has triggers and bool.exp")
            }
            if oldStyle {
                if let data = value?["dataTriggers"] {
                    guard let items = data.array, !items.isEmpty else { throw fail("\(base).dataTriggers", "expected a non-empty array") }
                    for (n, item) in items.enumerated() { try dataTrigger(item, "\(base).dataTriggers[\(n)]") }
                }
                if let tz = value?["timeZoneTriggers"] {
                    _ = try object(tz, "\(base).timeZoneTriggers")
                    if let time = tz["timeTrigger"] { try timeTrigger(time, "\(base).timeZoneTriggers.timeTrigger") }
                    if let zone = tz["zoneTrigger"] { try zoneTrigger(zone, "\(base).timeZoneTriggers.zoneTrigger") }
                }
                return
            }
            guard let list = value?["triggers"] else { throw fail("\(base).triggers", "is required") }
            guard let items = list.array else { throw fail("\(base).triggers", "expected an array, got \(list.kindName)") }
            guard !items.isEmpty else { throw fail("\(base).triggers", "needs at least one trigger") }
            // Every name written, valid or not, so that a bad trigger does not also make bool.exp wrong.
            let written = items.compactMap { $0["name"]?.string }
            var names: [String] = []
            for (n, item) in items.enumerated() {
                collect { () throws(MonitorProblem) in try trigger(item, "\(base).triggers[\(n)]", names: &names) }
            }
            guard items.count <= 5 || !is417 else { throw fail("\(base).triggers", "has \(items.count) triggers; at most 5 are allowed") }
            collect { () throws(MonitorProblem) in try expression(value?[expressionKey], "\(base).\(expressionKey)", names: written) }
        }

        /// One item of `triggers`: a name not used before and exactly one of zone, time, data.
        func trigger(_ item: JSON, _ path: String, names: inout [String]) throws(MonitorProblem) {
            guard let trigger = try object(item, path) else { return }
            guard let name = try string(item["name"], "\(path).name") else { return }
            if is417 {
                guard Self.isTriggerName417(name) else {
                    throw fail("\(path).name", "'\(name)' must be letters, then at most one of '.', '-', '_', then digits (like low, zone_1)")
                }
            } else {
                guard name.first?.isLetter == true, name.allSatisfy({ $0.isLetter || $0.isNumber || "_.-".contains($0) }) else {
                    throw fail("\(path).name", "'\(name)' must start with a letter and hold only letters, digits, '_', '.', '-'")
                }
            }
            guard !names.contains(name) else { throw fail("\(path).name", "'\(name)' is already the name of another trigger") }
            names.append(name)
            let kinds = trigger.compactMap { TriggerKind(rawValue: $0.0) }
            if let unknown = trigger.first(where: { $0.0 != "name" && TriggerKind(rawValue: $0.0) == nil }) {
                throw fail("\(path).\(unknown.0)", "'\(unknown.0)' is no trigger kind; a trigger has name and one of \(TriggerKind.names)")
            }
            guard kinds.count == 1, let kind = kinds.first else {
                throw fail(
                    path,
                    kinds.isEmpty
                        ? "needs one of \(TriggerKind.names)"
                        : "has \(kinds.map(\.rawValue).joined(separator: " and ")): exactly one of \(TriggerKind.names) is allowed")
            }
            switch kind {
            case .zone: try zoneTrigger(item["zone"], "\(path).zone")
            case .time: try timeTrigger(item["time"], "\(path).time")
            case .data: try dataTrigger(item["data"], "\(path).data")
            }
        }

        /// `bool.exp`: well formed, over the triggers' names, and neither always true nor always false.
        func expression(_ value: JSON?, _ path: String, names: [String]) throws(MonitorProblem) {
            guard let text = try string(value, path) else { return }
            let expression: BoolExpression
            do throws(BoolExpression.ParseError) {
                expression = try BoolExpression.parse(text)
            } catch {
                throw MonitorProblem(path: path, message: error.message, expression: (text, error.column))
            }
            if let unknown = expression.operands.first(where: { !names.contains($0) }) {
                throw MonitorProblem(
                    path: path, message: "'\(unknown)' is not the name of a trigger; triggers are \(names.joined(separator: ", "))",
                    expression: (text, BoolExpression.column(of: unknown, in: text)))
            }
            if let constant = expression.constantValue {
                throw fail(path, "\"\(text)\" is always \(constant ? "true" : "false"), whatever the triggers")
            }
        }

        func zoneTrigger(_ value: JSON?, _ path: String) throws(MonitorProblem) {
            guard let members = try object(value, path) else { return }
            _ = try oneOf(value?["transition"], "\(path).transition", ["In", "Out"])
            let shapes = members.map(\.0).filter { $0 == "place" || $0 == "circle" }
            if is417, shapes == ["circle"] { throw fail("\(path).circle", "4.17 names the zone place {center, radius}; circle is the old name") }
            guard shapes.count == 1 else {
                throw fail(path, shapes.isEmpty ? "needs place {center, radius}" : "has both place and circle; use place")
            }
            let shapePath = "\(path).\(shapes[0])"
            let shape = value?[shapes[0]]
            _ = try object(shape, shapePath)
            _ = try object(shape?["center"], "\(shapePath).center")
            guard let lat = try number(shape?["center"]?["latitude"], "\(shapePath).center.latitude") else {
                throw fail("\(shapePath).center.latitude", "is required")
            }
            guard (-90...90).contains(lat) else { throw fail("\(shapePath).center.latitude", "must be between -90 and 90, got \(lat)") }
            guard let lon = try number(shape?["center"]?["longitude"], "\(shapePath).center.longitude") else {
                throw fail("\(shapePath).center.longitude", "is required")
            }
            guard (-180...180).contains(lon) else { throw fail("\(shapePath).center.longitude", "must be between -180 and 180, got \(lon)") }
            guard let radius = try number(shape?["radius"], "\(shapePath).radius") else { throw fail("\(shapePath).radius", "is required") }
            guard radius > 0, radius <= 20000 else { throw fail("\(shapePath).radius", "must be a distance in km above 0, got \(radius)") }
        }

        func timeTrigger(_ value: JSON?, _ path: String) throws(MonitorProblem) {
            guard try object(value, path) != nil else { return }
            if value?["time.zone"] != nil, value?["timeZone"] != nil { throw fail(path, "has both time.zone and timeZone; use one") }
            if is417, value?["time.zone"] != nil { throw fail("\(path).time.zone", "4.17 names it timeZone") }
            let zoneKey = value?["timeZone"] != nil ? "timeZone" : "time.zone"
            if let zone = try string(value?[zoneKey], "\(path).\(zoneKey)", required: false) {
                let parts = zone.split(separator: "/")
                guard
                    zone == "UTC"
                        || (parts.count >= 2
                            && parts.allSatisfy { $0.first?.isUppercase == true && $0.allSatisfy { $0.isLetter || "_-+0123456789".contains($0) } })
                else {
                    throw fail("\(path).\(zoneKey)", "'\(zone)' is not a tz database name like Europe/Paris")
                }
            }
            guard let times = value?["times"] else { throw fail("\(path).times", "is required") }
            guard let items = times.array, !items.isEmpty else { throw fail("\(path).times", "expected a non-empty array") }
            for (n, item) in items.enumerated() {
                let p = "\(path).times[\(n)]"
                _ = try object(item, p)
                let recurrences = is417 ? ["None", "Daily"] : ["None", "Daily", "Weekly"]
                let recurrence = try oneOf(item["recurrence"], "\(p).recurrence", recurrences, required: false) ?? "Daily"
                if is417, recurrence == "None", item["occurence"] != nil {
                    throw fail("\(p).occurence", "only a Daily window has occurence; a None window is one stretch from start")
                }
                guard let start = try string(item["start"], "\(p).start") else { continue }
                if recurrence == "None", Timestamp.parse(start) != nil {
                    // 4.1x: a one-off window starting at an absolute instant.
                } else {
                    guard let seconds = Timestamp.duration(start), seconds < 86400 else {
                        throw fail("\(p).start", "'\(start)' is not a time of day as an ISO 8601 duration between PT0M and PT23H59M")
                    }
                }
                guard let duration = try string(item["duration"], "\(p).duration") else { continue }
                guard let length = Timestamp.duration(duration), length > 0 else {
                    throw fail("\(p).duration", "'\(duration)' is not a positive ISO 8601 duration like PT4H30M")
                }
                guard let occurence = item["occurence"] else {
                    if recurrence == "None" { continue }
                    throw fail("\(p).occurence", "is required")
                }
                _ = try object(occurence, "\(p).occurence")
                guard let days = occurence["day"]?.array, !days.isEmpty else {
                    throw fail("\(p).occurence.day", "expected a non-empty array of Mon…Sun")
                }
                var seen = Set<String>()
                for (d, day) in days.enumerated() {
                    guard let s = try oneOf(day, "\(p).occurence.day[\(d)]", ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]) else { continue }
                    guard seen.insert(s).inserted else { throw fail("\(p).occurence.day[\(d)]", "'\(s)' is listed twice") }
                }
                if let weeks = occurence["week"] {
                    guard let list = weeks.array else { throw fail("\(p).occurence.week", "expected an array like [\"w1\", \"w34-w46\"]") }
                    for (w, week) in list.enumerated() {
                        guard let s = try string(week, "\(p).occurence.week[\(w)]"), Self.isWeek(s) else {
                            throw fail("\(p).occurence.week[\(w)]", "expected wN or wN-wM with weeks 1 to 52")
                        }
                    }
                }
            }
        }

        /// 4.17's trigger name pattern, `[a-zA-Z]+[.-_]?[0-9]*`, read as its description says: ASCII letters, one
        /// optional separator, digits.
        static func isTriggerName417(_ name: String) -> Bool {
            var rest = Substring(name)
            let letters = rest.prefix { $0.isASCII && $0.isLetter }
            guard !letters.isEmpty else { return false }
            rest = rest.dropFirst(letters.count)
            if let separator = rest.first, ".-_".contains(separator) { rest = rest.dropFirst() }
            return rest.allSatisfy { $0.isASCII && $0.isNumber }
        }

        static func isWeek(_ text: String) -> Bool {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            let numbers = parts.map { $0.hasPrefix("w") ? Int($0.dropFirst()) : nil }
            guard (1...2).contains(parts.count), numbers.allSatisfy({ $0.map { (1...52).contains($0) } ?? false }) else { return false }
            return numbers.count == 1 || (numbers[0] ?? 0) <= (numbers[1] ?? 0)
        }

        func dataTrigger(_ value: JSON?, _ path: String) throws(MonitorProblem) {
            guard try object(value, path) != nil else { return }
            guard let datum = try string(value?["data"], "\(path).data") else { return }
            guard let rule = rules.data[datum] else {
                throw fail(
                    "\(path).data",
                    "'\(datum)' is not a v\(rules.version.rawValue) data trigger; see the DataTrigger enum (e.g. vehicle.energy.electric.level)")
            }
            guard let op = try string(value?["op"], "\(path).op") else { return }
            guard rule.ops.contains(op) else {
                throw fail("\(path).op", "'\(op)' is not allowed for \(datum); use \(rule.ops.sorted().joined(separator: ", "))")
            }
            let values: [JSON]
            if let v = value?["value"] {
                guard let list = v.array else { throw fail("\(path).value", "expected an array of strings, got \(v.kindName)") }
                values = list
            } else {
                values = []
            }
            switch op {
            case "onChange":
                guard values.isEmpty else { throw fail("\(path).value", "onChange takes no value") }
            case "includedIn":
                guard !values.isEmpty else { throw fail("\(path).value", "includedIn needs at least one value") }
            default:
                guard values.count == 1 else { throw fail("\(path).value", "\(op) needs exactly one value, got \(values.count)") }
            }
            for (n, item) in values.enumerated() { try literal(item, "\(path).value[\(n)]", rule.kind) }
            guard let previous = value?["previous"] else { return }
            let p = "\(path).previous"
            guard is417 else { throw fail(p, "previous is a 4.17 field; a v4.0 monitor has none") }
            guard rule.takesPrevious else {
                let allowed = rules.data.filter(\.value.takesPrevious).keys.sorted().joined(separator: ", ")
                throw fail(p, "\(datum) takes no previous; only \(allowed) do")
            }
            _ = try object(previous, p)
            let previousOp = try oneOf(previous["op"], "\(p).op", ["equalsTo", "includedIn"])
            guard let list = previous["value"]?.array, !list.isEmpty else { throw fail("\(p).value", "expected a non-empty array of strings") }
            if previousOp == "equalsTo", list.count != 1 { throw fail("\(p).value", "equalsTo needs exactly one value, got \(list.count)") }
            for (n, item) in list.enumerated() { try literal(item, "\(p).value[\(n)]", rule.kind) }
        }

        /// One string of a trigger's `value` (or `previous.value`), of the datum's kind.
        func literal(_ item: JSON, _ p: String, _ kind: MonitorRules.ValueKind) throws(MonitorProblem) {
            guard let s = item.string else { throw fail(p, "expected a string, got \(item.kindName)") }
            switch kind {
            case .number where Double(s) == nil: throw fail(p, "'\(s)' is not a number")
            case .integer where Int(s) == nil: throw fail(p, "'\(s)' is not an integer")
            case .boolean where s != "true" && s != "false": throw fail(p, "'\(s)' is not true or false")
            case .oneOf(let allowed) where !allowed.contains(s): throw fail(p, "'\(s)' is not one of \(allowed.joined(separator: ", "))")
            case .literal where s.isEmpty: throw fail(p, "must not be empty")
            default: break
            }
        }
    }
}
