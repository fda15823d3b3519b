import APIContract
import Shell

/// A request body made from a command's flags (a callback, a remote action), checked with the API's rules before
/// anything is sent. Each part remembers the flag value it came from, so that a problem is shown under that value.
struct FlagBuiltBody {
    /// A part of the body (its JSON path) and the flag value that made it.
    struct Origin {
        var path: String
        var flag: String
        var bound: Call.Bound
    }

    var value: Record
    var origins: [Origin] = []

    /// Notes that the part at `path` came from `flag`'s value.
    mutating func note(_ path: String, _ flag: String, _ bound: Call.Bound?) {
        guard let bound else { return }
        origins.append(Origin(path: path, flag: flag, bound: bound))
    }

    /// The body as JSON, or every problem the rules find as one error (the others as its `related`), nothing sent.
    func checked(_ what: String, _ rules: (JSON) -> [MonitorProblem], call: Call) throws -> JSON {
        let json = JSON(.record(value))
        let problems = rules(json)
        guard !problems.isEmpty else { return json }
        var errors = problems.map { problem in
            let origin = origins.filter { Self.covers($0.path, problem.path) }.max { $0.path.count < $1.path.count }
            guard let origin else { return ShellError(.badArgument, "\(what): \(problem.path): \(problem.message)", at: call.range) }
            return ShellError(.badArgument, "--\(origin.flag): \(problem.message)", at: origin.bound.range)
        }
        errors[errors.count - 1].hint = "checked with the API's rules before sending: nothing was sent"
        var first = errors.removeFirst()
        first.related = errors
        throw first
    }

    /// Whether the part at `prefix` contains the field at `path`.
    static func covers(_ prefix: String, _ path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + ".") || path.hasPrefix(prefix + "[")
    }
}
