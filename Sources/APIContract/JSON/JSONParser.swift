/// A request body that is not acceptable JSON, with the place it went wrong.
package struct JSONParseError: Error, Equatable, Sendable {
    /// What is wrong, e.g. "duplicate key 'name' in $.triggerParam.triggers[0]".
    package var message: String
    /// 1-based line and column of the offending character.
    package var line: Int
    package var column: Int
    /// Where in the document: the value being read (`$.triggerParam.bool.exp`), or the repeated member.
    package var path: String

    package init(message: String, line: Int, column: Int, path: String = "$") {
        self.message = message
        self.line = line
        self.column = column
        self.path = path
    }
}

/// A document read by ``JSONParser/parseLocated(_:)``: the value, the duplicate keys it tolerated (the last value
/// of a repeated key wins), and where each value starts, so that a problem found later can point at its place.
package struct LocatedJSON: Sendable {
    package var value: JSON
    package var duplicateKeys: [JSONParseError]
    /// The UTF-8 offset where the value at each path (`$`, `$.label`, `$.triggerParam.triggers[0]`) starts.
    package var offsets: [String: Int]
}

/// Parses UTF-8 JSON (RFC 8259) into ``JSON``, rejecting duplicate object keys.
///
/// Limits: the one nesting depth of every reader (``JSONText/maxDepth``) and no trailing garbage. Strings and
/// numbers are read by the one JSON core (``JSONTextReader``): numbers without a fraction or exponent that fit an
/// `Int` stay integers.
package struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    private static let maxDepth = JSONText.maxDepth
    /// The path of the value being read, for errors.
    private var path = "$"
    /// Locating mode (``parseLocated(_:)``): duplicates are recorded instead of refused, offsets are kept.
    private let locating: Bool
    private var duplicates: [JSONParseError] = []
    private var offsets: [String: Int] = [:]

    private init(_ bytes: [UInt8], locating: Bool = false) {
        self.bytes = bytes
        self.locating = locating
    }

    /// Parses a whole document.
    package static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSON {
        var parser = JSONParser(bytes)
        parser.skipSpace()
        let value = try parser.value(path: "$")
        parser.skipSpace()
        guard parser.index == bytes.count else { throw parser.error("unexpected text after the JSON document") }
        return value
    }

    /// Parses a whole document as an editor would want it read: a repeated key is recorded (and its last value
    /// kept) rather than refused, and the place of every value is kept. Any other error still throws.
    package static func parseLocated(_ bytes: [UInt8]) throws(JSONParseError) -> LocatedJSON {
        var parser = JSONParser(bytes, locating: true)
        parser.skipSpace()
        let value = try parser.value(path: "$")
        parser.skipSpace()
        guard parser.index == bytes.count else { throw parser.error("unexpected text after the JSON document") }
        return LocatedJSON(value: value, duplicateKeys: parser.duplicates, offsets: parser.offsets)
    }

    private func error(_ message: String, path: String? = nil) -> JSONParseError {
        var line = 1
        var column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONParseError(message: message, line: line, column: column, path: path ?? self.path)
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func value(path: String) throws(JSONParseError) -> JSON {
        let outer = self.path
        self.path = path
        defer { self.path = outer }
        if locating { offsets[path] = index }
        guard index < bytes.count else { throw error("unexpected end of the document") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(path: path)
        case UInt8(ascii: "["): return try array(path: path)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
        }
    }

    private mutating func literal(_ word: String) throws(JSONParseError) {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw error("invalid literal, expected '\(word)'")
        }
        index += expected.count
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
    }

    private mutating func object(path: String) throws(JSONParseError) -> JSON {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [(String, JSON)] = []
        var seen = Set<String>()
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object([])
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key string") }
            let keyStart = index
            let key = try string()
            let isRepeated = !seen.insert(key).inserted
            if isRepeated {
                let end = index
                index = keyStart
                let duplicate = error("duplicate key '\(key)' in \(path)", path: path + "." + key)
                guard locating else { throw duplicate }
                duplicates.append(duplicate)
                index = end
            }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after key") }
            index += 1
            skipSpace()
            let member = try value(path: path + "." + key)
            if isRepeated, let first = members.firstIndex(where: { $0.0 == key }) {
                members[first].1 = member
            } else {
                members.append((key, member))
            }
            skipSpace()
            guard index < bytes.count else { throw error("unterminated object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            throw error("expected ',' or '}' in object")
        }
    }

    private mutating func array(path: String) throws(JSONParseError) -> JSON {
        try enter()
        defer { depth -= 1 }
        index += 1
        var items: [JSON] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array([])
        }
        while true {
            skipSpace()
            items.append(try value(path: "\(path)[\(items.count)]"))
            skipSpace()
            guard index < bytes.count else { throw error("unterminated array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            throw error("expected ',' or ']' in array")
        }
    }

    /// A number, read by the one JSON core (``JSONTextReader``).
    private mutating func number() throws(JSONParseError) -> JSON {
        var at = index
        let read = bytes.withUnsafeBufferPointer { buffer in Result { () throws(JSONTextError) in try JSONTextReader(buffer).number(at: &at) } }
        switch read {
        case .success(.int(let int)):
            index = at
            return .int(int)
        case .success(.double(let double)):
            index = at
            return .double(double)
        case .failure(let error):
            index = error.offset
            throw self.error(error.message)
        }
    }

    /// A string, read by the one JSON core (``JSONTextReader``).
    private mutating func string() throws(JSONParseError) -> String {
        var at = index
        let read = bytes.withUnsafeBufferPointer { buffer in Result { () throws(JSONTextError) in try JSONTextReader(buffer).string(at: &at) } }
        switch read {
        case .success(let text):
            index = at
            return text
        case .failure(let error):
            index = error.offset
            throw self.error(error.message)
        }
    }
}
