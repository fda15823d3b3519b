/// A nested value written on one line, as ccsh's own literals read: `{type: Point, coordinates: [7.69, 45.07]}`.
/// Strings go unquoted and `_links` is left out; writing stops soon after `limit` characters, so a huge value
/// costs no more than what fits in its cell.
package enum InlineText {
    package static func text(_ value: Value, limit: Int) -> String {
        var output = ""
        write(value, into: &output, limit: limit)
        return output
    }

    private static func write(_ value: Value, into output: inout String, limit: Int) {
        guard output.utf8.count <= limit else { return }
        switch value {
        case .null: output += "null"
        case .string(let text): output += text.singleLine
        case .list(let items):
            output += "["
            for (n, item) in items.enumerated() {
                guard output.utf8.count <= limit else { break }
                if n > 0 { output += ", " }
                write(item, into: &output, limit: limit)
            }
            output += "]"
        case .record(let record):
            output += "{"
            var first = true
            for field in record.fields where field.name != "_links" {
                guard output.utf8.count <= limit else { break }
                if !first { output += ", " }
                first = false
                output += field.name + ": "
                write(field.value, into: &output, limit: limit)
            }
            output += "}"
        default: output += value.text
        }
    }
}
