import APIContract
import Foundation

/// Finds the structure of a JSON document — object members, array elements and the byte range of every value —
/// without converting it. `Client` hands collection items on as their exact bytes, so whoever decodes them (the
/// shell, with its order-keeping reader) sees the API's key order; `Client` itself only needs a few fields.
///
/// One pass over the document: ``scan(_:)`` checks its structure and notes the contents of the containers near the
/// top (a page, its `_embedded`, the item array), and skips everything deeper without building anything — a
/// deeper ``Node`` finds its members or elements when asked. Strings are skipped with `memchr`; their contents
/// (control characters, UTF-8) are left to whoever decodes the items, as is converting any value.
package enum JSONScanner {
    /// How many levels `scan` notes the contents of.
    static let notedLevels = 3

    /// A value and where it lies in the document.
    package struct Node {
        private let bytes: [UInt8]
        /// The value's bytes in the document, without surrounding space.
        package let range: Range<Int>
        /// The members or elements noted by the scan; nil for scalars and for containers found on demand.
        private let contents: Contents?

        /// A container's noted contents.
        fileprivate enum Contents {
            case members([(key: String, value: Node)])
            case elements([Node])
        }

        fileprivate init(bytes: [UInt8], range: Range<Int>, contents: Contents? = nil) {
            self.bytes = bytes
            self.range = range
            self.contents = contents
        }

        package subscript(key: String) -> Node? {
            members?.first { $0.key == key }?.value
        }

        /// The members of an object, in document order; nil for anything else.
        package var members: [(key: String, value: Node)]? {
            if case .members(let members)? = contents ?? noted { return members }
            return nil
        }

        /// The elements of an array, in order; nil for anything else.
        package var elements: [Node]? {
            if case .elements(let elements)? = contents ?? noted { return elements }
            return nil
        }

        /// This container read again, one level noted (it lies deeper than the scan noted).
        private var noted: Contents? {
            guard bytes[range.lowerBound] == UInt8(ascii: "{") || bytes[range.lowerBound] == UInt8(ascii: "[") else { return nil }
            return bytes.withUnsafeBufferPointer { buffer in
                var reader = Reader(array: bytes, bytes: buffer, index: range.lowerBound)
                return reader.node(depth: 0, notingBelow: 1)?.contents
            }
        }

        /// A string's decoded text, read by the one JSON core (``JSONTextReader``); nil for anything else, or for a
        /// string that is not valid JSON.
        package var string: String? {
            guard bytes[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
            var at = range.lowerBound
            return bytes.withUnsafeBufferPointer { buffer in try? JSONTextReader(buffer).string(at: &at) }
        }

        /// A number that is a whole value within ±10¹⁵, read by the one JSON core; nil for anything else.
        package var int: Int? {
            var at = range.lowerBound
            let first = bytes[range.lowerBound]
            guard first == UInt8(ascii: "-") || first &- UInt8(ascii: "0") < 10 else { return nil }
            switch bytes.withUnsafeBufferPointer({ buffer in try? JSONTextReader(buffer).number(at: &at) }) {
            case .int(let int)?: return abs(int) < 1_000_000_000_000_000 ? int : nil
            case .double(let double)?: return double == double.rounded() && abs(double) < 1e15 ? Int(double) : nil
            case nil: return nil
            }
        }
    }

    /// The whole document's top value; nil when the bytes are not one JSON value.
    package static func scan(_ bytes: [UInt8]) -> Node? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(array: bytes, bytes: buffer, index: 0)
            reader.skipSpace()
            guard let node = reader.node(depth: 0, notingBelow: notedLevels) else { return nil }
            reader.skipSpace()
            return reader.index == buffer.count ? node : nil
        }
    }

    /// The value of `key` in the document's top object, reading only up to it (HAL puts `_links` first): for
    /// finding the next page's link before the page is read. Nil when the document is not an object, lacks the key,
    /// or is not JSON up to there; what follows is not checked.
    package static func topMember(_ key: String, in bytes: [UInt8]) -> Node? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(array: bytes, bytes: buffer, index: 0)
            return reader.member(key)
        }
    }

    /// A position in the document, and the checks that move it past one piece of JSON.
    private struct Reader {
        /// The document, which nodes keep.
        let array: [UInt8]
        /// The same bytes, read without bounds checks: valid while `array.withUnsafeBufferPointer` runs.
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int

        /// Checks and skips one value; notes its contents when `depth` is below `limit`.
        mutating func node(depth: Int, notingBelow limit: Int) -> Node? {
            let start = index
            guard depth < limit, index < bytes.count else {
                guard skipValue(depth: depth) else { return nil }
                return Node(bytes: array, range: start..<index)
            }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(key: String, value: Node)] = []
                if !skip(UInt8(ascii: "}")) {
                    repeat {
                        skipSpace()
                        let keyStart = index
                        guard skipString(), let key = Node(bytes: array, range: keyStart..<index).string, skip(UInt8(ascii: ":")) else {
                            return nil
                        }
                        skipSpace()
                        guard let value = node(depth: depth + 1, notingBelow: limit) else { return nil }
                        members.append((key, value))
                    } while skip(UInt8(ascii: ","))
                    guard skip(UInt8(ascii: "}")) else { return nil }
                }
                return Node(bytes: array, range: start..<index, contents: .members(members))
            case UInt8(ascii: "["):
                index += 1
                var elements: [Node] = []
                if !skip(UInt8(ascii: "]")) {
                    repeat {
                        skipSpace()
                        guard let element = node(depth: depth + 1, notingBelow: limit) else { return nil }
                        elements.append(element)
                    } while skip(UInt8(ascii: ","))
                    guard skip(UInt8(ascii: "]")) else { return nil }
                }
                return Node(bytes: array, range: start..<index, contents: .elements(elements))
            default:
                guard skipValue(depth: depth) else { return nil }
                return Node(bytes: array, range: start..<index)
            }
        }

        /// Reads the top object's members up to `key` and returns its value.
        mutating func member(_ key: String) -> Node? {
            guard skip(UInt8(ascii: "{")), !skip(UInt8(ascii: "}")) else { return nil }
            repeat {
                skipSpace()
                let keyStart = index
                guard skipString() else { return nil }
                let name = Node(bytes: array, range: keyStart..<index).string
                guard skip(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                guard let value = node(depth: 1, notingBelow: 1) else { return nil }
                if name == key { return value }
            } while skip(UInt8(ascii: ","))
            return nil
        }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }

        private mutating func skip(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// Checks and skips one value, nested ones included.
        /// `depth` counts the containers around the value; a container may nest as deep as every reader allows.
        mutating func skipValue(depth: Int) -> Bool {
            guard index < bytes.count else { return false }
            if bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "["), depth >= JSONText.maxDepth { return false }
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

        /// Skips a string, escapes included; false when it does not end. Finds each `"` with `memchr` and counts
        /// the backslashes before it.
        mutating func skipString() -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let base = bytes.baseAddress else { return false }
            let opening = index
            var position = index + 1
            while position < bytes.count {
                guard let found = memchr(base + position, Int32(UInt8(ascii: "\"")), bytes.count - position) else { return false }
                let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                var backslashes = 0
                while quote - backslashes - 1 > opening, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
                position = quote + 1
                if backslashes % 2 == 0 {
                    index = position
                    return true
                }
            }
            return false
        }

        private mutating func skipWord(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            let matches = word.withUTF8Buffer { expected in UnsafeBufferPointer(rebasing: bytes[index..<index + count]).elementsEqual(expected) }
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
