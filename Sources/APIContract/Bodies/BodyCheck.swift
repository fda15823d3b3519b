import Foundation

/// One thing wrong with a request body: where (the JSON path of the field, e.g. `$.triggerParam.bool.exp`) and
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

/// The walk over one request body shared by the API's body rules (monitors, callbacks, remote actions): every
/// `fail` names the path it is at; a failure ends the check of the part it is in (a trigger, the callback, an
/// action…) and the walk goes on with the next part, so a client can report every problem and a server the first.
class BodyCheck {
    let document: JSON
    private(set) var problems: [MonitorProblem] = []

    init(document: JSON) { self.document = document }

    func fail(_ path: String, _ problem: String) -> MonitorProblem { MonitorProblem(path: path, message: problem) }

    /// Records a problem found outside ``collect(_:)``.
    func record(_ problem: MonitorProblem) { problems.append(problem) }

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

    /// An object whose fields are all among `known`; the first other one is the problem.
    func object(_ value: JSON?, _ path: String, known: [String], required: Bool = true) throws(MonitorProblem) -> [(String, JSON)]? {
        guard let members = try object(value, path, required: required) else { return nil }
        if let unknown = members.first(where: { !known.contains($0.0) }) {
            throw fail("\(path).\(unknown.0)", "unknown field; expected \(known.joined(separator: ", "))")
        }
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

    func bool(_ value: JSON?, _ path: String, required: Bool = false) throws(MonitorProblem) -> Bool? {
        guard let value else {
            if required { throw fail(path, "is required") }
            return nil
        }
        guard case .bool(let flag) = value else { throw fail(path, "expected true or false, got \(value.kindName)") }
        return flag
    }

    func number(_ value: JSON?, _ path: String, min: Double? = nil, max: Double? = nil, integer: Bool = false) throws(MonitorProblem) -> Double? {
        guard let value else { return nil }
        guard let n = value.number else { throw fail(path, "expected a number, got \(value.kindName)") }
        if integer, n != n.rounded() { throw fail(path, "expected an integer, got \(n)") }
        if let min, n < min { throw fail(path, "must be at least \(Int(min)), got \(n)") }
        if let max, n > max { throw fail(path, "must be at most \(Int(max)), got \(n)") }
        return n
    }

    func oneOf(_ value: JSON?, _ path: String, _ allowed: [String], required: Bool = true) throws(MonitorProblem) -> String? {
        guard let s = try string(value, path, required: required) else { return nil }
        guard allowed.contains(s) else { throw fail(path, "'\(s)' is not one of \(allowed.joined(separator: ", "))") }
        return s
    }

    /// An attribute set: `[{type, key, value}]` with `type` one of `types`.
    func attributes(_ value: JSON?, _ base: String, types: [String], required: Bool) throws(MonitorProblem) {
        guard let value else {
            if required { throw fail(base, "is required") }
            return
        }
        guard let items = value.array else { throw fail(base, "expected an array, got \(value.kindName)") }
        for (n, item) in items.enumerated() {
            let path = "\(base)[\(n)]"
            _ = try object(item, path)
            _ = try oneOf(item["type"], "\(path).type", types)
            _ = try string(item["key"], "\(path).key")
            guard let text = item["value"] else { throw fail("\(path).value", "is required") }
            guard text.string != nil else { throw fail("\(path).value", "expected a string, got \(text.kindName)") }
        }
    }

    /// An absolute URL with one of `schemes` (`https`, `http`; `wss`, `ws`) and a host.
    func url(_ value: JSON?, _ path: String, schemes: [String]) throws(MonitorProblem) {
        guard let target = try string(value, path) else { return }
        let lower = target.lowercased()
        let rest = schemes.lazy.compactMap { lower.hasPrefix($0 + "://") ? lower.dropFirst($0.count + 3) : nil }.first
        guard let rest, let host = rest.split(separator: "/").first, !host.isEmpty, !target.contains(" ") else {
            let kinds = schemes == ["https", "http"] ? "http(s)" : schemes.joined(separator: " or ")
            throw fail(path, "'\(target)' is not an absolute \(kinds) URL")
        }
    }

    /// A JSON body parsed for checking, or its syntax problem.
    static func parse(_ body: [UInt8]) throws(MonitorProblem) -> JSON {
        do throws(JSONParseError) { return try JSONParser.parse(body) } catch {
            throw MonitorProblem(path: error.path, message: error.message, syntax: error)
        }
    }
}
