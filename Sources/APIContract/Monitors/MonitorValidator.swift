import Foundation

/// One thing wrong with a monitor body: where (the JSON path of the field, e.g. `$.triggerParam.bool.exp`) and
/// what. A `bool.exp` problem also says at which column of the expression it is.
package struct MonitorProblem: Error, Equatable, Sendable {
    package var path: String
    package var message: String
    /// For `bool.exp`: the expression and the 1-based column (in characters) the problem is at.
    package var expression: (text: String, column: Int)?
    /// For a body that is not acceptable JSON: the error from the parser (its line and column).
    package var syntax: JSONParseError?

    package init(path: String, message: String, expression: (text: String, column: Int)? = nil, syntax: JSONParseError? = nil) {
        self.path = path
        self.message = message
        self.expression = expression
        self.syntax = syntax
    }

    /// The problem as the API words it after `Bad Request: PATH: `: a `bool.exp` problem quotes the expression, a
    /// syntax problem gives its line and column.
    package var apiText: String {
        if let expression { return "\(message) (column \(expression.column) of \"\(expression.text)\")" }
        if let syntax { return "\(message) (line \(syntax.line), column \(syntax.column))" }
        return message
    }

    package static func == (a: MonitorProblem, b: MonitorProblem) -> Bool {
        a.path == b.path && a.message == b.message && a.expression?.text == b.expression?.text
            && a.expression?.column == b.expression?.column && a.syntax == b.syntax
    }
}

/// Checks a v4.0 `MonitorParameter` body the way a real server would (api-notes §10.1). The sandbox refuses a body
/// with its first problem (a 400 naming the field path); ccsh checks a body before sending it and reports every
/// problem, which are the same rules, so that a body ccsh accepts is one the API accepts.
package enum MonitorValidator {
    /// Parses and validates a POST/PUT body; returns the parsed document, or throws the first problem.
    package static func validate(body: [UInt8]) throws(MonitorProblem) -> JSON {
        let document: JSON
        do throws(JSONParseError) {
            document = try JSONParser.parse(body)
        } catch {
            throw syntaxProblem(error)
        }
        if let first = problems(in: document).first { throw first }
        return document
    }

    /// A parse error as a problem at the path the parser names (`duplicate key 'name' in $.triggerParam…`).
    package static func syntaxProblem(_ error: JSONParseError) -> MonitorProblem {
        var problem = error.message
        if error.message.hasPrefix("duplicate key") { problem += "; each trigger needs its own object in the triggers array" }
        return MonitorProblem(path: error.path, message: problem, syntax: error)
    }

    /// Every problem of a parsed document, in document order (the first is the one the API reports).
    package static func problems(in document: JSON) -> [MonitorProblem] {
        let check = Check(document: document)
        check.collect { () throws(MonitorProblem) in try check.monitor() }
        return check.problems
    }

    /// Data triggers of v4.0: the value type and the allowed operators of each datum.
    static let dataTriggers: [String: (kind: ValueKind, ops: Set<String>)] = [
        "vehicle.alert": (.alertList, ["onChange", "includedIn", "equalsTo"]),
        "vehicle.odometer": (.integer, ["equalsTo", "greaterThan", "lowerThan"]),
        "vehicle.engines.running": (.boolean, ["onChange", "equalsTo"]),
        "vehicle.engines.thermic.oil.temp": (.integer, ["equalsTo", "greaterThan", "lowerThan"]),
        "vehicle.energy.electric.level": (.number, ["equalsTo", "greaterThan", "lowerThan"]),
        "vehicle.energy.electric.autonomy": (.number, ["equalsTo", "greaterThan", "lowerThan"]),
        "vehicle.energy.fuel.level": (.number, ["equalsTo", "greaterThan", "lowerThan"]),
        "vehicle.energy.fuel.autonomy": (.number, ["equalsTo", "greaterThan", "lowerThan"]),
        "vehicle.autonomy": (.number, ["equalsTo", "greaterThan", "lowerThan"]),
        "vehicle.energy.charging.status": (.oneOf(["Disconnected", "InProgress", "Failure", "Stopped", "Finished"]), ["onChange", "equalsTo"]),
        "vehicle.energy.charging.plugged": (.boolean, ["onChange", "equalsTo"]),
        "vehicle.doorsState.lockedState": (.none, ["onChange"]),
        "vehicle.doorsState.opening": (.none, ["onChange"]),
        "vehicle.kinetic.moving": (.boolean, ["onChange", "equalsTo"]),
        "vehicle.kinetic.speed": (.number, ["equalsTo", "greaterThan", "lowerThan"]),
        "vehicle.trip": (.none, ["onChange"]),
        "vehicle.maintenance.daysBeforeMaintenance": (.number, ["onChange", "equalsTo", "greaterThan", "lowerThan"]),
        "vehicle.maintenance.mileageBeforeMaintenance": (.number, ["onChange", "equalsTo", "greaterThan", "lowerThan"]),
        "vehicle.safety.beltWarning": (.oneOf(["Normal", "Omission"]), ["onChange", "equalsTo"]),
        "environment.air.temp": (.number, ["equalsTo", "greaterThan", "lowerThan"]),
        "privacy.state": (.oneOf(["None", "Geolocation", "Full"]), ["equalsTo", "onChange", "includedIn"]),
    ]

    /// What a data trigger's `value` strings must look like.
    enum ValueKind {
        case number, integer, boolean, alertList, none
        case oneOf([String])
    }

    static let extendedEventParams: Set<String> = [
        "door.state", "vehicle.status", "vehicle.maintenance", "vehicle.position", "vehicle.telemetry", "alerts",
        "vehicle.doorsState", "vehicle.alerts",
    ]

    /// The walk over one document; every `fail` names the path it is at. A failure ends the check of the part it
    /// is in (a trigger, the callback, `bool.exp`…) and the walk goes on with the next part.
    private final class Check {
        let document: JSON
        private(set) var problems: [MonitorProblem] = []

        init(document: JSON) { self.document = document }

        func fail(_ path: String, _ problem: String) -> MonitorProblem { MonitorProblem(path: path, message: problem) }

        /// Runs one part of the check, recording its problem instead of stopping the walk.
        func collect(_ part: () throws(MonitorProblem) -> Void) {
            do { try part() } catch { problems.append(error) }
        }

        func object(_ value: JSON?, _ path: String, required: Bool = true) throws(MonitorProblem) -> [(String, JSON)]? {
            guard let value else {
                if required { throw fail(path, "is required") }
                return nil
            }
            guard let members = value.members else { throw fail(path, "expected an object, got \(value.kindName)") }
            return members
        }

        func string(_ value: JSON?, _ path: String, required: Bool = true) throws(MonitorProblem) -> String? {
            guard let value else {
                if required { throw fail(path, "is required") }
                return nil
            }
            guard let s = value.string else { throw fail(path, "expected a string, got \(value.kindName)") }
            guard !s.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail(path, "must not be empty") }
            return s
        }

        func number(_ value: JSON?, _ path: String, min: Double? = nil, integer: Bool = false) throws(MonitorProblem) -> Double? {
            guard let value else { return nil }
            guard let n = value.number else { throw fail(path, "expected a number, got \(value.kindName)") }
            if integer, n != n.rounded() { throw fail(path, "expected an integer, got \(n)") }
            if let min, n < min { throw fail(path, "must be at least \(Int(min)), got \(n)") }
            return n
        }

        func oneOf(_ value: JSON?, _ path: String, _ allowed: [String], required: Bool = true) throws(MonitorProblem) -> String? {
            guard let s = try string(value, path, required: required) else { return nil }
            guard allowed.contains(s) else { throw fail(path, "'\(s)' is not one of \(allowed.joined(separator: ", "))") }
            return s
        }

        func monitor() throws(MonitorProblem) {
            guard let root = try object(document, "$") else { return }
            let known = ["label", "locale", "subscribeParam", "extendedEventParam", "triggerParam"]
            for unknown in root where !known.contains(unknown.0) {
                problems.append(fail("$.\(unknown.0)", "unknown field; a monitor has \(known.joined(separator: ", "))"))
            }
            collect { () throws(MonitorProblem) in _ = try string(document["label"], "$.label") }
            collect { () throws(MonitorProblem) in
                if let locale = try string(document["locale"], "$.locale", required: false), !Localization.isWellFormed(locale) {
                    throw fail("$.locale", "'\(locale)' is not a locale like fr-FR")
                }
            }
            subscribe(document["subscribeParam"])
            collect { () throws(MonitorProblem) in
                guard let params = document["extendedEventParam"] else { return }
                guard let items = params.array else { throw fail("$.extendedEventParam", "expected an array, got \(params.kindName)") }
                for (n, item) in items.enumerated() {
                    collect { () throws(MonitorProblem) in
                        let path = "$.extendedEventParam[\(n)]"
                        guard let s = try string(item, path), !Self.isExtendedEventParam(s) else { return }
                        throw fail(path, "'\(s)' is not one of \(extendedEventParams.sorted().joined(separator: ", ")) or vehicle.telemetry.<type>")
                    }
                }
            }
            collect { () throws(MonitorProblem) in try triggers(document["triggerParam"]) }
        }

        static func isExtendedEventParam(_ s: String) -> Bool {
            extendedEventParams.contains(s) || (s.hasPrefix("vehicle.telemetry.") && TelemetryTypes.all.contains(String(s.dropFirst(18))))
        }

        func subscribe(_ value: JSON?) {
            let base = "$.subscribeParam"
            let members: [(String, JSON)]
            do throws(MonitorProblem) {
                guard let found = try object(value, base) else { return }
                members = found
            } catch {
                problems.append(error)
                return
            }
            let known = ["callback", "refreshEvent", "retryPolicy", "batchNotify"]
            for unknown in members where !known.contains(unknown.0) {
                problems.append(fail("\(base).\(unknown.0)", "unknown field; subscribeParam has \(known.joined(separator: ", "))"))
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
            if let target = try string(callback?["target"], "\(callbackPath).target") {
                let lower = target.lowercased()
                let rest = lower.hasPrefix("https://") ? lower.dropFirst(8) : lower.hasPrefix("http://") ? lower.dropFirst(7) : nil
                guard let rest, let host = rest.split(separator: "/").first, !host.isEmpty, !target.contains(" ") else {
                    throw fail("\(callbackPath).target", "'\(target)' is not an absolute http(s) URL")
                }
            }
            let attributesKey = callback?["attributes"] != nil ? "attributes" : "attributres"
            guard let attributes = callback?[attributesKey] else { return }
            guard let items = attributes.array else {
                throw fail("\(callbackPath).\(attributesKey)", "expected an array, got \(attributes.kindName)")
            }
            for (n, item) in items.enumerated() {
                let path = "\(callbackPath).\(attributesKey)[\(n)]"
                _ = try object(item, path)
                _ = try oneOf(item["type"], "\(path).type", ["Header", "Body", "Query"])
                _ = try string(item["key"], "\(path).key")
                guard item["value"] != nil else { throw fail("\(path).value", "is required") }
            }
        }

        func triggers(_ value: JSON?) throws(MonitorProblem) {
            let base = "$.triggerParam"
            guard let members = try object(value, base) else { return }
            let keys = Set(members.map(\.0))
            let newStyle = keys.contains("triggers") || keys.contains("bool.exp")
            let oldStyle = keys.contains("dataTriggers") || keys.contains("timeZoneTriggers")
            if newStyle, oldStyle {
                throw fail(base, "triggers/bool.exp cannot be mixed with the deprecated dataTriggers/timeZoneTriggers")
            }
            if let unknown = members.first(where: { !["triggers", "bool.exp", "dataTriggers", "timeZoneTriggers"].contains($0.0) }) {
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
            collect { () throws(MonitorProblem) in try expression(value?["bool.exp"], "\(base).bool.exp", names: written) }
        }

        /// One item of `triggers`: a name not used before and exactly one of zone, time, data.
        func trigger(_ item: JSON, _ path: String, names: inout [String]) throws(MonitorProblem) {
            guard let trigger = try object(item, path) else { return }
            guard let name = try string(item["name"], "\(path).name") else { return }
            guard name.first?.isLetter == true, name.allSatisfy({ $0.isLetter || $0.isNumber || "_.-".contains($0) }) else {
                throw fail("\(path).name", "'\(name)' must start with a letter and hold only letters, digits, '_', '.', '-'")
            }
            guard !names.contains(name) else { throw fail("\(path).name", "'\(name)' is already the name of another trigger") }
            names.append(name)
            let kinds = trigger.map(\.0).filter { ["zone", "time", "data"].contains($0) }
            if let unknown = trigger.first(where: { !["name", "zone", "time", "data"].contains($0.0) }) {
                throw fail("\(path).\(unknown.0)", "unknown field; a trigger has name and one of zone, time, data")
            }
            guard kinds.count == 1 else {
                throw fail(
                    path,
                    kinds.isEmpty
                        ? "needs one of zone, time, data" : "has \(kinds.joined(separator: " and ")): exactly one of zone, time, data is allowed")
            }
            switch kinds[0] {
            case "zone": try zoneTrigger(item["zone"], "\(path).zone")
            case "time": try timeTrigger(item["time"], "\(path).time")
            default: try dataTrigger(item["data"], "\(path).data")
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
                let recurrence = try oneOf(item["recurrence"], "\(p).recurrence", ["None", "Daily", "Weekly"], required: false) ?? "Daily"
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

        static func isWeek(_ text: String) -> Bool {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            let numbers = parts.map { $0.hasPrefix("w") ? Int($0.dropFirst()) : nil }
            guard (1...2).contains(parts.count), numbers.allSatisfy({ $0.map { (1...52).contains($0) } ?? false }) else { return false }
            return numbers.count == 1 || (numbers[0] ?? 0) <= (numbers[1] ?? 0)
        }

        func dataTrigger(_ value: JSON?, _ path: String) throws(MonitorProblem) {
            guard try object(value, path) != nil else { return }
            guard let datum = try string(value?["data"], "\(path).data") else { return }
            guard let rule = MonitorValidator.dataTriggers[datum] else {
                throw fail("\(path).data", "'\(datum)' is not a v4.0 data trigger; see the DataTrigger enum (e.g. vehicle.energy.electric.level)")
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
            for (n, item) in values.enumerated() {
                let p = "\(path).value[\(n)]"
                guard let s = item.string else { throw fail(p, "expected a string, got \(item.kindName)") }
                switch rule.kind {
                case .number where Double(s) == nil: throw fail(p, "'\(s)' is not a number")
                case .integer where Int(s) == nil: throw fail(p, "'\(s)' is not an integer")
                case .boolean where s != "true" && s != "false": throw fail(p, "'\(s)' is not true or false")
                case .oneOf(let allowed) where !allowed.contains(s): throw fail(p, "'\(s)' is not one of \(allowed.joined(separator: ", "))")
                default: break
                }
            }
        }
    }
}
