/// How results at the end of a pipeline are shown: a table on a terminal, JSON when stdout is not one, or what
/// `--output` (or `set output`) asks for.
package enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, ndjson, csv, yaml
}

/// Renders a pipeline's result for stdout.
package struct ResultRenderer: Sendable {
    package var format: OutputFormat
    /// Whether the user chose the format; a string result is printed as text unless JSON was asked for by name.
    package var isExplicit: Bool

    package init(format: OutputFormat, isExplicit: Bool = false) {
        self.format = format
        self.isExplicit = isExplicit
    }

    /// This renderer with the interpreter's `set output` choice, if any, in place of the driver's.
    package func choosing(_ format: OutputFormat?) -> ResultRenderer {
        guard let format else { return self }
        var chosen = self
        chosen.format = format
        chosen.isExplicit = true
        return chosen
    }

    /// The text to print (with a final newline), or nil when there is nothing to show (null, or a list of nothing
    /// but nulls: a statement run for its effects); a table is drawn for
    /// `presentation` (the terminal's width, the views), and an empty list as a table is `(no rows)`.
    package func render(_ value: Value, _ presentation: Presentation) throws(ShellError) -> String? {
        if value == .null { return nil }
        // A block run for its effects (`each { print … }`) gives one null per row: nothing to show.
        if case .list(let items) = value, !items.isEmpty, items.allSatisfy({ $0 == .null }) { return nil }
        if case .string(let text) = value, !(isExplicit && [.json, .ndjson, .yaml].contains(format)) {
            return text.hasSuffix("\n") ? text : text + "\n"
        }
        let text: String
        switch format {
        // An empty result at a terminal says so, rather than printing nothing at all.
        case .table: text = value == .list([]) ? "(no rows)" : TableRenderer(presentation).render(value)
        case .json: text = JSONWriter.string(value, pretty: true)
        case .ndjson:
            text = (value.listItems ?? [value]).map { JSONWriter.string($0) }.joined(separator: "\n")
        case .csv: return try CSV.write(value)
        case .yaml: return try YAML.write(value)
        }
        return text.isEmpty ? nil : text + "\n"
    }
}
