/// Finds the structure of a JSON document — object members, array elements and the byte range of every value —
/// without converting it. `Client` hands collection items on as their exact bytes, so whoever decodes them (the
/// shell, with its order-keeping reader) sees the API's key order; `Client` itself only needs a few fields.
///
/// Nothing is built up front: ``scan(_:)`` checks the whole document in one pass that allocates nothing, and a
/// ``Node`` finds its members or elements only when asked, by skipping over their contents. A collection page is
/// therefore read a few times at memory speed instead of being turned into a tree that is thrown away.
package enum JSONScanner {
    /// A value and where it lies in the document.
    package struct Node {
        private let bytes: [UInt8]
        /// The value's bytes in the document, without surrounding space.
        package let range: Range<Int>

        fileprivate init(bytes: [UInt8], range: Range<Int>) {
            self.bytes = bytes
            self.range = range
        }

        package subscript(key: String) -> Node? {
            members?.first { $0.key == key }?.value
        }

        /// The members of an object, in document order; nil for anything else.
        package var members: [(key: String, value: Node)]? {
            guard bytes[range.lowerBound] == UInt8(ascii: "{") else { return nil }
            var reader = Reader(bytes: bytes, index: range.lowerBound + 1)
            var members: [(key: String, value: Node)] = []
            reader.skipSpace()
            while reader.index < range.upperBound - 1 {
                let keyStart = reader.index
                guard reader.skipString(), let key = Node(bytes: bytes, range: keyStart..<reader.index).string else { return nil }
                reader.skipSpace()
                reader.index += 1  // ':' — the document was checked by `scan`
                reader.skipSpace()
                guard let value = reader.node() else { return nil }
                members.append((key, value))
                reader.skipSeparator()
            }
            return members
        }

        /// The elements of an array, in order; nil for anything else.
        package var elements: [Node]? {
            guard bytes[range.lowerBound] == UInt8(ascii: "[") else { return nil }
            var reader = Reader(bytes: bytes, index: range.lowerBound + 1)
            var elements: [Node] = []
            reader.skipSpace()
            while reader.index < range.upperBound - 1 {
                guard let element = reader.node() else { return nil }
                elements.append(element)
                reader.skipSeparator()
            }
            return elements
        }

        /// A string's decoded text; nil for anything else.
        package var string: String? {
            guard bytes[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
            let inner = range.lowerBound + 1..<range.upperBound - 1
            guard bytes[inner].contains(UInt8(ascii: "\\")) else { return String(decoding: bytes[inner], as: UTF8.self) }
            return Self.unescape(bytes[inner])
        }

        /// A number that is a whole value within ±10¹⁵; nil for anything else.
        package var int: Int? {
            let first = bytes[range.lowerBound]
            guard first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
                let number = Double(String(decoding: bytes[range], as: UTF8.self)), number == number.rounded(), abs(number) < 1e15
            else { return nil }
            return Int(number)
        }

        private static func unescape(_ escaped: ArraySlice<UInt8>) -> String {
            var out: [UInt8] = []
            out.reserveCapacity(escaped.count)
            var index = escaped.startIndex
            while index < escaped.endIndex {
                let byte = escaped[index]
                index += 1
                guard byte == UInt8(ascii: "\\"), index < escaped.endIndex else {
                    out.append(byte)
                    continue
                }
                let escape = escaped[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    let digits = escaped[index..<min(index + 4, escaped.endIndex)]
                    index = digits.endIndex
                    let scalar = UInt32(String(decoding: digits, as: UTF8.self), radix: 16).flatMap(Unicode.Scalar.init)
                    out += Array(String(scalar.map(Character.init) ?? "\u{FFFD}").utf8)
                default: out.append(escape)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The whole document's top value; nil when the bytes are not one JSON value.
    package static func scan(_ bytes: [UInt8]) -> Node? {
        var reader = Reader(bytes: bytes, index: 0)
        reader.skipSpace()
        guard let node = reader.node() else { return nil }
        reader.skipSpace()
        return reader.index == bytes.count ? node : nil
    }

    /// A position in the document, and the checks that move it past one piece of JSON.
    private struct Reader {
        let bytes: [UInt8]
        var index: Int

        /// Checks and skips one value, nested ones included, and returns it.
        mutating func node() -> Node? {
            let start = index
            guard skipValue(depth: 0) else { return nil }
            return Node(bytes: bytes, range: start..<index)
        }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }

        /// Past the space, the `,` and the space after a member or element (or up to the closing bracket).
        mutating func skipSeparator() {
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1 }
            skipSpace()
        }

        private mutating func skip(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        private mutating func skipValue(depth: Int) -> Bool {
            guard index < bytes.count, depth < 128 else { return false }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                if skip(UInt8(ascii: "}")) { return true }
                repeat {
                    skipSpace()
                    guard skipString(), skip(UInt8(ascii: ":")) else { return false }
                    skipSpace()
                    guard skipValue(depth: depth + 1) else { return false }
                } while skip(UInt8(ascii: ","))
                return skip(UInt8(ascii: "}"))
            case UInt8(ascii: "["):
                index += 1
                if skip(UInt8(ascii: "]")) { return true }
                repeat {
                    skipSpace()
                    guard skipValue(depth: depth + 1) else { return false }
                } while skip(UInt8(ascii: ","))
                return skip(UInt8(ascii: "]"))
            case UInt8(ascii: "\""):
                return skipString()
            case UInt8(ascii: "t"): return skipWord("true")
            case UInt8(ascii: "f"): return skipWord("false")
            case UInt8(ascii: "n"): return skipWord("null")
            default:
                return skipNumber()
            }
        }

        /// Skips a string, escapes included; false when it does not end.
        mutating func skipString() -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return false }
            index += 1
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index += 1
                    return true
                case UInt8(ascii: "\\"): index += 2
                case 0..<0x20: return false
                default: index += 1
                }
            }
            return false
        }

        private mutating func skipWord(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            let matches = word.withUTF8Buffer { expected in bytes[index..<index + count].elementsEqual(expected) }
            index += count
            return matches
        }

        /// Skips a number in JSON's grammar: `-`? digits (`.` digits)? ([eE] [+-]? digits)?.
        private mutating func skipNumber() -> Bool {
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() else { return false }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard skipDigits() else { return false }
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard skipDigits() else { return false }
            }
            return true
        }

        private mutating func skipDigits() -> Bool {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index > start
        }
    }
}
