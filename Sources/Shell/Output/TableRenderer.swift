/// Renders a value for a terminal (architecture.md §3, nushell's habit): a list of records as a table with a `#`
/// column, a record as aligned `key  value` lines, other lists one item per line, scalars as plain text. Nested
/// values are summarized (`{3 fields}`, `[2 items]`), and cells too long for the width are shortened with `…` —
/// on the screen only; JSON output never is.
package struct TableRenderer: Sendable {
    /// Terminal columns to fit in.
    package var width: Int
    package var useColor: Bool
    /// No cell is shortened below this many characters.
    package static let minimumCell = 6

    package init(width: Int = 120, useColor: Bool = false) {
        self.width = max(20, width)
        self.useColor = useColor
    }

    package func render(_ value: Value) -> String {
        switch value {
        case .list(let items) where !items.isEmpty && items.allSatisfy({ if case .record = $0 { true } else { false } }):
            return table(items.compactMap { if case .record(let r) = $0 { r } else { nil } })
        case .list(let items):
            let indexWidth = String(max(0, items.count - 1)).count
            return items.enumerated().map { n, item in
                (pad(String(n), indexWidth, right: true) + "  " + shorten(cell(item), width - indexWidth - 2)).trimmingTrailingSpaces()
            }.joined(separator: "\n")
        case .record(let record):
            let keyWidth = record.fields.map(\.name.count).max() ?? 0
            return record.fields.map { field in
                (paint(pad(field.name, keyWidth), "1;32") + "  " + shorten(cell(field.value), width - keyWidth - 2)).trimmingTrailingSpaces()
            }.joined(separator: "\n")
        default:
            return cell(value)
        }
    }

    /// One value in a cell: scalars as text, nested values summarized.
    package func cell(_ value: Value) -> String {
        switch value {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): JSONWriter.format(d)
        case .string(let s): s.replacingNewlines()
        case .list(let items): items.count == 1 ? "[1 item]" : "[\(items.count) items]"
        case .record(let record): record.fields.count == 1 ? "{1 field}" : "{\(record.fields.count) fields}"
        }
    }

    private func table(_ rows: [Record]) -> String {
        var columns: [String] = []
        for row in rows { for field in row.fields where !columns.contains(field.name) { columns.append(field.name) } }
        let cells = rows.map { row in columns.map { cell(row[$0] ?? .null) } }
        let index = rows.indices.map(String.init)
        var widths = columns.enumerated().map { n, name in max(name.count, cells.map { $0[n].count }.max() ?? 0) }
        let indexWidth = max(1, index.last?.count ?? 1)
        // Shrink the widest column until the table fits (3 = the " │ " between columns).
        let budget = width - indexWidth - 3 * columns.count
        while widths.reduce(0, +) > budget, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > Self.minimumCell {
            widths[widest] -= 1
        }
        func line(_ first: String, _ values: [String], header: Bool = false) -> String {
            let parts = values.enumerated().map { n, value in pad(shorten(value, widths[n]), widths[n]) }
            var row = pad(first, indexWidth, right: true) + " │ " + parts.joined(separator: " │ ")
            while row.last == " " { row.removeLast() }
            return header ? paint(row, "1;32") : row
        }
        let rule = String(repeating: "─", count: indexWidth + 1) + "┼" + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: "┼")
        return ([line("#", columns, header: true), String(rule.dropLast())] + rows.indices.map { line(index[$0], cells[$0]) }).joined(separator: "\n")
    }

    /// Cuts `text` to `limit` characters with an ellipsis in the middle for ids (`1c8bedfe…0220e295`), at the end
    /// otherwise.
    package func shorten(_ text: String, _ limit: Int) -> String {
        let limit = max(Self.minimumCell, limit)
        guard text.count > limit else { return text }
        let isIdentifier = text.allSatisfy { $0.isHexDigit } || (text.count > 32 && !text.contains(" "))
        if isIdentifier {
            let head = (limit - 1) / 2
            return String(text.prefix(head)) + "…" + String(text.suffix(limit - 1 - head))
        }
        return String(text.prefix(limit - 1)) + "…"
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }

    private func paint(_ text: String, _ code: String) -> String { useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Table cells are one line: newlines show as `⏎`.
    fileprivate func replacingNewlines() -> String {
        contains("\n") ? split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "⏎") : self
    }
}
