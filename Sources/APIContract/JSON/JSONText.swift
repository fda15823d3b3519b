/// The one JSON core every reader and writer in ccsh and the sandbox shares (RFC 8259): how a string is read
/// (escapes, `\u` surrogate pairs, UTF-8 checked) and written (escaped), how a number is read (integers kept exact
/// within 64 bits), and how deep documents may nest. The sandbox's strict parser (``JSONParser``), the shell's
/// value reader and writer, and the client's page scanner each keep their own structure — what they build — and
/// call this for the rest, so a string or a number means the same thing wherever it is read.
package enum JSONText {
    /// How deep arrays and objects may nest, in every reader.
    package static let maxDepth = 512

    /// A number as read: an integer when it has no fraction or exponent and fits 64 bits, else a float.
    package enum Number: Equatable, Sendable {
        case int(Int)
        case double(Double)
    }

    /// Appends `string` as a JSON string, quoted and escaped (`"`, `\`, and control characters).
    package static func append(string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Fast path: most strings (ids, URLs, enum values) need no escaping and are copied in one go.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: string.utf8)
        } else {
            for byte in string.utf8 {
                switch byte {
                case UInt8(ascii: "\""): out += [0x5C, 0x22]
                case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, UInt8(ascii: "n")]
                case 0x0D: out += [0x5C, UInt8(ascii: "r")]
                case 0x09: out += [0x5C, UInt8(ascii: "t")]
                case 0..<0x20: out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A float as JSON: shortest round-tripping digits with a decimal point on integral values (`48.0`, as
    /// production sends levels; `-0.0` keeps its sign); NaN and infinities, which JSON cannot express, are `null`.
    package static func format(_ double: Double) -> String {
        guard double.isFinite else { return "null" }
        let text = "\(double)"
        return text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? text : text + ".0"
    }
}

/// What is wrong with a string or a number, and at which byte.
package struct JSONTextError: Error, Equatable, Sendable {
    package var message: String
    package var offset: Int
}

/// Reads strings and numbers from a buffer of JSON text, at an index it moves past what it read.
package struct JSONTextReader {
    let bytes: UnsafeBufferPointer<UInt8>

    package init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The string whose opening quote is at `index`; `index` ends past its closing quote.
    package func string(at index: inout Int) throws(JSONTextError) -> String {
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
                    throw JSONTextError(message: "invalid UTF-8 in a string", offset: start)
                }
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw Self.controlCharacter(byte, at: index) }
            index += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw JSONTextError(message: "invalid UTF-8 in a string", offset: start)
                }
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
                case UInt8(ascii: "u"): out += Array(String(try unicodeEscape(at: &index)).utf8)
                default: throw JSONTextError(message: "invalid escape '\\\(Character(Unicode.Scalar(escape)))'", offset: index - 2)
                }
            default:
                guard byte >= 0x20 else { throw Self.controlCharacter(byte, at: index) }
                out.append(byte)
                index += 1
            }
        }
        throw JSONTextError(message: "unterminated string: '\"' expected", offset: start - 1)
    }

    /// The number at `index` (a `-` or a digit); `index` ends past it.
    package func number(at index: inout Int) throws(JSONTextError) -> JSONText.Number {
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
        guard index > digitsStart else { throw JSONTextError(message: "invalid number: a digit is expected after '-'", offset: index) }
        guard !(bytes[digitsStart] == UInt8(ascii: "0") && index - digitsStart > 1) else {
            throw JSONTextError(message: "invalid number: leading zeros are not allowed", offset: digitsStart)
        }
        var isFloat = false
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isFloat = true
            index += 1
            let fraction = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            guard index > fraction else { throw JSONTextError(message: "invalid number: digits are expected after '.'", offset: index) }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            isFloat = true
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let exponent = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            guard index > exponent else { throw JSONTextError(message: "invalid number: digits are expected in the exponent", offset: index) }
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
        guard let double = Double(text), double.isFinite else { throw JSONTextError(message: "number out of range: \(text)", offset: start) }
        return .double(double)
    }

    private static func controlCharacter(_ byte: UInt8, at offset: Int) -> JSONTextError {
        JSONTextError(
            message: "control character in a string (escape it as \\u00\(byte < 16 ? "0" : "")\(String(byte, radix: 16)))", offset: offset)
    }

    private func hex4(at index: inout Int) throws(JSONTextError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw JSONTextError(message: "invalid \\u escape: four hex digits expected", offset: index) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index] | 0x20
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: throw JSONTextError(message: "invalid \\u escape: four hex digits expected", offset: index)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private func unicodeEscape(at index: inout Int) throws(JSONTextError) -> Character {
        let high = try hex4(at: &index)
        if (0xD800..<0xDC00).contains(high) {
            guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw JSONTextError(message: "unpaired surrogate \\u\(String(high, radix: 16)): a low surrogate must follow", offset: index)
            }
            index += 2
            let low = try hex4(at: &index)
            guard (0xDC00..<0xE000).contains(low), let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else {
                throw JSONTextError(message: "invalid surrogate pair", offset: index)
            }
            return Character(scalar)
        }
        guard let scalar = Unicode.Scalar(high) else {
            throw JSONTextError(message: "unpaired surrogate \\u\(String(high, radix: 16))", offset: index)
        }
        return Character(scalar)
    }
}
