/// Reads JSON (RFC 8259) into ``Value``s.
///
/// Hand-written because no library does what the shell needs (docs/architecture.md §4a): object keys keep their
/// order (tables show columns as the API sent them), `1` stays an int and `1.0` a float, a repeated key is an
/// error with its line and column, and every syntax error says where it is. Integers outside 64 bits become
/// floats. It also has to be fast — at least as fast as Foundation's JSONSerialization (bench/json-read.sh) — so
/// it scans an unsafe buffer and copies strings without escapes in one step.
package enum JSONReader {
    /// Maximum nesting of arrays and objects.
    package static let maxDepth = 512

    package static func value(from bytes: [UInt8]) throws(JSONError) -> Value {
        let result: Result<Value, JSONError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(buffer)
            do throws(JSONError) {
                parser.skipSpace()
                let value = try parser.value(depth: 0)
                parser.skipSpace()
                guard parser.index == buffer.count else { throw parser.error("unexpected text after the JSON value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    package static func value(from text: String) throws(JSONError) -> Value { try value(from: Array(text.utf8)) }

    /// The parsing state over one buffer.
    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func error(_ message: String, at offset: Int? = nil) -> JSONError {
            let end = min(offset ?? index, bytes.count)
            var line = 1
            var column = 1
            for i in 0..<end {
                if bytes[i] == 0x0A {
                    line += 1
                    column = 1
                } else if bytes[i] & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return JSONError(message: message, line: line, column: column, offset: end)
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(JSONError) -> Value {
            guard index < bytes.count else { throw error("unexpected end of input, a value was expected") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth + 1)
            case UInt8(ascii: "["): return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default:
                let character = bytes[index] < 0x80 ? "'\(Character(Unicode.Scalar(bytes[index])))'" : "a non-ASCII character"
                throw error("unexpected \(character), a value was expected")
            }
        }

        mutating func literal(_ word: StaticString, _ value: Value) throws(JSONError) -> Value {
            let count = word.utf8CodeUnitCount
            guard bytes.count - index >= count else { throw error("invalid literal, expected '\(word)'") }
            for i in 0..<count where bytes[index + i] != word.utf8Start[i] { throw error("invalid literal, expected '\(word)'") }
            index += count
            return value
        }

        mutating func object(depth: Int) throws(JSONError) -> Value {
            guard depth <= JSONReader.maxDepth else { throw error("nesting deeper than \(JSONReader.maxDepth) levels") }
            index += 1
            var fields: [Record.Field] = []
            var names: Set<String>?
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .record(Record(fields))
            }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw error(index < bytes.count ? "expected a \"key\" string" : "unterminated object: '}' expected")
                }
                let keyOffset = index
                let key = try string()
                // Linear checks for the usual small objects, a set once they grow.
                if fields.count >= 16 {
                    if names == nil { names = Set(fields.map(\.name)) }
                    guard names?.insert(key).inserted == true else { throw error("duplicate key \"\(key)\"", at: keyOffset) }
                } else if fields.contains(where: { $0.name == key }) {
                    throw error("duplicate key \"\(key)\"", at: keyOffset)
                }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after the key \"\(key)\"") }
                index += 1
                skipSpace()
                fields.append(Record.Field(name: key, value: try value(depth: depth)))
                skipSpace()
                guard index < bytes.count else { throw error("unterminated object: '}' expected") }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return .record(Record(fields))
                default: throw error("expected ',' or '}' after the value of \"\(key)\"")
                }
            }
        }

        mutating func array(depth: Int) throws(JSONError) -> Value {
            guard depth <= JSONReader.maxDepth else { throw error("nesting deeper than \(JSONReader.maxDepth) levels") }
            index += 1
            var items: [Value] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .list(items)
            }
            while true {
                skipSpace()
                items.append(try value(depth: depth))
                skipSpace()
                guard index < bytes.count else { throw error("unterminated array: ']' expected") }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return .list(items)
                default: throw error("expected ',' or ']' in the array")
                }
            }
        }

        mutating func number() throws(JSONError) -> Value {
            let start = index
            var negative = false
            if bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            let digitsStart = index
            var magnitude: UInt64 = 0
            var overflow = false
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                let digit = UInt64(bytes[index] &- UInt8(ascii: "0"))
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(digit)
                overflow = overflow || o1 || o2
                magnitude = sum
                index += 1
            }
            guard index > digitsStart else { throw error("invalid number: a digit is expected after '-'") }
            guard !(bytes[digitsStart] == UInt8(ascii: "0") && index - digitsStart > 1) else {
                throw error("invalid number: leading zeros are not allowed", at: digitsStart)
            }
            var isFloat = false
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                isFloat = true
                index += 1
                let fraction = index
                while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
                guard index > fraction else { throw error("invalid number: digits are expected after '.'") }
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                isFloat = true
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                let exponent = index
                while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
                guard index > exponent else { throw error("invalid number: digits are expected in the exponent") }
            }
            if !isFloat, !overflow {
                if negative {
                    if magnitude == 0 { return .double(-0.0) }  // keeps the sign of "-0"
                    if magnitude <= UInt64(Int64.max) + 1 { return .int(Int(truncatingIfNeeded: 0 &- magnitude)) }
                } else if magnitude <= UInt64(Int64.max) {
                    return .int(Int(magnitude))
                }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let double = Double(text), double.isFinite else { throw error("number out of range: \(text)", at: start) }
            return .double(double)
        }

        mutating func string() throws(JSONError) -> String {
            index += 1
            let start = index
            // Fast path: no escape before the closing quote. ASCII text needs no UTF-8 check (most API strings).
            var allBits: UInt8 = 0
            while index < bytes.count {
                let byte = bytes[index]
                allBits |= byte
                if byte == UInt8(ascii: "\"") {
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    guard let text = allBits < 0x80 ? String(decoding: raw, as: UTF8.self) : String(validating: raw, as: UTF8.self) else {
                        throw error("invalid UTF-8 in a string", at: start)
                    }
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                guard byte >= 0x20 else {
                    throw error("control character in a string (escape it as \\u00\(byte < 16 ? "0" : "")\(String(byte, radix: 16)))")
                }
                index += 1
            }
            var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    guard let text = String(validating: out, as: UTF8.self) else { throw error("invalid UTF-8 in a string", at: start) }
                    return text
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { break }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"): out += Array(String(try unicodeEscape()).utf8)
                    default: throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'", at: index - 2)
                    }
                default:
                    guard byte >= 0x20 else { throw error("control character in a string") }
                    out.append(byte)
                    index += 1
                }
            }
            throw error("unterminated string: '\"' expected", at: start - 1)
        }

        mutating func hex4() throws(JSONError) -> UInt32 {
            guard bytes.count - index >= 4 else { throw error("invalid \\u escape: four hex digits expected") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index] | 0x20
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                default: throw error("invalid \\u escape: four hex digits expected")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        mutating func unicodeEscape() throws(JSONError) -> Character {
            let high = try hex4()
            if (0xD800..<0xDC00).contains(high) {
                guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("unpaired surrogate \\u\(String(high, radix: 16)): a low surrogate must follow")
                }
                index += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low), let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else {
                    throw error("invalid surrogate pair")
                }
                return Character(scalar)
            }
            guard let scalar = Unicode.Scalar(high) else { throw error("unpaired surrogate \\u\(String(high, radix: 16))") }
            return Character(scalar)
        }
    }
}
