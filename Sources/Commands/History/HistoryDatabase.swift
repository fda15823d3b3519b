import APIContract
import Client
import Foundation
import History
import Shell

/// The history database a command reads (`--db`, else the profile's, else the default: ``RecordCommand``'s), opened
/// read-only, and its rows as shell values.
enum HistoryDatabase {
    /// The `--db` flag every history command takes.
    static func flag(on signature: Signature) -> Signature {
        signature.flag("db", .string, "The database file (default: the profile's `db`, else ~/.local/share/ccsh/PROFILE.sqlite).")
    }

    /// `--db`, else the profile's file (``RecordCommand/defaultPath(_:)``).
    static func path(_ call: Call, api: APIContext) throws -> String { try path(db: call.string("db"), api: api) }

    /// The file `db` names (`~` expanded), else the profile's.
    static func path(db: String?, api: APIContext) throws -> String {
        try db.map { HomeDirectory.expanding($0) } ?? RecordCommand.defaultPath(try api.session.profile)
    }

    /// The database, read-only; a file that is not there yet says how to make it.
    static func open(_ call: Call, api: APIContext) throws -> HistoryStore {
        let path = try path(call, api: api)
        guard FileManager.default.fileExists(atPath: path) else {
            throw call.error(
                "no history at \(path) yet", hint: "`record --once` keeps a first pass, `ccsh record` keeps recording; or give the file with --db",
                argument: call.string("db") == nil ? nil : "db")
        }
        do throws(HistoryError) { return try HistoryStore(path: path, readOnly: true) } catch {
            throw call.error(error.description, hint: "give another file with --db PATH", argument: call.string("db") == nil ? nil : "db")
        }
    }

    /// The database to write (`places add`): made when it is not there yet.
    static func openForWriting(_ call: Call, api: APIContext) throws -> HistoryStore {
        let path = try path(call, api: api)
        do throws(HistoryError) { return try HistoryStore(path: path) } catch {
            throw call.error(error.description, hint: "give another file with --db PATH", argument: call.string("db") == nil ? nil : "db")
        }
    }

    /// The rows of `sql` as records, read one at a time as the pipeline asks; `times` name the columns of seconds
    /// since 1970 shown as instants, `flags` those of 0 or 1 shown as booleans.
    /// A query SQLite refuses, as it reads on (`attempt to write a readonly database`), is an error of `call`;
    /// `hidden` columns are read but not shown; `named` add fields made of each row's (a position's place);
    /// `detail` adds a list to each row (a session's levels, a drive's path).
    static func rows(
        _ store: HistoryStore, _ sql: String, _ arguments: [any SQLiteBindable], call: Call, times: Set<String> = [], flags: Set<String> = [],
        hidden: Set<String> = [], named: [([Record.Field]) -> Record.Field?] = [], detail: Detail? = nil
    ) throws -> PipelineData {
        let cursor = try store.cursor(sql, arguments)
        let plan = Columns(cursor.columns, times: times, flags: flags, hidden: hidden)
        let key = cursor.columns.firstIndex(of: "detailKey")
        return .stream(
            ValueStream {
                let next: SQLiteRow?
                do throws(SQLiteError) { next = try cursor.next() } catch {
                    throw call.error("history database \(store.path): \(error.message)", hint: "its tables are in docs/history.md")
                }
                guard let row = next else { return nil }
                var fields = plan.fields(row.values)
                fields += named.compactMap { $0(fields) }
                if let detail {
                    do throws(SQLiteError) { fields.append(try detail.field(for: key.flatMap { Int(sqliteValue: row.values[$0]) })) } catch {
                        throw call.error("history database \(store.path): \(error.message)", hint: "its tables are in docs/history.md")
                    }
                }
                return .record(Record(fields))
            })
    }

    /// The lists the rows of a table get from another, read beside them: its cursor's items carry `detailKey`,
    /// the key of their row (its start), and come in the rows' order, so that each row takes the items of its key
    /// as it is read — one query for them all.
    final class Detail {
        let name: String
        private let cursor: SQLiteCursor
        private let plan: Columns
        private let key: Int?
        private var pending: SQLiteRow?
        private var started = false

        init(name: String, cursor: SQLiteCursor, times: Set<String>) {
            self.name = name
            self.cursor = cursor
            plan = Columns(cursor.columns, times: times, flags: [], hidden: ["detailKey"])
            key = cursor.columns.firstIndex(of: "detailKey")
        }

        /// The field of the row whose key is `key`: its items, the ones of earlier keys passed over.
        func field(for key: Int?) throws(SQLiteError) -> Record.Field {
            if !started {
                started = true
                pending = try cursor.next()
            }
            var items: [Value] = []
            while let row = pending, let itemKey = self.key.flatMap({ Int(sqliteValue: row.values[$0]) }), let key, itemKey <= key {
                if itemKey == key { items.append(.record(Record(plan.fields(row.values)))) }
                pending = try cursor.next()
            }
            return Record.Field(name: name, value: .list(items))
        }
    }

    /// How a query's columns become a record's fields, worked out once for all its rows: which are shown, and as
    /// what.
    struct Columns {
        private enum Kind { case plain, time, flag }
        private let shown: [(index: Int, name: String, kind: Kind)]

        init(_ columns: [String], times: Set<String>, flags: Set<String>, hidden: Set<String>) {
            shown = columns.enumerated().filter { !hidden.contains($0.element) }.map { index, name in
                (index, name, times.contains(name) ? .time : flags.contains(name) ? .flag : .plain)
            }
        }

        func fields(_ values: [SQLiteValue]) -> [Record.Field] {
            shown.map { column in
                Record.Field(
                    name: column.name, value: HistoryDatabase.value(values[column.index], time: column.kind == .time, flag: column.kind == .flag))
            }
        }
    }

    private static func value(_ value: SQLiteValue, time: Bool, flag: Bool) -> Value {
        switch value {
        case .null: return .null
        case .integer(let number) where time: return .string(Timestamp.format(Int(number)))
        case .integer(let number) where flag: return .bool(number != 0)
        case .integer(let number): return .int(Int(number))
        case .real(let number): return .double(number)
        case .text(let text): return .string(text)
        }
    }
}
