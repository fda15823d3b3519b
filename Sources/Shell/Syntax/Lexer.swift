/// Splits ccsh source into ``Token``s. Never fails: what is not ccsh becomes an `.invalid` token with a reason,
/// so the parser can report it in place and completion still sees the rest of the line.
package struct Lexer {
    private let bytes: [UInt8]
    private var index = 0

    package init(_ text: String) { bytes = Array(text.utf8) }

    /// All tokens, ending with `.end`.
    package static func tokens(_ text: String) -> [Token] {
        var lexer = Lexer(text)
        var out: [Token] = []
        while true {
            let token = lexer.next()
            out.append(token)
            if token.kind == .end { return out }
        }
    }

    /// Characters that end a bare word.
    private static let delimiters = Set("|;,()[]{}\"'=<>#$ \t\r\n".utf8)

    private func peek(_ offset: Int = 0) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    private func text(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }

    mutating func next() -> Token {
        while let byte = peek() {
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                index += 1
            } else if byte == UInt8(ascii: "\\"), peek(1) == 0x0A || (peek(1) == 0x0D && peek(2) == 0x0A) {
                // A backslash that ends a line continues the command on the next one, as in a POSIX shell.
                index += peek(1) == 0x0A ? 2 : 3
            } else {
                break
            }
        }
        let start = index
        func token(_ kind: Token.Kind, length: Int = 1) -> Token {
            index = start + length
            return Token(kind: kind, range: SourceRange(start, index))
        }
        guard let byte = peek() else { return Token(kind: .end, range: SourceRange(index, index)) }
        switch byte {
        case UInt8(ascii: "#"):
            while let b = peek(), b != 0x0A { index += 1 }
            return next()
        case 0x0A: return token(.newline)
        case UInt8(ascii: "|"): return token(.pipe)
        case UInt8(ascii: ";"): return token(.semicolon)
        case UInt8(ascii: ","): return token(.comma)
        case UInt8(ascii: "("): return token(.leftParen)
        case UInt8(ascii: ")"): return token(.rightParen)
        case UInt8(ascii: "["): return token(.leftBracket)
        case UInt8(ascii: "]"): return token(.rightBracket)
        case UInt8(ascii: "{"): return token(.leftBrace)
        case UInt8(ascii: "}"): return token(.rightBrace)
        case UInt8(ascii: "="):
            if peek(1) == UInt8(ascii: "=") { return token(.op("=="), length: 2) }
            if peek(1) == UInt8(ascii: "~") { return token(.op("=~"), length: 2) }
            return token(.assign)
        case UInt8(ascii: "<"), UInt8(ascii: ">"):
            let name = byte == UInt8(ascii: "<") ? "<" : ">"
            return peek(1) == UInt8(ascii: "=") ? token(.op(name + "="), length: 2) : token(.op(name))
        case UInt8(ascii: "!") where peek(1) == UInt8(ascii: "="): return token(.op("!="), length: 2)
        case UInt8(ascii: "\""): return doubleQuoted(start)
        case UInt8(ascii: "'"):
            index += 1
            while let b = peek(), b != UInt8(ascii: "'") { index += 1 }
            guard peek() != nil else { return Token(kind: .invalid("unterminated string: ' expected"), range: SourceRange(start, index)) }
            index += 1
            return Token(kind: .rawString(text(start + 1, index - 1)), range: SourceRange(start, index))
        case UInt8(ascii: "$"): return variable(start)
        default: return word(start)
        }
    }

    /// `"…"`, skipping escapes and nested `$( … )` (whose own strings may hold quotes).
    private mutating func doubleQuoted(_ start: Int) -> Token {
        index += 1
        var depth = 0
        var quoted = false
        while let byte = peek() {
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if depth > 0, byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted, byte == UInt8(ascii: "$"), peek(1) == UInt8(ascii: "(") {
                depth += 1
                index += 1
            } else if !quoted, depth > 0, byte == UInt8(ascii: "(") {
                depth += 1
            } else if !quoted, depth > 0, byte == UInt8(ascii: ")") {
                depth -= 1
            } else if depth == 0, byte == UInt8(ascii: "\"") {
                index += 1
                return Token(kind: .string(text(start + 1, index - 1)), range: SourceRange(start, index))
            }
            index += 1
        }
        index = bytes.count
        return Token(kind: .invalid("unterminated string: \" expected"), range: SourceRange(start, index))
    }

    /// `$name.path.0`.
    private mutating func variable(_ start: Int) -> Token {
        index += 1
        let nameStart = index
        while let b = peek(), Self.isNameByte(b) { index += 1 }
        guard index > nameStart else {
            return Token(kind: .invalid("'$' must be followed by a variable name, like $v"), range: SourceRange(start, max(index, start + 1)))
        }
        let name = text(nameStart, index)
        var path: [String] = []
        while peek() == UInt8(ascii: "."), let b = peek(1), Self.isNameByte(b) {
            index += 1
            let segmentStart = index
            while let b = peek(), Self.isNameByte(b) { index += 1 }
            path.append(text(segmentStart, index))
        }
        return Token(kind: .variable(name, path), range: SourceRange(start, index))
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b >= 0x80
    }

    /// A bare word, a number, a flag, or a lone arithmetic operator.
    private mutating func word(_ start: Int) -> Token {
        // `"a":1`, as JSON is written: a colon right after a closing quote is a record field's.
        if peek() == UInt8(ascii: ":"), start > 0, [UInt8(ascii: "\""), UInt8(ascii: "'")].contains(bytes[start - 1]) {
            return Token(kind: .colon, range: SourceRange(start, start + 1)).advanced(&index)
        }
        let isFlag = peek() == UInt8(ascii: "-") && peek(1) == UInt8(ascii: "-")
        while let b = peek(), !Self.delimiters.contains(b) || (isFlag && b == UInt8(ascii: "=")) {
            // `name:` before a space or a value ends the word: the colon of a record field.
            if b == UInt8(ascii: ":"), let after = peek(1), " \t\n\"'[{$".utf8.contains(after) { break }
            if b == UInt8(ascii: ":"), peek(1) == nil { break }
            if b == UInt8(ascii: "!"), peek(1) == UInt8(ascii: "=") { break }
            index += 1
        }
        if index == start {
            if peek() == UInt8(ascii: ":") { return Token(kind: .colon, range: SourceRange(start, start + 1)).advanced(&index) }
            index += 1
            return Token(kind: .invalid("unexpected character '\(text(start, index))'"), range: SourceRange(start, index))
        }
        let word = text(start, index)
        let range = SourceRange(start, index)
        if ["+", "-", "*", "/"].contains(word) { return Token(kind: .op(word), range: range) }
        if let int = Int(word) { return Token(kind: .int(int), range: range) }
        if word.first?.isNumber == true || (word.first == "-" && word.dropFirst().first?.isNumber == true),
            word.allSatisfy({ $0.isNumber || "-+.eE".contains($0) }), let double = Double(word)
        {
            guard double.isFinite else { return Token(kind: .invalid("number out of range: \(word) is beyond ±1.8e308"), range: range) }
            return Token(kind: .float(double), range: range)
        }
        if word.hasPrefix("--"), word.count > 2 {
            let body = word.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                return Token(kind: .flag(String(body[..<equals]), value: String(body[body.index(after: equals)...])), range: range)
            }
            return Token(kind: .flag(String(body), value: nil), range: range)
        }
        if word.hasPrefix("-"), word.count > 1, word.dropFirst().first?.isLetter == true {
            return Token(kind: .flag(String(word.dropFirst()), value: nil), range: range)
        }
        return Token(kind: .word(word), range: range)
    }
}

extension Token {
    /// Moves the lexer past this token (for tokens decided after the scan loop).
    fileprivate func advanced(_ index: inout Int) -> Token {
        index = range.end
        return self
    }
}
