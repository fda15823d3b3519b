/// CSV in and out (RFC 4180). Written by hand, not with SwiftCSV: reading must report a malformed file at
/// `line:col` and infer ints, floats and bools like the rest of the shell; writing must keep column order and put
/// nested values in as JSON. Both are a page of code.
package enum CSV {
    /// A list of records as CSV: a header of every column seen (first-seen order), one line per row, `\n` endings.
    package static func write(_ value: Value) throws(ShellError) -> String {
        let rows: [Record]
        switch value {
        case .record(let record): rows = [record]
        case .list(let items):
            var records: [Record] = []
            for item in items {
                guard case .record(let record) = item else {
                    throw ShellError(
                        .typeMismatch, "CSV needs a list of records, found \(item.kindPhrase) in the list",
                        hint: "use `select` or `each` to make records")
                }
                records.append(record)
            }
            rows = records
        default:
            throw ShellError(.typeMismatch, "CSV needs a list of records, got \(value.kindPhrase)")
        }
        var columns: [String] = []
        var seen: Set<String> = []
        for row in rows { for name in row.names where seen.insert(name).inserted { columns.append(name) } }
        var lines = [columns.map(quote).joined(separator: ",")]
        for row in rows {
            lines.append(columns.map { quote(cell(row[$0] ?? .null)) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func cell(_ value: Value) -> String {
        switch value {
        case .list, .record: JSONWriter.string(value)
        default: value.text
        }
    }

    private static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || field.hasPrefix(" ") || field.hasSuffix(" ") else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Parses CSV with a header line into a list of records; cells that read as numbers or bools become them.
    package static func read(_ text: String) throws(ShellError) -> Value {
        let table = try fields(text)
        guard let header = table.first else { return .list([]) }
        var rows: [Value] = []
        for (n, line) in table.dropFirst().enumerated() {
            if line == [""] { continue }
            guard line.count == header.count else {
                throw ShellError(.failed, "CSV line \(n + 2) has \(line.count) field\(line.count == 1 ? "" : "s"), the header has \(header.count)")
            }
            rows.append(.record(Record(zip(header, line).map { Record.Field(name: $0, value: infer($1)) })))
        }
        return .list(rows)
    }

    private static func infer(_ cell: String) -> Value {
        if let int = Int(cell) { return .int(int) }
        if let double = Double(cell), double.isFinite, cell.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), cell.first != "." {
            return .double(double)
        }
        if cell == "true" { return .bool(true) }
        if cell == "false" { return .bool(false) }
        return .string(cell)
    }

    /// Lines of fields; quotes may hold commas, quotes (doubled) and newlines.
    private static func fields(_ text: String) throws(ShellError) -> [[String]] {
        var table: [[String]] = []
        var line: [String] = []
        var field = ""
        var quoted = false
        var lineNumber = 1
        var column = 0
        var quoteStart = (1, 1)
        var characters = text.makeIterator()
        var pending: Character?
        while let c = pending ?? characters.next() {
            pending = nil
            column += 1
            if quoted {
                if c == "\"" {
                    let next = characters.next()
                    if next == "\"" {
                        field.append("\"")
                        column += 1
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    if c == "\n" || c == "\r\n" { (lineNumber, column) = (lineNumber + 1, 0) }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                quoted = true
                quoteStart = (lineNumber, column)
            case "\"":
                throw ShellError(
                    .failed, "CSV \(lineNumber):\(column): a quote inside an unquoted field",
                    hint: "quote the whole field and double the quote: \"a \"\"b\"\"\"")
            case ",":
                line.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                line.append(field)
                table.append(line)
                (line, field, lineNumber, column) = ([], "", lineNumber + 1, 0)
            default:
                field.append(c)
            }
        }
        if quoted { throw ShellError(.failed, "CSV \(quoteStart.0):\(quoteStart.1): unterminated quoted field", hint: "close the field with \"") }
        if !field.isEmpty || !line.isEmpty {
            line.append(field)
            table.append(line)
        }
        return table
    }
}
