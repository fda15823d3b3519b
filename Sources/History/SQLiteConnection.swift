internal import CSQLite
import Foundation

/// A value SQLite keeps in a column.
package enum SQLiteValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// What can be bound to a statement's `?`: numbers, text, booleans (0 or 1), and nil (NULL).
package protocol SQLiteBindable {
    var sqliteValue: SQLiteValue { get }
}

extension Int: SQLiteBindable { package var sqliteValue: SQLiteValue { .integer(Int64(self)) } }
extension Double: SQLiteBindable { package var sqliteValue: SQLiteValue { .real(self) } }
extension String: SQLiteBindable { package var sqliteValue: SQLiteValue { .text(self) } }
extension Bool: SQLiteBindable { package var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) } }
extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    package var sqliteValue: SQLiteValue { map(\.sqliteValue) ?? .null }
}

/// What a column can be read as; nil for NULL or a value of another kind.
package protocol SQLiteReadable {
    init?(sqliteValue: SQLiteValue)
}

extension Int: SQLiteReadable {
    package init?(sqliteValue: SQLiteValue) {
        switch sqliteValue {
        case .integer(let value): self = Int(value)
        case .real(let value) where value == value.rounded(): self = Int(value)
        default: return nil
        }
    }
}

extension Double: SQLiteReadable {
    package init?(sqliteValue: SQLiteValue) {
        switch sqliteValue {
        case .integer(let value): self = Double(value)
        case .real(let value): self = value
        default: return nil
        }
    }
}

extension String: SQLiteReadable {
    package init?(sqliteValue: SQLiteValue) {
        guard case .text(let text) = sqliteValue else { return nil }
        self = text
    }
}

extension Bool: SQLiteReadable {
    package init?(sqliteValue: SQLiteValue) {
        guard case .integer(let value) = sqliteValue else { return nil }
        self = value != 0
    }
}

/// One row of a query: its columns by name.
package struct SQLiteRow: Equatable, Sendable {
    package var columns: [String]
    package var values: [SQLiteValue]

    package subscript(_ name: String) -> SQLiteValue? { columns.firstIndex(of: name).map { values[$0] } }

    /// The column `name` read as `T`; nil when it is NULL, missing or of another kind.
    package func get<T: SQLiteReadable>(_ name: String, as type: T.Type = T.self) -> T? { self[name].flatMap(T.init(sqliteValue:)) }
}

/// What SQLite refused: its words, and its result code.
package struct SQLiteError: Error, Equatable {
    package var message: String
    package var code: Int32
}

/// One connection to a SQLite database through the system's libsqlite3, loaded on first use (`CSQLite`). The only
/// file importing `CSQLite`. Not `Sendable`: one thread uses a connection.
package final class SQLiteConnection {
    private let handle: OpaquePointer

    /// Opens the database at `path` (read and write, creating it; or read-only, never creating it).
    package init(path: String, readOnly: Bool) throws(SQLiteError) {
        if let failure = ccsh_sqlite_load() {
            throw SQLiteError(message: "cannot load SQLite: \(String(cString: failure)) (Debian: apt install libsqlite3-0)", code: -1)
        }
        var opened: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        let code = ccsh_sqlite_open(path, &opened, flags | SQLITE_OPEN_NOMUTEX)
        guard code == SQLITE_OK, let opened else {
            let message = opened.flatMap { ccsh_sqlite_errmsg($0) }.map { String(cString: $0) } ?? "cannot open it"
            if let opened { ccsh_sqlite_close(opened) }
            throw SQLiteError(message: message, code: code)
        }
        handle = opened
    }

    deinit { ccsh_sqlite_close(handle) }

    /// Waits up to `seconds` for another connection's lock instead of failing at once.
    package func setBusyTimeout(_ seconds: Double) { ccsh_sqlite_busy_timeout(handle, Int32(seconds * 1000)) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    package var changes: Int { Int(ccsh_sqlite_changes(handle)) }

    /// Runs one statement, discarding any rows.
    package func execute(_ sql: String, _ arguments: [any SQLiteBindable] = []) throws(SQLiteError) {
        try each(sql, arguments) { _ in }
    }

    /// Every row of one statement.
    package func rows(_ sql: String, _ arguments: [any SQLiteBindable] = []) throws(SQLiteError) -> [SQLiteRow] {
        var rows: [SQLiteRow] = []
        try each(sql, arguments) { rows.append($0) }
        return rows
    }

    /// The first column of the first row, as `T`; nil without a row or for NULL.
    package func one<T: SQLiteReadable>(_ type: T.Type, _ sql: String, _ arguments: [any SQLiteBindable] = []) throws(SQLiteError) -> T? {
        try rows(sql, arguments).first?.values.first.flatMap(T.init(sqliteValue:))
    }

    /// The first column of every row, as `T` (NULLs left out).
    package func all<T: SQLiteReadable>(_ type: T.Type, _ sql: String, _ arguments: [any SQLiteBindable] = []) throws(SQLiteError) -> [T] {
        try rows(sql, arguments).compactMap { $0.values.first.flatMap(T.init(sqliteValue:)) }
    }

    /// Runs `body` in one transaction (`BEGIN IMMEDIATE`: it takes the write lock at once, so that two writers
    /// queue instead of failing half-way); an error rolls everything back.
    package func transaction<T>(immediate: Bool = true, _ body: () throws -> T) throws -> T {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Prepares `sql`, binds `arguments`, and calls `row` for each row.
    private func each(_ sql: String, _ arguments: [any SQLiteBindable], _ row: (SQLiteRow) -> Void) throws(SQLiteError) {
        let statement = try prepare(sql, arguments)
        defer { ccsh_sqlite_finalize(statement) }
        let columns = columnNames(statement)
        while let next = try step(statement, columns) { row(next) }
    }

    /// Rows of `sql` one at a time, as they are asked for: a large history read without holding it all.
    package func cursor(_ sql: String, _ arguments: [any SQLiteBindable] = []) throws(SQLiteError) -> SQLiteCursor {
        let statement = try prepare(sql, arguments)
        return SQLiteCursor(connection: self, statement: statement, columns: columnNames(statement))
    }

    /// The next row of `statement`, or nil when it is done.
    func step(_ statement: OpaquePointer, _ columns: [String]) throws(SQLiteError) -> SQLiteRow? {
        let code = ccsh_sqlite_step(statement)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw failure() }
        return SQLiteRow(columns: columns, values: (0..<Int32(columns.count)).map { value(statement, $0) })
    }

    func finalize(_ statement: OpaquePointer) { ccsh_sqlite_finalize(statement) }

    private func columnNames(_ statement: OpaquePointer) -> [String] {
        (0..<ccsh_sqlite_column_count(statement)).map { ccsh_sqlite_column_name(statement, $0).map { String(cString: $0) } ?? "" }
    }

    /// `sql` prepared with `arguments` bound to its `?`s.
    private func prepare(_ sql: String, _ arguments: [any SQLiteBindable]) throws(SQLiteError) -> OpaquePointer {
        var prepared: OpaquePointer?
        guard ccsh_sqlite_prepare(handle, sql, &prepared) == SQLITE_OK, let statement = prepared else { throw failure() }
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch argument.sqliteValue {
            case .null: code = ccsh_sqlite_bind_null(statement, index)
            case .integer(let value): code = ccsh_sqlite_bind_int64(statement, index, value)
            case .real(let value): code = ccsh_sqlite_bind_double(statement, index, value)
            case .text(let text):
                code = text.utf8CString.withUnsafeBufferPointer { ccsh_sqlite_bind_text(statement, index, $0.baseAddress, Int32($0.count - 1)) }
            }
            guard code == SQLITE_OK else {
                let error = failure()
                ccsh_sqlite_finalize(statement)
                throw error
            }
        }
        return statement
    }

    private func value(_ statement: OpaquePointer, _ index: Int32) -> SQLiteValue {
        switch ccsh_sqlite_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(ccsh_sqlite_column_int64(statement, index))
        case SQLITE_FLOAT: return .real(ccsh_sqlite_column_double(statement, index))
        case SQLITE_NULL: return .null
        default:
            guard let text = ccsh_sqlite_column_text(statement, index) else { return .null }
            let bytes = UnsafeBufferPointer(start: text, count: Int(ccsh_sqlite_column_bytes(statement, index)))
            return .text(String(decoding: bytes, as: UTF8.self))
        }
    }

    private func failure() -> SQLiteError {
        SQLiteError(message: ccsh_sqlite_errmsg(handle).map { String(cString: $0) } ?? "unknown error", code: -1)
    }
}

/// One statement's rows, read as they are asked for (``SQLiteConnection/cursor(_:_:)``); the statement is finished
/// when the rows run out or the cursor goes away.
package final class SQLiteCursor {
    private let connection: SQLiteConnection
    private var statement: OpaquePointer?
    package let columns: [String]

    init(connection: SQLiteConnection, statement: OpaquePointer, columns: [String]) {
        self.connection = connection
        self.statement = statement
        self.columns = columns
    }

    deinit { if let statement { connection.finalize(statement) } }

    /// The next row, or nil when there is none.
    package func next() throws(SQLiteError) -> SQLiteRow? {
        guard let statement else { return nil }
        guard let row = try connection.step(statement, columns) else {
            connection.finalize(statement)
            self.statement = nil
            return nil
        }
        return row
    }
}
