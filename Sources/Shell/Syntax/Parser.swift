/// Parses ccsh source into a ``Block`` (docs/architecture.md §3). Error-tolerant: it records a ``Diagnostic`` and
/// carries on (an `.invalid` node stands where a value was expected), so half-typed lines still yield a tree
/// that completion can read. Callers that run code must refuse a tree that came with diagnostics.
package struct Parser {
    private var tokens: [Token]
    private var index = 0
    /// How many parentheses enclose the current pipeline: inside them a newline is only a space, so a long command
    /// can be written over several lines (`let m = (monitors create 0⏎ --label x⏎ --zone …)`).
    private var parenDepth = 0
    /// Added to every range: the position of this text inside its source (for `$( … )` in strings).
    private let base: Int
    private let text: [UInt8]
    package private(set) var diagnostics: [Diagnostic] = []
    /// How deep the current construct nests (brackets, blocks, interpolations, prefix operators).
    private var nesting = 0
    /// Set once the text nests past ``maxNesting``: the rest is skipped and no further diagnostic is recorded.
    private var isTooDeep = false

    /// Deeper text gets one diagnostic instead of a tree that overflows the stack here or in the evaluator. Real
    /// scripts nest a handful of levels; fuzzing found 5 000 parentheses crashing the evaluator.
    package static let maxNesting = 200

    /// Statement keywords, recognised at the start of a statement.
    static let keywords: Set<String> = ["let", "if", "else", "for", "in", "def", "try", "catch"]

    package init(_ text: String, offset: Int = 0) {
        tokens = Lexer.tokens(text).map { token in
            var shifted = token
            shifted.range = SourceRange(token.range.start + offset, token.range.end + offset)
            return shifted
        }
        base = offset
        self.text = Array(text.utf8)
    }

    /// Parses a whole script or REPL entry.
    package static func parse(_ text: String) -> (block: Block, diagnostics: [Diagnostic]) {
        var parser = Parser(text)
        let block = parser.statements(until: .end)
        return (block, parser.diagnostics)
    }

    // MARK: Tokens

    private var current: Token { tokens[min(index, tokens.count - 1)] }
    private var previousEnd: Int { index > 0 ? tokens[index - 1].range.end : base }

    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private func isWord(_ word: String) -> Bool { current.kind == .word(word) }

    private mutating func skipNewlines() { while current.kind == .newline { advance() } }

    private mutating func report(_ message: String, _ range: SourceRange, hint: String? = nil, incomplete: Bool = false) {
        guard !isTooDeep else { return }
        diagnostics.append(Diagnostic(message: message, range: range, hint: hint, isIncomplete: incomplete || current.kind == .end))
    }

    /// Expects the token closing a bracket opened at `opened`; when the input ends first, the error points at the
    /// opener, which is where the fix goes.
    private mutating func close(_ kind: Token.Kind, _ what: String, opened: SourceRange) {
        guard current.kind == .end else {
            _ = expect(kind, what)
            return
        }
        let opener = String(decoding: text[max(0, opened.start - base)..<min(text.count, opened.end - base)], as: UTF8.self)
        report("'\(opener)' is never closed", opened, hint: "add \(what)", incomplete: true)
    }

    /// Enters one more level of nesting; past ``maxNesting`` it reports the place once, skips to the end of the
    /// input, and returns false (the caller then returns an empty or invalid node). Every `deeper()` that returns
    /// true is paired with a `nesting -= 1`.
    ///
    /// Chained operators and pipeline stages count too: the evaluator walks their trees as deep as they are long.
    private mutating func deeper() -> Bool {
        guard !isTooDeep, nesting < Self.maxNesting else {
            if !isTooDeep {
                diagnostics.append(
                    Diagnostic(
                        message: "this nests deeper than \(Self.maxNesting) levels (brackets, blocks, operators and pipeline stages count)",
                        range: current.range, hint: "name the inner parts with `let` and go on from those"))
                isTooDeep = true
            }
            while current.kind != .end { advance() }
            return false
        }
        nesting += 1
        return true
    }

    /// Expects a token kind; reports and does not consume otherwise.
    private mutating func expect(_ kind: Token.Kind, _ what: String) -> Bool {
        guard current.kind == kind else {
            report("expected \(what)\(describeCurrent())", current.range)
            return false
        }
        advance()
        return true
    }

    private func describeCurrent() -> String {
        switch current.kind {
        case .end: ", found the end of the input"
        case .newline: ", found the end of the line"
        default: ", found '\(String(decoding: text[max(0, current.range.start - base)..<min(text.count, current.range.end - base)], as: UTF8.self))'"
        }
    }

    // MARK: Statements

    private mutating func statements(until closing: Token.Kind) -> Block {
        let start = current.range.start
        var statements: [Statement] = []
        while true {
            while current.kind == .newline || current.kind == .semicolon { advance() }
            if current.kind == closing || current.kind == .end { break }
            let before = index
            statements.append(statement())
            switch current.kind {
            case .newline, .semicolon, closing, .end: break
            default:
                let hint = current.kind == .assign ? "to set a variable, write `let name = …`" : "separate statements with a newline or ';'"
                report("expected the end of the statement\(describeCurrent())", current.range, hint: hint)
                while ![.newline, .semicolon, closing, .end].contains(current.kind) { advance() }
            }
            if index == before { advance() }
        }
        return Block(statements: statements, range: SourceRange(start, previousEnd))
    }

    private mutating func statement() -> Statement {
        let start = current.range.start
        switch current.kind {
        case .word("let"):
            advance()
            let name = variableName("let")
            _ = expect(.assign, "'=' after the variable name")
            let value = pipeline()
            return .let(name, value, SourceRange(start, previousEnd))
        case .word("if"):
            return ifStatement()
        case .word("for"):
            advance()
            let name = variableName("for")
            if isWord("in") { advance() } else { report("expected 'in' after the loop variable\(describeCurrent())", current.range) }
            // The loop body's '{' ends the source: `for v in vehicles { … }`.
            let source = pipeline(stopAtBrace: true)
            let body = block("the loop body")
            return .for(name, source, body, SourceRange(start, previousEnd))
        case .word("def"):
            advance()
            var name = ""
            if case .word(let word) = current.kind {
                name = word
                advance()
            } else {
                report("expected a command name after 'def'\(describeCurrent())", current.range)
            }
            let parameters = parameterList()
            let body = block("the command body")
            return .def(name, parameters, body, SourceRange(start, previousEnd))
        case .word("try"):
            advance()
            let body = block("the try body")
            skipNewlines()
            var errorName: String?
            var handler = Block(statements: [], range: SourceRange(previousEnd, previousEnd))
            if isWord("catch") {
                advance()
                if case .word(let word) = current.kind {
                    errorName = word
                    advance()
                } else if case .variable(let word, []) = current.kind {
                    errorName = word
                    advance()
                }
                handler = block("the catch body")
            } else {
                report("expected 'catch' after the try block\(describeCurrent())", current.range)
            }
            return .try(body, errorName, handler, SourceRange(start, previousEnd))
        default:
            return .pipeline(pipeline())
        }
    }

    private mutating func ifStatement() -> Statement {
        let start = current.range.start
        advance()
        let condition = expression()
        let then = block("the if body")
        var otherwise: Statement?
        let save = index
        skipNewlines()
        if isWord("else") {
            advance()
            if isWord("if") {
                otherwise = ifStatement()
            } else {
                otherwise = .block(block("the else body"))
            }
        } else {
            index = save
        }
        return .if(condition, then, otherwise, SourceRange(start, previousEnd))
    }

    private mutating func variableName(_ keyword: String) -> String {
        switch current.kind {
        case .word(let name) where !Self.keywords.contains(name):
            advance()
            return name
        case .variable(let name, []):
            advance()
            return name
        default:
            report("expected a variable name after '\(keyword)'\(describeCurrent())", current.range)
            return ""
        }
    }

    private mutating func parameterList() -> [Parameter] {
        guard expect(.leftBracket, "'[' to open the parameter list") else { return [] }
        var parameters: [Parameter] = []
        while true {
            skipNewlines()
            if current.kind == .comma { advance() }
            skipNewlines()
            guard case .word(var name) = current.kind else { break }
            let range = current.range
            advance()
            let rest = name.hasPrefix("...")
            if rest { name.removeFirst(3) }
            let optional = name.hasSuffix("?")
            if optional { name.removeLast() }
            parameters.append(Parameter(name: name, isOptional: optional, isRest: rest, range: range))
        }
        _ = expect(.rightBracket, "']' to close the parameter list")
        return parameters
    }

    private mutating func block(_ what: String) -> Block {
        guard current.kind == .leftBrace else {
            report("expected '{' to open \(what)\(describeCurrent())", current.range)
            return Block(statements: [], range: SourceRange(current.range.start, current.range.start))
        }
        let opener = current.range
        let start = opener.start
        guard deeper() else { return Block(statements: [], range: opener) }
        defer { nesting -= 1 }
        advance()
        // A block's statements end at newlines again, even inside parentheses.
        let outerParens = parenDepth
        parenDepth = 0
        defer { parenDepth = outerParens }
        var body = statements(until: .rightBrace)
        close(.rightBrace, "'}' to close \(what)", opened: opener)
        body.range = SourceRange(start, previousEnd)
        return body
    }

    // MARK: Pipelines

    /// `stopAtBrace`: a `{` ends the pipeline's last command (it opens the block of a `for`).
    private mutating func pipeline(stopAtBrace: Bool = false) -> Pipeline {
        let start = current.range.start
        var stages = [stage(stopAtBrace: stopAtBrace)]
        if parenDepth > 0 { skipNewlines() }
        // Each stage reads the one before it when its rows are pulled: a pipeline runs as deep as it is long.
        var chained = 0
        defer { nesting -= chained }
        while current.kind == .pipe {
            let pipe = current.range
            guard deeper() else { break }
            chained += 1
            advance()
            skipNewlines()  // a line ending in '|' continues
            if [.end, .rightParen, .rightBrace, .semicolon].contains(current.kind) {
                report("expected a command after '|'", pipe, hint: "remove the '|' or add a command")
                break
            }
            stages.append(stage(stopAtBrace: stopAtBrace))
            if parenDepth > 0 { skipNewlines() }
        }
        return Pipeline(stages: stages, range: SourceRange(start, previousEnd))
    }

    private mutating func stage(stopAtBrace: Bool = false) -> Stage {
        if case .word(let name) = current.kind, !["true", "false", "null", "not"].contains(name) {
            let nameRange = current.range
            advance()
            var arguments: [Argument] = []
            while true {
                if current.kind == .assign || current.kind == .comma, let joined = joinedWord(after: arguments.last) {
                    // `NAME=VALUE` and `a,b` written without spaces are one word (`--query pageSize=10`, `--header K=V`,
                    // `--zone home:in:48.85,2.35:1`, `--extend vehicle.alerts,vehicle.status`).
                    arguments[arguments.count - 1] = .positional(joined)
                    continue
                }
                if current.kind == .newline, parenDepth > 0 {
                    advance()
                    continue
                }
                switch current.kind {
                case .pipe, .semicolon, .newline, .rightParen, .rightBrace, .end, .rightBracket, .assign:
                    return .command(
                        CommandCall(name: name, nameRange: nameRange, arguments: arguments, range: SourceRange(nameRange.start, previousEnd)))
                case .flag(let flag, let value):
                    let range = current.range
                    advance()
                    let valueRange = SourceRange(range.end - (value?.utf8.count ?? 0), range.end)
                    arguments.append(.flag(flag, value: value.map { Self.wordValue($0, valueRange) }, range))
                case .leftBrace where stopAtBrace:
                    return .command(
                        CommandCall(name: name, nameRange: nameRange, arguments: arguments, range: SourceRange(nameRange.start, previousEnd)))
                default:
                    let before = index
                    arguments.append(.positional(expression()))
                    if index == before { advance() }
                }
            }
        }
        return .expression(expression())
    }

    /// Joins `word` `=` `value` (or `word` `,` `word`) written without spaces into one word, consuming the separator
    /// and the value; nil (nothing consumed) when they are spaced or either side is not a plain word, number or string.
    private mutating func joinedWord(after last: Argument?) -> Expression? {
        let separator = current.kind == .comma ? "," : "="
        let left: (text: String, range: SourceRange)
        switch last {
        case .positional(.word(let word, let range))?: left = (word, range)
        case .positional(.int(_, let range))? where separator == ",", .positional(.float(_, let range))? where separator == ",":
            left = (source(range), range)
        default: return nil
        }
        guard left.range.end == current.range.start, index + 1 < tokens.count else { return nil }
        let value = tokens[index + 1]
        guard value.range.start == current.range.end else { return nil }
        let text: String
        switch value.kind {
        case .word(let word): text = word
        case .int, .float: text = source(value.range)
        case .string(let raw), .rawString(let raw): text = raw
        default: return nil
        }
        advance()
        advance()
        return .word(left.text + separator + text, SourceRange(left.range.start, value.range.end))
    }

    /// The source text of a range of this parse.
    private func source(_ range: SourceRange) -> String {
        String(decoding: self.text[(range.start - base)..<(range.end - base)], as: UTF8.self)
    }

    /// A `--flag=value` value: a number when it reads as one, else a word.
    private static func wordValue(_ text: String, _ range: SourceRange) -> Expression {
        if let int = Int(text) { return .int(int, range) }
        return .word(text, range)
    }

    // MARK: Expressions

    /// Binary operators by precedence, loosest first.
    private static let levels: [[String]] = [["or"], ["and"], ["==", "!=", "<", "<=", ">", ">=", "=~"], ["+", "-"], ["*", "/", "mod"]]

    package mutating func expression() -> Expression { binary(level: 0) }

    private func operatorName() -> String? {
        switch current.kind {
        case .op(let name): name
        case .word(let word) where ["and", "or", "mod"].contains(word): word
        default: nil
        }
    }

    private mutating func binary(level: Int) -> Expression {
        guard level < Self.levels.count else { return unary() }
        if level == 2, isWord("not") {
            let start = current.range.start
            guard deeper() else { return .invalid(SourceRange(start, start)) }
            defer { nesting -= 1 }
            advance()
            let operand = binary(level: 2)
            return .unary("not", operand, SourceRange(start, operand.range.end))
        }
        var left = binary(level: level + 1)
        // `1 + 1 + …` makes a tree one level deeper per operator, which evaluating it walks.
        var chained = 0
        defer { nesting -= chained }
        while let name = operatorName(), Self.levels[level].contains(name) {
            guard deeper() else { break }
            chained += 1
            advance()
            skipNewlines()
            let right = binary(level: level + 1)
            left = .binary(name, left, right, left.range.union(right.range))
        }
        return left
    }

    private mutating func unary() -> Expression {
        let start = current.range.start
        guard deeper() else { return .invalid(SourceRange(start, start)) }
        defer { nesting -= 1 }
        if current.kind == .op("-") {
            advance()
            let operand = unary()
            return .unary("-", operand, SourceRange(start, operand.range.end))
        }
        return primary()
    }

    private mutating func primary() -> Expression {
        let token = current
        switch token.kind {
        case .int(let value):
            advance()
            return .int(value, token.range)
        case .float(let value):
            advance()
            return .float(value, token.range)
        case .word("true"):
            advance()
            return .bool(true, token.range)
        case .word("false"):
            advance()
            return .bool(false, token.range)
        case .word("null"):
            advance()
            return .null(token.range)
        case .word(let word):
            advance()
            return .word(word, token.range)
        case .rawString(let text):
            advance()
            return .string([.text(text)], token.range)
        case .string(let raw):
            advance()
            return .string(interpolated(raw, at: token.range.start + 1), token.range)
        case .variable(let name, let path):
            advance()
            return .variable(name, path, token.range)
        case .leftParen:
            advance()
            skipNewlines()
            parenDepth += 1
            let inner = pipeline()
            parenDepth -= 1
            skipNewlines()
            close(.rightParen, "')' to close the parenthesis", opened: token.range)
            return .subexpression(inner, SourceRange(token.range.start, previousEnd))
        case .leftBracket:
            return list()
        case .leftBrace:
            return isRecordAhead() ? record() : .block(block("the block"), SourceRange(token.range.start, previousEnd))
        case .invalid(let reason):
            advance()
            report(reason, token.range, incomplete: reason.hasPrefix("unterminated"))
            return .invalid(token.range)
        default:
            report("expected a value\(describeCurrent())", token.range)
            return .invalid(SourceRange(token.range.start, token.range.start))
        }
    }

    private mutating func list() -> Expression {
        let opener = current.range
        let start = opener.start
        advance()
        var items: [Expression] = []
        while true {
            while current.kind == .newline || current.kind == .comma { advance() }
            if current.kind == .rightBracket || current.kind == .end { break }
            let before = index
            items.append(expression())
            if index == before { advance() }
        }
        close(.rightBracket, "']' to close the list", opened: opener)
        return .list(items, SourceRange(start, previousEnd))
    }

    /// `{}`, `{name: …}`, `{"name": …}` and `{name:value …}` (written without a space, as JSON is) are records;
    /// anything else in braces is a block.
    private func isRecordAhead() -> Bool {
        var i = index + 1
        while i < tokens.count, tokens[i].kind == .newline { i += 1 }
        guard i < tokens.count else { return false }
        if tokens[i].kind == .rightBrace { return true }
        switch tokens[i].kind {
        case .word(let word) where Self.joinedField(word) != nil: return true
        case .word, .string, .rawString: return i + 1 < tokens.count && tokens[i + 1].kind == .colon
        default: return false
        }
    }

    /// `name:value` as one word: the name (letters, digits, `_`, `-`) and where the value starts in the word.
    private static func joinedField(_ word: String) -> (key: String, valueOffset: Int)? {
        guard let colon = word.firstIndex(of: ":"), colon != word.startIndex, word.index(after: colon) != word.endIndex else { return nil }
        let key = word[..<colon]
        guard let first = key.first, !first.isNumber, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            return nil
        }
        return (String(key), key.utf8.count + 1)
    }

    private mutating func record() -> Expression {
        let opener = current.range
        let start = opener.start
        advance()
        var fields: [RecordField] = []
        while true {
            while current.kind == .newline || current.kind == .comma { advance() }
            let key: String
            switch current.kind {
            case .word(let word) where Self.joinedField(word) != nil:
                // `a:1`: the value is the rest of the word, read as an expression of its own.
                guard let (name, offset) = Self.joinedField(word) else { return .record(fields, SourceRange(start, previousEnd)) }
                let valueStart = current.range.start + offset
                var sub = Parser(String(word.utf8.dropFirst(offset)) ?? "", offset: valueStart)
                sub.nesting = nesting
                let value = sub.expression()
                diagnostics += sub.diagnostics
                advance()
                fields.append(RecordField(key: name, value: value))
                continue
            case .word(let word): key = word
            case .string(let text), .rawString(let text): key = text
            default:
                if current.kind != .rightBrace, current.kind != .end { report("expected a field name\(describeCurrent())", current.range) }
                close(.rightBrace, "'}' to close the record", opened: opener)
                return .record(fields, SourceRange(start, previousEnd))
            }
            advance()
            _ = expect(.colon, "':' after the field name")
            skipNewlines()
            fields.append(RecordField(key: key, value: expression()))
        }
    }

    /// Splits a double-quoted string into text and `$name.path` / `$( pipeline )` parts, resolving escapes.
    private mutating func interpolated(_ raw: String, at offset: Int) -> [StringPart] {
        var parts: [StringPart] = []
        var text: [UInt8] = []
        let bytes = Array(raw.utf8)
        var i = 0
        func flush() {
            if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
            text = []
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\\"), i + 1 < bytes.count {
                let escaped = bytes[i + 1]
                switch escaped {
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"): text.append(escaped)
                default:
                    report(
                        "unknown escape '\\\(Character(Unicode.Scalar(escaped)))'", SourceRange(offset + i, offset + i + 2),
                        hint: "use \\\\ for a backslash")
                    text.append(escaped)
                }
                i += 2
            } else if byte == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "(") {
                flush()
                var depth = 1
                var j = i + 2
                var quoted = false
                while j < bytes.count, depth > 0 {
                    if bytes[j] == UInt8(ascii: "\\") {
                        j += 2
                        continue
                    }
                    if bytes[j] == UInt8(ascii: "\"") { quoted.toggle() }
                    if !quoted, bytes[j] == UInt8(ascii: "(") { depth += 1 }
                    if !quoted, bytes[j] == UInt8(ascii: ")") { depth -= 1 }
                    j += 1
                }
                let inner = String(decoding: bytes[(i + 2)..<max(i + 2, j - 1)], as: UTF8.self)
                var sub = Parser(inner, offset: offset + i + 2)
                sub.nesting = nesting
                let pipeline = sub.pipeline()
                diagnostics += sub.diagnostics
                if sub.isTooDeep {
                    isTooDeep = true
                    while current.kind != .end { advance() }
                }
                if depth > 0 { report("unclosed '$(' in the string", SourceRange(offset + i, offset + i + 2)) }
                parts.append(.interpolation(.subexpression(pipeline, SourceRange(offset + i + 1, offset + j))))
                i = j
            } else if byte == UInt8(ascii: "$"), i + 1 < bytes.count, Self.isNameStart(bytes[i + 1]) {
                flush()
                var lexer = Lexer(String(decoding: bytes[i...], as: UTF8.self))
                let token = lexer.next()
                if case .variable(let name, let path) = token.kind {
                    parts.append(.interpolation(.variable(name, path, SourceRange(offset + i, offset + i + token.range.end))))
                }
                i += max(1, token.range.end)
            } else {
                text.append(byte)
                i += 1
            }
        }
        flush()
        return parts
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }
}
