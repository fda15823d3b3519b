/// Writes ``Value``s as JSON, compact or pretty (two-space indent), keys in the record's order. Floats keep a
/// decimal point (`48.0`), so a value read and written again keeps its int/float kind; NaN and infinities, which
/// JSON cannot express, become `null`.
package enum JSONWriter {
    package static func bytes(_ value: Value, pretty: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, into: &out, pretty: pretty, indent: 0)
        return out
    }

    package static func string(_ value: Value, pretty: Bool = false) -> String { String(decoding: bytes(value, pretty: pretty), as: UTF8.self) }

    private static func write(_ value: Value, into out: inout [UInt8], pretty: Bool, indent: Int) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: format(d).utf8)
        case .string(let s): writeString(s, into: &out)
        case .list(let items):
            guard !items.isEmpty else { return out.append(contentsOf: "[]".utf8) }
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, pretty, indent + 1)
                write(item, into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(&out, pretty, indent)
            out.append(UInt8(ascii: "]"))
        case .record(let record):
            guard !record.fields.isEmpty else { return out.append(contentsOf: "{}".utf8) }
            out.append(UInt8(ascii: "{"))
            for (n, field) in record.fields.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, pretty, indent + 1)
                writeString(field.name, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                write(field.value, into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(&out, pretty, indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], _ pretty: Bool, _ indent: Int) {
        guard pretty else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// Shortest round-tripping digits, with `.0` on integral values (`-0.0` keeps its sign).
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        let text = "\(d)"
        return text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? text : text + ".0"
    }

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: s.utf8)
        } else {
            let hex = Array("0123456789abcdef".utf8)
            for byte in s.utf8 {
                switch byte {
                case UInt8(ascii: "\""): out += [0x5C, 0x22]
                case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, UInt8(ascii: "n")]
                case 0x0D: out += [0x5C, UInt8(ascii: "r")]
                case 0x09: out += [0x5C, UInt8(ascii: "t")]
                case 0..<0x20: out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension Value {
    /// Reads JSON text (see ``JSONReader``).
    package init(json bytes: [UInt8]) throws(JSONError) { self = try JSONReader.value(from: bytes) }

    /// The compact JSON of this value.
    package var jsonText: String { JSONWriter.string(self) }
}
