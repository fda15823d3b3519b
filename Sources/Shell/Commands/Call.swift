/// A command invocation after binding: arguments by parameter name, checked against the signature's shapes, with
/// their source ranges for errors. Commands read it through typed accessors and never see tokens.
package struct Call {
    /// An argument's value and where it was written.
    package struct Bound {
        package var value: Value
        package var range: SourceRange
    }

    package let name: String
    /// The whole call, name to last argument.
    package let range: SourceRange
    /// Positionals and valued flags, by name (flags by their long name).
    package var arguments: [String: Bound] = [:]
    /// Every value given to a valued flag, in order, each with the range of the value alone (not the flag name):
    /// a repeatable flag's items one by one, for errors about one of them.
    package var flagValues: [String: [Bound]] = [:]
    /// The rest parameter's values, in order.
    package var rest: [Bound] = []
    /// Switches that were given.
    package var switches: Set<String> = []
    /// Predicates and blocks, unevaluated.
    package var closures: [String: Closure] = [:]

    package init(name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }

    package func value(_ name: String) -> Value? { arguments[name]?.value }

    package func int(_ name: String) -> Int? {
        if case .int(let i)? = arguments[name]?.value { i } else { nil }
    }

    package func string(_ name: String) -> String? {
        if case .string(let s)? = arguments[name]?.value { s } else { nil }
    }

    package func isSet(_ switchName: String) -> Bool { switches.contains(switchName) }

    package func cellPath(_ name: String) -> CellPath? { string(name).map(CellPath.init(parsing:)) }

    /// Rest values as cell paths (`select vin energy.0.level`).
    package var restPaths: [(path: CellPath, range: SourceRange)] { rest.map { (CellPath(parsing: $0.value.text), $0.range) } }

    package func closure(_ name: String) -> Closure? { closures[name] }

    /// Where an argument was written, or the whole call.
    package func range(of name: String) -> SourceRange { arguments[name]?.range ?? closures[name]?.range ?? range }

    /// An error about the argument `name` (or the call).
    package func error(_ message: String, hint: String? = nil, argument name: String? = nil, code: ShellError.Code = .failed) -> ShellError {
        ShellError(code, message, hint: hint, at: name.map(range(of:)) ?? range)
    }

    /// The input as rows, or an error when it is not a list (or a stream).
    package func rows(_ input: PipelineData) throws(ShellError) -> ValueStream {
        guard input.isList else {
            let kind = (try? input.collect())?.kindPhrase ?? "nothing"
            throw ShellError(
                .typeMismatch, "'\(name)' expects a list as input, got \(kind)", hint: "pipe a list into it, e.g. `[1, 2] | \(name)`", at: range)
        }
        return input.rows()
    }

    /// The input as a list of values.
    package func list(_ input: PipelineData) throws -> [Value] { try rows(input).collect() }
}
