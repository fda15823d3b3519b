/// Arithmetic, comparison and boolean operators on values. Ints stay ints (overflow is an error, `/` gives an int
/// when it divides exactly), ints and floats mix, `+` also joins strings and lists.
enum Operators {
    static func unary(_ op: String, _ value: Value, at range: SourceRange) throws -> Value {
        switch (op, value) {
        case ("not", .bool(let b)): return .bool(!b)
        case ("not", _): throw notBool(op, value, at: range)
        case ("-", .int(let i)) where i != .min: return .int(-i)
        case ("-", .double(let d)): return .double(-d)
        default: throw ShellError(.typeMismatch, "cannot negate \(value.kindPhrase)", at: range)
        }
    }

    static func notBool(_ op: String, _ value: Value, at range: SourceRange) -> ShellError {
        ShellError(.typeMismatch, "'\(op)' needs bools, got \(value.kindPhrase)", hint: "compare first, e.g. `$x != null`", at: range)
    }

    static func binary(_ op: String, _ lhs: Value, _ rhs: Value, at range: SourceRange) throws -> Value {
        switch op {
        case "==": return .bool(lhs.looselyEquals(rhs))
        case "!=": return .bool(!lhs.looselyEquals(rhs))
        case "<", "<=", ">", ">=":
            guard let order = lhs.compare(rhs) else {
                throw ShellError(
                    .typeMismatch, "cannot compare \(lhs.kindPhrase) with \(rhs.kindPhrase) using '\(op)'",
                    hint: lhs == .null || rhs == .null ? "a field may be missing; test it with `!= null` first" : nil, at: range)
            }
            switch op {
            case "<": return .bool(order < 0)
            case "<=": return .bool(order <= 0)
            case ">": return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        default:
            return try arithmetic(op, lhs, rhs, at: range)
        }
    }

    private static func arithmetic(_ op: String, _ lhs: Value, _ rhs: Value, at range: SourceRange) throws -> Value {
        switch (op, lhs, rhs) {
        case ("+", .string(let a), .string(let b)): return .string(a + b)
        case ("+", .list(let a), .list(let b)): return .list(a + b)
        case (_, .int(let a), .int(let b)): return try integer(op, a, b, at: range)
        default:
            guard let a = lhs.number, let b = rhs.number else {
                throw ShellError(.typeMismatch, "cannot apply '\(op)' to \(lhs.kindPhrase) and \(rhs.kindPhrase)", at: range)
            }
            let result: Double
            switch op {
            case "+": result = a + b
            case "-": result = a - b
            case "*": result = a * b
            case "/":
                guard b != 0 else { throw divisionByZero(range) }
                result = a / b
            default:
                guard b != 0 else { throw divisionByZero(range) }
                result = a.truncatingRemainder(dividingBy: b)
            }
            guard result.isFinite else { throw floatOverflow(op, at: range) }
            return .double(result)
        }
    }

    /// A float result past ±1.8e308: an error rather than an infinity that JSON cannot carry (it would print as null).
    private static func floatOverflow(_ op: String, at range: SourceRange?) -> ShellError {
        ShellError(.failed, "float overflow in '\(op)': the result is beyond ±1.8e308", at: range)
    }

    private static func integer(_ op: String, _ a: Int, _ b: Int, at range: SourceRange) throws -> Value {
        let result: (Int, Bool)
        switch op {
        case "+": result = a.addingReportingOverflow(b)
        case "-": result = a.subtractingReportingOverflow(b)
        case "*": result = a.multipliedReportingOverflow(by: b)
        case "/":
            guard b != 0 else { throw divisionByZero(range) }
            let (quotient, overflow) = a.dividedReportingOverflow(by: b)
            if !overflow, quotient * b == a { return .int(quotient) }
            return .double(Double(a) / Double(b))
        default:
            guard b != 0 else { throw divisionByZero(range) }
            result = a.remainderReportingOverflow(dividingBy: b)
        }
        guard !result.1 else { throw ShellError(.failed, "integer overflow in '\(op)'", hint: "use a float, e.g. 1.0 * x", at: range) }
        return .int(result.0)
    }

    private static func divisionByZero(_ range: SourceRange) -> ShellError { ShellError(.failed, "division by zero", at: range) }
}
