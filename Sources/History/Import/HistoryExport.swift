import SafeFile

extension HistoryStore {
    /// What `history export` wrote: a table, its rows, its file.
    package struct ExportedTable: Equatable, Sendable {
        package var table: String
        package var rows: Int
        package var file: String
    }

    /// Writes every table of the database as `DIRECTORY/TABLE.csv` (docs/history.md, "Import and export"): a header
    /// of its columns, one line a row, values as SQLite keeps them (times in seconds since 1970; NULL an empty
    /// cell), RFC 4180 quoting. Each file is written the one safe way (whole or not at all, mode 0600: it is the
    /// owner's history), row by row as read, not held; the directory is made (0700) when it is not there.
    package func export(to directory: String) throws(HistoryError) -> [ExportedTable] {
        do throws(SafeFileError) { try SafeFile.makeDirectory(directory) } catch {
            throw HistoryError(path: directory, message: error.message)
        }
        let tables = try read { db in
            try db.all(String.self, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        var exported: [ExportedTable] = []
        for table in tables {
            let file = directory + "/" + table + ".csv"
            let cursor = try cursor("SELECT * FROM \"\(table)\"")
            var rows = 0
            do throws(SafeFileError) {
                try SafeFile.write(to: file, mode: 0o600) { descriptor, _ throws(SafeFileError) in
                    var buffer = Array((cursor.columns.map(Self.csvCell).joined(separator: ",") + "\n").utf8)
                    while true {
                        let next: SQLiteRow?
                        do throws(SQLiteError) { next = try cursor.next() } catch { throw SafeFileError(path: file, message: error.message) }
                        guard let row = next else { break }
                        rows += 1
                        buffer += Array((row.values.map(Self.csvCell).joined(separator: ",") + "\n").utf8)
                        if buffer.count >= 1 << 16 {
                            try SafeFile.writeAll(buffer, to: descriptor, for: file)
                            buffer.removeAll(keepingCapacity: true)
                        }
                    }
                    try SafeFile.writeAll(buffer, to: descriptor, for: file)
                }
            } catch {
                throw HistoryError(path: file, message: error.message)
            }
            exported.append(ExportedTable(table: table, rows: rows, file: file))
        }
        return exported
    }

    private static func csvCell(_ value: SQLiteValue) -> String {
        switch value {
        case .null: ""
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .text(let text): csvCell(text)
        }
    }

    /// A text cell, quoted when it holds a comma, a quote or a line break (RFC 4180).
    private static func csvCell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
