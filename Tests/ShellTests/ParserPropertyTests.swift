import Shell
import Testing

/// Properties over many random inputs: printed trees parse back to themselves; random lines never crash or hang.
struct ParserPropertyTests {
    /// A small deterministic generator (the tests print their seed on failure).
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    static let names = ["vehicles", "first", "where", "alerts", "status", "get", "select", "sort-by", "each", "echo", "count"]
    static let fields = ["vin", "level", "brand", "energy", "id", "a", "b2", "x_y"]
    static let operators: [(String, Int)] = [
        ("or", 0), ("and", 1), ("==", 3), ("!=", 3), ("<", 3), (">=", 3), ("=~", 3), ("+", 4), ("-", 4), ("*", 5), ("/", 5), ("mod", 5),
    ]
    static let zero = SourceRange(0, 0)

    /// Binding strength of an expression, as the parser sees it.
    static func precedence(_ e: Expression) -> Int {
        switch e {
        case .binary(let op, _, _, _): operators.first { $0.0 == op }?.1 ?? 6
        case .unary("not", _, _): 2
        default: 6
        }
    }

    static func wrapped(_ e: Expression) -> Expression {
        if case .word(let word, _) = e { return .string([.text(word)], zero) }
        return .subexpression(Pipeline(stages: [.expression(withoutLeadingWord(e))], range: zero), zero)
    }

    static func expression(_ g: inout Generator, depth: Int) -> Expression {
        switch g.next(depth > 2 ? 7 : 13) {
        case 0: return .null(zero)
        case 1: return .bool(g.next(2) == 0, zero)
        case 2: return .int(g.next(2000) - 1000, zero)
        case 3: return .float(Double(g.next(100_000)) / 64, zero)
        case 4: return .word(g.pick(fields), zero)
        case 5: return .variable(g.pick(["v", "it", "x"]), (0..<g.next(3)).map { _ in g.pick(fields + ["0", "2"]) }, zero)
        case 6:
            var parts: [StringPart] = []
            for n in 0..<g.next(4) {
                if n % 2 == 0 {
                    var text = g.pick(["a b", "q\"uote", "back\\slash", "$dollar", "tab\there", "é🚗", "line\nbreak", " "])
                    // Letters right after `$v.vin` would extend the variable's path; a user writes `$($v.vin)q`.
                    if case .interpolation(.variable)? = parts.last, text.first?.isLetter == true || text.first == "." { text = " " + text }
                    parts.append(.text(text))
                } else {
                    parts.append(
                        .interpolation(g.next(2) == 0 ? .variable("v", ["vin"], zero) : .subexpression(pipeline(&g, depth: depth + 1), zero)))
                }
            }
            return .string(parts, zero)
        case 7: return .list((0..<g.next(4)).map { _ in expression(&g, depth: depth + 1) }, zero)
        case 8:
            let keys = Array(fields.shuffled(using: &g).prefix(g.next(4)))
            return .record(keys.map { RecordField(key: $0, value: expression(&g, depth: depth + 1)) }, zero)
        case 9: return .subexpression(pipeline(&g, depth: depth + 1), zero)
        case 10:
            var operand = expression(&g, depth: depth + 1)
            if precedence(operand) < 3 { operand = wrapped(operand) }
            return .unary("not", operand, zero)
        default:
            let (op, level) = g.pick(operators)
            var left = expression(&g, depth: depth + 1)
            var right = expression(&g, depth: depth + 1)
            if precedence(left) < level || (level >= 3 && precedence(left) == 2) { left = wrapped(left) }
            if precedence(right) <= level || (level >= 3 && precedence(right) == 2) { right = wrapped(right) }
            return .binary(op, left, right, zero)
        }
    }

    /// A stage that starts with a bare word is a command call, so an expression stage's leftmost word becomes a string.
    static func withoutLeadingWord(_ e: Expression) -> Expression {
        switch e {
        case .word(let word, _): .string([.text(word)], zero)
        case .binary(let op, let left, let right, _): .binary(op, withoutLeadingWord(left), right, zero)
        default: e
        }
    }

    static func pipeline(_ g: inout Generator, depth: Int) -> Pipeline {
        let stages: [Stage] = (0..<(1 + g.next(3))).map { n in
            if n == 0, g.next(3) == 0 {
                return .expression(withoutLeadingWord(expression(&g, depth: depth + 1)))
            }
            var arguments: [Argument] = []
            for _ in 0..<g.next(4) {
                if g.next(4) == 0 {
                    arguments.append(.flag(g.pick(["locale", "reverse", "n"]), value: g.next(2) == 0 ? nil : .word("fr-FR", zero), zero))
                } else if depth < 2, g.next(6) == 0 {
                    arguments.append(.positional(.block(Block(statements: [statement(&g, depth: depth + 1)], range: zero), zero)))
                } else {
                    arguments.append(.positional(expression(&g, depth: depth + 1)))
                }
            }
            return .command(CommandCall(name: g.pick(names), nameRange: zero, arguments: arguments, range: zero))
        }
        return Pipeline(stages: stages, range: zero)
    }

    static func block(_ g: inout Generator, depth: Int) -> Block {
        Block(statements: (0..<g.next(3)).map { _ in statement(&g, depth: depth + 1) }, range: zero)
    }

    static func statement(_ g: inout Generator, depth: Int) -> Statement {
        switch depth > 2 ? 0 : g.next(7) {
        case 1: return .let(g.pick(fields), pipeline(&g, depth: depth), zero)
        case 2: return .if(expression(&g, depth: depth), block(&g, depth: depth), g.next(2) == 0 ? nil : .block(block(&g, depth: depth)), zero)
        case 3:
            // Printed unparenthesized, a source command would end at the body's '{': give it a variable or parentheses.
            let source: Expression = g.next(2) == 0 ? .variable("x", [], zero) : .subexpression(pipeline(&g, depth: depth), zero)
            return .for("v", Pipeline(stages: [.expression(source)], range: zero), block(&g, depth: depth), zero)
        case 4:
            let parameters = [
                Parameter(name: "a", isOptional: false, isRest: false, range: zero),
                Parameter(name: "b", isOptional: true, isRest: false, range: zero),
            ]
            return .def(g.pick(["low", "my-cmd"]), Array(parameters.prefix(g.next(3))), block(&g, depth: depth), zero)
        case 5: return .try(block(&g, depth: depth), g.next(2) == 0 ? nil : "e", block(&g, depth: depth), zero)
        default: return .pipeline(pipeline(&g, depth: depth))
        }
    }

    @Test("10 000 random trees: parsing their printed form gives the same tree")
    func roundTrip() {
        var seed = SystemRandomNumberGenerator()
        let start = seed.next()
        var g = Generator(state: start)
        var failures = 0
        for _ in 0..<10_000 {
            let tree = Block(statements: (0..<(1 + g.next(3))).map { _ in Self.statement(&g, depth: 0) }, range: Self.zero)
            let text = tree.source
            let (parsed, diagnostics) = Parser.parse(text)
            if !diagnostics.isEmpty || parsed.dump != tree.dump {
                failures += 1
                if failures <= 3 {
                    Issue.record("seed \(start): \(text)\nexpected \(tree.dump)\ngot      \(parsed.dump)\n\(diagnostics.map(\.message))")
                }
            }
        }
        #expect(failures == 0)
    }

    @Test("100 000 random lines never crash or hang the parser")
    func randomLines() {
        var seed = SystemRandomNumberGenerator()
        var g = Generator(state: seed.next())
        let pieces = [
            "let", "if", "else", "for", "in", "def", "try", "catch", "{", "}", "(", ")", "[", "]", "|", ";", "\n", "\"", "'", "$", "$(",
            "$v.a", "--x", "-", "==", "=", "<", "not", "and", "1", "2.5", "a", ":", ",", " ", "\\", "é", "#", "...", "?",
        ]
        for _ in 0..<100_000 {
            let line = (0..<g.next(16)).map { _ in g.pick(pieces) }.joined(separator: g.next(2) == 0 ? " " : "")
            let (block, _) = Parser.parse(line)
            _ = block.dump
        }
    }
}

extension ParserPropertyTests.Generator: RandomNumberGenerator {
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }
}
