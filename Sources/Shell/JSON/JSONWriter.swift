import APIContract

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
        case .double(let d): out.append(contentsOf: JSONText.format(d).utf8)
        case .string(let s): JSONText.append(string: s, to: &out)
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
                JSONText.append(string: field.name, to: &out)
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
}

extension Value {
    /// Reads JSON text (see ``JSONReader``).
    package init(json bytes: [UInt8]) throws(JSONError) { self = try JSONReader.value(from: bytes) }

    /// The compact JSON of this value.
    package var jsonText: String { JSONWriter.string(self) }
}
