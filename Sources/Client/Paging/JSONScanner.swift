/// Finds the structure of a JSON document — object members, array elements and the byte range of every value —
/// without converting it. `Client` hands collection items on as their exact bytes, so whoever decodes them (the
/// shell, with its order-keeping reader) sees the API's key order; `Client` itself only needs a few fields.
package struct JSONScanner {
    /// A value and where it lies in the document.
    package indirect enum Node {
        case object([(key: String, value: Node)], Range<Int>)
        case array([Node], Range<Int>)
        case string(String, Range<Int>)
        case number(Double, Range<Int>)
        case literal(Range<Int>)

        package var range: Range<Int> {
            switch self {
            case .object(_, let r), .array(_, let r), .string(_, let r), .number(_, let r), .literal(let r): r
            }
        }

        package subscript(key: String) -> Node? {
            guard case .object(let members, _) = self else { return nil }
            return members.first { $0.key == key }?.value
        }

        package var string: String? { if case .string(let s, _) = self { s } else { nil } }
        package var int: Int? { if case .number(let n, _) = self, n == n.rounded(), abs(n) < 1e15 { Int(n) } else { nil } }
        package var elements: [Node]? { if case .array(let items, _) = self { items } else { nil } }
        package var members: [(key: String, value: Node)]? { if case .object(let m, _) = self { m } else { nil } }
    }

    private let bytes: [UInt8]
    private var index = 0

    /// Scans a whole document; nil when it is not JSON.
    package static func scan(_ bytes: [UInt8]) -> Node? {
        var scanner = JSONScanner(bytes: bytes)
        scanner.skipSpace()
        guard let node = scanner.value(depth: 0) else { return nil }
        scanner.skipSpace()
        return scanner.index == bytes.count ? node : nil
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func value(depth: Int) -> Node? {
        guard index < bytes.count, depth < 128 else { return nil }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members: [(key: String, value: Node)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object([], start..<index)
            }
            while true {
                skipSpace()
                guard case .string(let key, _)? = string(), skip(":"), let item = spaced({ $0.value(depth: depth + 1) }) else { return nil }
                members.append((key, item))
                if skip(",") { continue }
                guard skip("}") else { return nil }
                return .object(members, start..<index)
            }
        case UInt8(ascii: "["):
            index += 1
            var items: [Node] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array([], start..<index)
            }
            while true {
                guard let item = spaced({ $0.value(depth: depth + 1) }) else { return nil }
                items.append(item)
                if skip(",") { continue }
                guard skip("]") else { return nil }
                return .array(items, start..<index)
            }
        case UInt8(ascii: "\""):
            return string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            while index < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index]) { index += 1 }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            return ["true", "false", "null"].contains(word) ? .literal(start..<index) : nil
        default:
            while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
            guard let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else { return nil }
            return .number(number, start..<index)
        }
    }

    private mutating func spaced(_ read: (inout JSONScanner) -> Node?) -> Node? {
        skipSpace()
        let node = read(&self)
        skipSpace()
        return node
    }

    private mutating func skip(_ character: Character) -> Bool {
        skipSpace()
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    private mutating func string() -> Node? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return .string(String(decoding: out, as: UTF8.self), start..<index)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                        return nil
                    }
                    index += 4
                    out += Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8)
                default: out.append(escape)
                }
            default:
                out.append(byte)
            }
        }
        return nil
    }
}
