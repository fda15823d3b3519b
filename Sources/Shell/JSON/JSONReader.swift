import APIContract

/// Reads JSON (RFC 8259) into ``Value``s.
///
/// Hand-written because no library does what the shell needs (docs/architecture.md §4a): object keys keep their
/// order (tables show columns as the API sent them), `1` stays an int and `1.0` a float, a repeated key is an
/// error with its line and column, and every syntax error says where it is. Integers outside 64 bits become
/// floats. It also has to be fast — at least as fast as Foundation's JSONSerialization (bench/json-read.sh) — so
/// it scans an unsafe buffer and copies strings without escapes in one step.
package enum JSONReader {
    /// Maximum nesting of arrays and objects: the one limit of every JSON reader.
    package static let maxDepth = JSONText.maxDepth

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

        /// A number, read by the one JSON core (``JSONTextReader``).
        mutating func number() throws(JSONError) -> Value {
            do throws(JSONTextError) {
                switch try JSONTextReader(bytes).number(at: &index) {
                case .int(let int): return .int(int)
                case .double(let double): return .double(double)
                }
            } catch {
                throw self.error(error.message, at: error.offset)
            }
        }

        /// A string, read by the one JSON core (``JSONTextReader``).
        mutating func string() throws(JSONError) -> String {
            do throws(JSONTextError) { return try JSONTextReader(bytes).string(at: &index) } catch {
                throw self.error(error.message, at: error.offset)
            }
        }
    }
}
