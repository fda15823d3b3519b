/// Renders a value for a terminal: a list of documents a view knows as that view's table, one such document as
/// its card; anything else readably without a view — records as indented key paths, lists of records as tables
/// (nested ones indented under their key), other lists one item a line, scalars as text. No `_links`, ever; no
/// `{3 fields}` where the value fits.
///
/// Rendering never changes the value: it is what a terminal shows, and `to json` still gives the document.
package struct TableRenderer: Sendable {
    package var presentation: Presentation
    /// Leave the views out: the document's own fields (`to table --raw`).
    package var ignoresViews = false

    package init(_ presentation: Presentation = Presentation(), ignoresViews: Bool = false) {
        self.presentation = presentation
        self.ignoresViews = ignoresViews
    }

    package func render(_ value: Value) -> String { lines(value, width: presentation.width).joined(separator: "\n") }

    /// The lines of `value` in `width` columns.
    func lines(_ value: Value, width: Int) -> [String] {
        var presentation = presentation.frozen()
        presentation.width = max(20, width)
        switch value {
        case .list(let items) where !items.isEmpty:
            let records = items.compactMap(\.recordValue)
            guard records.count == items.count else { return listLines(items, presentation) }
            return table(records, presentation).lines(presentation)
        case .record(let record):
            if !ignoresViews, let view = presentation.views.view(for: record) {
                return CardRenderer(presentation: presentation).lines(view.lines(record, presentation))
            }
            return GenericRecord(renderer: self, presentation: presentation).lines(record)
        case .list: return []
        default: return [Self.scalarText(value)]
        }
    }

    /// The table of `records`: the view's columns when they are all one view's documents, else one column per
    /// field (scalars first; nested values shown inline, dropped first when the width runs out).
    func table(_ records: [Record], _ presentation: Presentation) -> Table {
        if !ignoresViews, let view = presentation.views.view(forRows: records) {
            let cells = Self.cells(of: records, view.columns, presentation)
            let columns = view.columns.enumerated().map { n, column in
                Table.Column(
                    title: column.title, cells: cells[n], alignsRight: column.content.alignsRight, cut: column.content.cut,
                    priority: column.priority)
            }
            var table = Table(columns: columns, rowCount: records.count)
            if let shown = presentation.shown, let identity = view.identity {
                table.numbers = shown.numbers(view: view.name, ids: records.map(identity))
            }
            return table
        }
        var names: [String] = []
        var seen: Set<String> = []
        for record in records {
            for field in record.fields where field.name != "_links" && seen.insert(field.name).inserted { names.append(field.name) }
        }
        let columns = names.enumerated().map { n, name in
            var isNested = false
            var alignsRight = true
            let cells = records.map { record -> Cell in
                guard let value = record[name] else { return Cell("") }
                switch value {
                case .int, .double: break
                case .null: return Cell("")
                case .list, .record:
                    isNested = true
                    alignsRight = false
                default: alignsRight = false
                }
                return Cell(Self.cellText(value))
            }
            return Table.Column(title: name, cells: cells, alignsRight: alignsRight, cut: .end, priority: (isNested ? 1000 : 0) + n)
        }
        return Table(columns: columns, rowCount: records.count)
    }

    /// Each column's cells, a column a list: formatted on every core for a long table (cells are pure functions of
    /// their document), in order.
    static func cells(of records: [Record], _ columns: [Column], _ presentation: Presentation) -> [[Cell]] {
        let parts = Chunks.parts(records.count) { range in
            columns.map { column in records[range].map { column.content.cell($0, presentation) ?? Cell("") } }
        }
        guard parts.count > 1, let first = parts.first else { return parts.first ?? [] }
        return first.indices.map { n in parts.flatMap { $0[n] } }
    }

    /// A list that is not all records: one item a line after its index.
    private func listLines(_ items: [Value], _ presentation: Presentation) -> [String] {
        let indexWidth = String(max(0, items.count - 1)).count
        return items.enumerated().map { n, item in
            (String(n).padded(to: indexWidth, right: true) + "  " + Self.cellText(item).cutAtEnd(presentation.width - indexWidth - 2))
                .trimmingTrailingSpaces
        }
    }

    /// A value in one cell: scalars as text, nested values inline (`{type: Point, …}`), cut later to the cell.
    static func cellText(_ value: Value) -> String {
        switch value {
        case .list, .record: InlineText.text(value, limit: 400).singleLine
        default: scalarText(value)
        }
    }

    /// A scalar as text: null as nothing, strings on one line.
    static func scalarText(_ value: Value) -> String {
        switch value {
        case .null: ""
        case .string(let text): text.singleLine
        default: value.text
        }
    }
}
