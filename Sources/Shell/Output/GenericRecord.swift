/// A record no view knows, readably: one `key  value` line per scalar field, nested records as their keys
/// indented under the field's name, lists of scalars inline, lists of records as tables indented under their
/// name. `_links` is left out.
struct GenericRecord {
    var renderer: TableRenderer
    var presentation: Presentation

    /// Two spaces more for each level.
    static let indent = 2

    func lines(_ record: Record, depth: Int = 0) -> [String] {
        let fields = record.fields.filter { $0.name != "_links" }
        let margin = String(repeating: " ", count: depth * Self.indent)
        let keyWidth = fields.filter { !Self.opensBlock($0.value) }.map(\.name.terminalWidth).max() ?? 0
        var lines: [String] = []
        for field in fields {
            let name = presentation.paint(field.name, .title)
            switch field.value {
            case .record(let nested) where !nested.fields.isEmpty && depth < 32:
                lines.append(margin + name)
                lines += self.lines(nested, depth: depth + 1)
            case .list(let items) where items.contains(where: { $0.recordValue != nil }) && depth < 32:
                lines.append(margin + name)
                let inner = String(repeating: " ", count: (depth + 1) * Self.indent)
                lines += renderer.lines(.list(items), width: presentation.width - inner.count).map { inner + $0 }
            default:
                let room = presentation.width - margin.count - keyWidth - 2
                let value = TableRenderer.cellText(field.value).cutAtEnd(max(4, room))
                lines.append(
                    (margin + name + String(repeating: " ", count: max(0, keyWidth - field.name.terminalWidth)) + "  " + value).trimmingTrailingSpaces
                )
            }
        }
        return lines
    }

    /// Whether a field's value gets lines of its own under its name.
    private static func opensBlock(_ value: Value) -> Bool {
        switch value {
        case .record(let record): !record.fields.isEmpty
        case .list(let items): items.contains { $0.recordValue != nil }
        default: false
        }
    }
}
