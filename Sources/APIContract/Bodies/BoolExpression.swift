/// A monitor's `bool.exp` (docs/api.md §10.1): `exp ::= exp '&' exp | exp '|' exp | (exp) | !exp`, operands being
/// trigger names. Precedence, which the spec leaves open, is `!` over `&` over `|`.
package indirect enum BoolExpression: Equatable, Sendable {
    case operand(String)
    case not(BoolExpression)
    case and(BoolExpression, BoolExpression)
    case or(BoolExpression, BoolExpression)

    /// Why an expression was refused, with the 1-based column it refers to.
    package struct ParseError: Error, Equatable, Sendable {
        package var message: String
        package var column: Int

        package init(message: String, column: Int) {
            self.message = message
            self.column = column
        }
    }

    /// The trigger names the expression reads, in first-use order.
    package var operands: [String] {
        switch self {
        case .operand(let name): [name]
        case .not(let e): e.operands
        case .and(let a, let b), .or(let a, let b): a.operands + b.operands.filter { !a.operands.contains($0) }
        }
    }

    package func evaluate(_ values: [String: Bool]) -> Bool {
        switch self {
        case .operand(let name): values[name] ?? false
        case .not(let e): !e.evaluate(values)
        case .and(let a, let b): a.evaluate(values) && b.evaluate(values)
        case .or(let a, let b): a.evaluate(values) || b.evaluate(values)
        }
    }

    /// True when the expression gives the same result for every assignment of its operands (e.g. `a | !a`), which
    /// the API rejects. Checked exhaustively up to 16 operands.
    package var constantValue: Bool? {
        let names = operands
        guard names.count <= 16 else { return nil }
        var seen: Bool?
        for bits in 0..<(1 << names.count) {
            var values: [String: Bool] = [:]
            for (n, name) in names.enumerated() { values[name] = bits & (1 << n) != 0 }
            let result = evaluate(values)
            if let seen, seen != result { return nil }
            seen = result
        }
        return seen
    }

    // MARK: Parsing

    private enum Token: Equatable {
        case name(String)
        case and, or, not, open, close, end
    }

    /// Trigger names: letters, digits, `_`, `-` and `.`.
    private static func isNameCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "-" || c == "." }

    /// The 1-based column (in characters) where `name` is first written as a whole operand in `text`; 1 if never.
    package static func column(of name: String, in text: String) -> Int {
        let chars = Array(text)
        let target = Array(name)
        var i = 0
        while i + target.count <= chars.count {
            let before = i == 0 ? nil : chars[i - 1]
            let after = i + target.count < chars.count ? chars[i + target.count] : nil
            if Array(chars[i..<i + target.count]) == target, !(before.map(isNameCharacter) ?? false), !(after.map(isNameCharacter) ?? false) {
                return i + 1
            }
            i += 1
        }
        return 1
    }

    package static func parse(_ text: String) throws(ParseError) -> BoolExpression {
        var tokens: [(Token, Int)] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case " ", "\t": i += 1
            case "&":
                tokens.append((.and, i + 1))
                i += 1
            case "|":
                tokens.append((.or, i + 1))
                i += 1
            case "!":
                tokens.append((.not, i + 1))
                i += 1
            case "(":
                tokens.append((.open, i + 1))
                i += 1
            case ")":
                tokens.append((.close, i + 1))
                i += 1
            default:
                guard isNameCharacter(c) else {
                    throw ParseError(message: "unexpected character '\(c)'", column: i + 1)
                }
                let start = i
                while i < chars.count, isNameCharacter(chars[i]) { i += 1 }
                tokens.append((.name(String(chars[start..<i])), start + 1))
            }
        }
        tokens.append((.end, chars.count + 1))
        guard tokens.count > 1 else { throw ParseError(message: "the expression is empty", column: 1) }
        try checkBalance(tokens)
        var parser = Parser(tokens: tokens)
        let expression = try parser.or()
        if case .close = parser.peek.0 {
            throw ParseError(message: "unbalanced parentheses: ')' has no matching '('", column: parser.peek.1)
        }
        guard parser.peek.0 == .end else { throw ParseError(message: "expected an operator", column: parser.peek.1) }
        return expression
    }

    /// Reports unbalanced parentheses before parsing, naming the outermost unclosed one.
    private static func checkBalance(_ tokens: [(Token, Int)]) throws(ParseError) {
        var open: [Int] = []
        for (token, column) in tokens {
            if token == .open { open.append(column) }
            if token == .close {
                guard open.popLast() != nil else {
                    throw ParseError(message: "unbalanced parentheses: ')' at column \(column) has no matching '('", column: column)
                }
            }
        }
        if let first = open.first {
            let more = open.count > 1 ? " (\(open.count) are open at the end)" : ""
            throw ParseError(message: "unbalanced parentheses: '(' at column \(first) is never closed\(more)", column: first)
        }
    }

    private struct Parser {
        var tokens: [(Token, Int)]
        var index = 0
        var openParens: [Int] = []

        var peek: (Token, Int) { tokens[index] }

        mutating func or() throws(ParseError) -> BoolExpression {
            var left = try and()
            while peek.0 == .or {
                index += 1
                left = .or(left, try and())
            }
            return left
        }

        mutating func and() throws(ParseError) -> BoolExpression {
            var left = try unary()
            while peek.0 == .and {
                index += 1
                left = .and(left, try unary())
            }
            return left
        }

        mutating func unary() throws(ParseError) -> BoolExpression {
            let (token, column) = peek
            switch token {
            case .not:
                index += 1
                return .not(try unary())
            case .open:
                index += 1
                let inner = try or()
                guard peek.0 == .close else {
                    throw ParseError(message: "unbalanced parentheses: '(' at column \(column) is never closed", column: column)
                }
                index += 1
                return inner
            case .name(let name):
                index += 1
                return .operand(name)
            case .end:
                throw ParseError(message: "the expression ends where a trigger name was expected", column: column)
            case .close:
                throw ParseError(message: "unbalanced parentheses: ')' where a trigger name was expected", column: column)
            case .and, .or:
                throw ParseError(message: "an operator where a trigger name was expected", column: column)
            }
        }
    }
}
