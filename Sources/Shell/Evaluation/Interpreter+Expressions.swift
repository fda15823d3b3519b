/// Expressions: literals, strings with interpolation, variables with cell paths, lists, records,
/// `( subpipelines )` and operators.
extension Interpreter {
    /// The value of `expression` in `scope`.
    ///
    /// Inside a row condition (`row` set), a bare word that names a field of the row reads it (`where level < 20`);
    /// in `fieldPosition` (the left of a comparison, an operand of `and`/`or`/`not`) a missing field reads as null,
    /// elsewhere a bare word stays a string (`where status == parked`).
    package func evaluate(_ expression: Expression, _ scope: Scope, row: Value? = nil, fieldPosition: Bool = false) throws -> Value {
        try enterLevel(at: expression.range)
        defer { depth.leave() }
        try step()
        switch expression {
        case .null: return .null
        case .bool(let b, _): return .bool(b)
        case .int(let i, _): return .int(i)
        case .float(let d, _): return .double(d)
        case .string(let parts, _):
            var text = ""
            for part in parts {
                switch part {
                case .text(let piece): text += piece
                case .interpolation(let inner): text += try evaluate(inner, scope).text
                }
            }
            return .string(text)
        case .word(let word, let range):
            guard let row else { return .string(word) }
            // A view's column title reads the field it shows (`where target =~ my.dn` on callbacks).
            let value = Self.field(word, of: row) ?? Self.field(presentation.aliased(CellPath(parsing: word), in: row).description, of: row)
            if fieldPosition, row.recordValue != nil { fieldReads?.record(word, found: value != nil, at: range) }
            if let value { return value }
            return fieldPosition ? .null : .string(word)
        case .variable(let name, let path, let range):
            return try variable(name, path, scope, range)
        case .list(let items, _):
            return .list(try items.map { try evaluate($0, scope, row: row) })
        case .record(let fields, _):
            var record = Record()
            for field in fields {
                if record[field.key] != nil {
                    throw ShellError(
                        .badArgument, "duplicate field '\(field.key)' in the record", hint: "each field name may appear once", at: field.value.range)
                }
                record[field.key] = try evaluate(field.value, scope, row: row)
            }
            return .record(record)
        case .subexpression(let pipeline, _):
            return try run(pipeline, scope: scope, input: .empty).collect()
        case .block(_, let range):
            throw ShellError(.badArgument, "a block is not a value here", hint: "blocks are arguments of commands such as `each { … }`", at: range)
        case .unary(let op, let operand, let range):
            let value = try evaluate(operand, scope, row: row, fieldPosition: op == "not")
            return try Operators.unary(op, value, at: range)
        case .binary(let op, let left, let right, let range):
            return try binary(op, left, right, range, scope, row: row)
        case .invalid(let range):
            throw ShellError(.syntax, "this is not valid ccsh", at: range)
        }
    }

    private func binary(_ op: String, _ left: Expression, _ right: Expression, _ range: SourceRange, _ scope: Scope, row: Value?) throws -> Value {
        let logical = op == "and" || op == "or"
        let lhs = try evaluate(left, scope, row: row, fieldPosition: true)
        if logical {
            guard case .bool(let l) = lhs else { throw Operators.notBool(op, lhs, at: left.range) }
            if l == (op == "or") { return .bool(l) }
            let rhs = try evaluate(right, scope, row: row, fieldPosition: true)
            guard case .bool(let r) = rhs else { throw Operators.notBool(op, rhs, at: right.range) }
            return .bool(r)
        }
        let rhs = try evaluate(right, scope, row: row)
        if op == "=~" {
            guard case .string(let text) = lhs, case .string(let pattern) = rhs else {
                throw ShellError(.typeMismatch, "'=~' matches a string against a pattern, got \(lhs.kindPhrase) and \(rhs.kindPhrase)", at: range)
            }
            return .bool(try regex(pattern, at: right.range).firstMatch(in: text) != nil)
        }
        // In a row condition a missing field never matches an ordering: `where mileage > 10000` skips rows
        // without a mileage instead of failing on them (SQL's NULL).
        if row != nil, lhs == .null || rhs == .null, op.first == "<" || op.first == ">" { return .bool(false) }
        return try Operators.binary(op, lhs, rhs, at: range)
    }

    /// A bare word read from a row: a plain name is one field lookup (the common case, per row of a `where`);
    /// a dotted word is a cell path.
    private static func field(_ word: String, of row: Value) -> Value? {
        guard word.utf8.contains(UInt8(ascii: ".")) else { return row.recordValue?[word] }
        return row.lookup(CellPath(parsing: word))
    }

    private func variable(_ name: String, _ path: [String], _ scope: Scope, _ range: SourceRange) throws -> Value {
        let value: Value
        if name == "env" {
            value = .record(Record(environment.sorted { $0.key < $1.key }.map { Record.Field(name: $0.key, value: .string($0.value)) }))
        } else if name == "in", let input = try scope.pipelineInput() {
            value = input
        } else if let found = scope.lookup(name) {
            value = found
        } else {
            let names = scope.variableNames.union(["env"])
            let hint = Suggestion.nearest(to: name, in: names).map { "did you mean '$\($0)'?" } ?? "define it first: `let \(name) = …`"
            throw ShellError(.undefinedVariable, "no variable '$\(name)'", hint: hint, at: range)
        }
        guard !path.isEmpty else { return value }
        if name == "env", path.count == 1, value.recordValue?[path[0]] == nil {
            throw ShellError(
                .notFound, "no environment variable '\(path[0])'", hint: "check it is exported, or test with `$env | get \(path[0])`", at: range)
        }
        return try value.follow(CellPath(path), at: range)
    }
}
