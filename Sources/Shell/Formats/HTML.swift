/// A value as a plain HTML page (`to html` of anything a view does not draw as a page of its own): a list of
/// records as a table of every column seen, a record as a table of its fields, anything else as text. Nested
/// values are written as JSON; nothing is fetched, nothing runs.
package enum HTML {
    package static func page(_ value: Value, title: String = "ccsh") -> String {
        var body: String
        switch value {
        case .list(let items) where items.allSatisfy({ $0.recordValue != nil }) && !items.isEmpty:
            let rows = items.compactMap(\.recordValue)
            var columns: [String] = []
            var seen: Set<String> = []
            for row in rows { for name in row.names where seen.insert(name).inserted { columns.append(name) } }
            body = "<table>\n<tr>" + columns.map { "<th>\(Markup.escaped($0))</th>" }.joined() + "</tr>\n"
            for row in rows { body += "<tr>" + columns.map { "<td>\(Markup.escaped(cell(row[$0] ?? .null)))</td>" }.joined() + "</tr>\n" }
            body += "</table>"
        case .record(let record):
            body =
                "<table>\n"
                + record.fields.map { "<tr><th>\(Markup.escaped($0.name))</th><td>\(Markup.escaped(cell($0.value)))</td></tr>\n" }.joined()
                + "</table>"
        default:
            body = "<pre>\(Markup.escaped(cell(value)))</pre>"
        }
        return """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>\(Markup.escaped(title))</title>
            <style>body { font-family: system-ui, sans-serif; } table { border-collapse: collapse; } th, td { border: 1px solid #cbd5e0; padding: 4px 8px; text-align: left; }</style>
            </head>
            <body>
            \(body)
            </body>
            </html>

            """
    }

    private static func cell(_ value: Value) -> String {
        switch value {
        case .list, .record: JSONWriter.string(value)
        case .null: ""
        default: value.text
        }
    }
}
