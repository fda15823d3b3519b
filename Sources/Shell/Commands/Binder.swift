/// Matches a parsed command call against a ``Signature`` and produces a ``Call``: positionals in order, a rest
/// parameter, `--flag value`, `--flag=value`, `-f`, switches; values checked against shapes. Every error says
/// what was expected, where, and suggests the nearest flag name.
struct Binder {
    let signature: Signature
    let syntax: CommandCall
    /// How many leading positional arguments name a subcommand (`monitors create` → 1).
    let skipped: Int
    let evaluate: (Expression) throws -> Value
    let makeClosure: (Expression) -> Closure

    func bind() throws -> Call {
        var call = Call(name: signature.name, range: syntax.range)
        var arguments = syntax.arguments[...]
        var skip = skipped
        var nextPositional = 0
        while let argument = arguments.popFirst() {
            switch argument {
            case .flag(let name, let attached, let range):
                guard let flag = signature.flag(named: name) else { throw unknownFlag(name, range) }
                guard let shape = flag.shape else {
                    try bindSwitch(flag, attached, range, into: &call)
                    continue
                }
                var expression = attached
                if expression == nil, case .positional(let next)? = arguments.first {
                    expression = next
                    arguments.removeFirst()
                }
                guard let expression else {
                    throw ShellError(
                        .badArgument, "flag '--\(flag.name)' needs a value (\(shape.description))", hint: "write `--\(flag.name) VALUE`", at: range)
                }
                let bound = Call.Bound(value: try value(expression, shape, "--\(flag.name)"), range: range.union(expression.range))
                call.flagValues[flag.name, default: []].append(Call.Bound(value: bound.value, range: expression.range))
                if flag.isRepeatable {
                    let earlier = call.arguments[flag.name]?.value.listItems ?? []
                    call.arguments[flag.name] = Call.Bound(
                        value: .list(earlier + [bound.value]), range: call.arguments[flag.name]?.range.union(bound.range) ?? bound.range)
                } else {
                    call.arguments[flag.name] = bound
                }
            case .positional(let expression):
                if skip > 0 {
                    skip -= 1
                    continue
                }
                guard nextPositional < signature.positionals.count else { throw tooMany(expression.range) }
                let parameter = signature.positionals[nextPositional]
                if parameter.isRest {
                    call.rest.append(Call.Bound(value: try value(expression, parameter.shape, parameter.name), range: expression.range))
                    continue
                }
                nextPositional += 1
                if parameter.shape.isDeferred {
                    call.closures[parameter.name] = try closure(expression, parameter)
                } else {
                    call.arguments[parameter.name] = Call.Bound(
                        value: try value(expression, parameter.shape, parameter.name), range: expression.range)
                }
            }
        }
        if let missing = signature.positionals.dropFirst(nextPositional).first(where: { !$0.isOptional }) {
            throw ShellError(
                .badArgument, "'\(signature.name)' needs the argument <\(missing.name)> (\(missing.shape.description))",
                hint: "usage: \(signature.usage)", at: syntax.range)
        }
        return call
    }

    private func bindSwitch(_ flag: Signature.Flag, _ attached: Expression?, _ range: SourceRange, into call: inout Call) throws {
        switch attached {
        case nil, .word("true", _): call.switches.insert(flag.name)
        case .word("false", _): call.switches.remove(flag.name)
        default: throw ShellError(.badArgument, "'--\(flag.name)' is a switch and takes no value", hint: "write `--\(flag.name)` alone", at: range)
        }
    }

    private func closure(_ expression: Expression, _ parameter: Signature.Positional) throws -> Closure {
        if parameter.shape == .closure, !isBlock(expression) {
            throw ShellError(
                .badArgument, "'\(signature.name)' needs a block for <\(parameter.name)>, like `{ $it.name }`", at: expression.range)
        }
        return makeClosure(expression)
    }

    private func isBlock(_ expression: Expression) -> Bool {
        if case .block = expression { true } else { false }
    }

    /// Evaluates an argument and checks it against its shape.
    private func value(_ expression: Expression, _ shape: Shape, _ what: String) throws -> Value {
        if shape == .cellPath {
            switch expression {
            case .word(let word, _): return .string(word)
            case .int(let index, _): return .string(String(index))
            default: break
            }
        }
        if case .block = expression, !shape.isDeferred {
            throw ShellError(
                .badArgument, "a block is not a value for '\(what)'", hint: "only commands like `each` and `where` take blocks", at: expression.range)
        }
        var value = try evaluate(expression)
        if case .kind(let kind) = shape, kind.isName {
            switch value {
            case .int, .double: value = .string(value.text)
            case .string: break
            default:
                throw ShellError(
                    .badArgument, "'\(signature.name)' expects a \(kind.name) for '\(what)', got \(value.kindPhrase)" + describe(value),
                    hint: kind.help, at: expression.range)
            }
        }
        if let problem = mismatch(value, shape) {
            throw ShellError(
                .badArgument, "'\(signature.name)' expects \(problem) for '\(what)', got \(value.kindPhrase)" + describe(value), at: expression.range)
        }
        if case .oneOf(let choices) = shape, case .string(let text) = value, !choices.contains(text) {
            let hint = Suggestion.hint(for: text, in: choices) ?? "one of: " + choices.joined(separator: ", ")
            throw ShellError(.badArgument, "'\(text)' is not a valid value for '\(what)'", hint: hint, at: expression.range)
        }
        return value
    }

    /// What the shape wanted, when `value` does not fit it.
    private func mismatch(_ value: Value, _ shape: Shape) -> String? {
        switch (shape, value) {
        case (.any, _), (.kind, _), (.predicate, _), (.closure, _): nil
        case (.int, .int), (.number, .int), (.number, .double), (.bool, .bool), (.list, .list), (.record, .record): nil
        case (.string, .string), (.oneOf, .string), (.file, .string), (.cellPath, .string): nil
        case (.int, _): "an int"
        case (.number, _): "a number"
        case (.bool, _): "a bool"
        case (.list, _): "a list"
        case (.record, _): "a record"
        case (.string, _), (.file, _): "a string"
        case (.oneOf(let choices), _): "one of " + choices.joined(separator: ", ")
        case (.cellPath, _): "a cell path like `energy.0.level`"
        }
    }

    private func describe(_ value: Value) -> String {
        switch value {
        case .string(let s): " ('\(s)')"
        case .int, .double, .bool: " (\(value.text))"
        default: ""
        }
    }

    private func unknownFlag(_ name: String, _ range: SourceRange) -> ShellError {
        let dashes = name.count == 1 ? "-" : "--"
        guard !signature.flags.isEmpty else {
            return ShellError(
                .badArgument, "'\(signature.name)' has no flag '\(dashes)\(name)'", hint: "it takes no flags; see `help \(signature.name)`", at: range
            )
        }
        let hint =
            Suggestion.nearest(to: name, in: signature.flags.map(\.name)).map { "did you mean '--\($0)'?" }
            ?? "flags: " + signature.flags.map { "--\($0.name)" }.joined(separator: ", ")
        return ShellError(.badArgument, "unknown flag '\(dashes)\(name)' for '\(signature.name)'", hint: hint, at: range)
    }

    private func tooMany(_ range: SourceRange) -> ShellError {
        let count = signature.positionals.count
        let hint = "usage: \(signature.usage)"
        let what = count == 0 ? "takes no arguments" : "takes at most \(count) argument\(count == 1 ? "" : "s")"
        return ShellError(.badArgument, "too many arguments: '\(signature.name)' \(what)", hint: hint, at: range)
    }
}
