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

    /// The database, read-only; a file that is not there yet says how to make it.
    static func open(_ call: Call, api: APIContext) throws -> HistoryStore {
        let path = try call.string("db").map { HomeDirectory.expanding($0) } ?? RecordCommand.defaultPath(try api.session.profile)
        guard FileManager.default.fileExists(atPath: path) else {
            throw call.error(
                "no history at \(path) yet", hint: "`record --once` keeps a first pass, `ccsh record` keeps recording; or give the file with --db",
                argument: call.string("db") == nil ? nil : "db")
        }
        do throws(HistoryError) { return try HistoryStore(path: path, readOnly: true) } catch {
            throw call.error(error.description, hint: "give another file with --db PATH", argument: call.string("db") == nil ? nil : "db")
        }
    }

    /// The rows of `sql` as records, read one at a time as the pipeline asks; `times` name the columns of seconds
    /// since 1970 shown as instants, `flags` those of 0 or 1 shown as booleans.
    /// A query SQLite refuses, as it reads on (`attempt to write a readonly database`), is an error of `call`;
    /// `hidden` columns are read but not shown.
    static func rows(
        _ store: HistoryStore, _ sql: String, _ arguments: [any SQLiteBindable], call: Call, times: Set<String> = [], flags: Set<String> = [],
        hidden: Set<String> = []
    ) throws -> PipelineData {
        let cursor = try store.cursor(sql, arguments)
        return .stream(
            ValueStream {
                let next: SQLiteRow?
                do throws(SQLiteError) { next = try cursor.next() } catch {
                    throw call.error("history database \(store.path): \(error.message)", hint: "its tables are in docs/history.md")
                }
                guard let row = next else { return nil }
                return .record(
                    Record(
                        zip(row.columns, row.values).filter { !hidden.contains($0.0) }.map { column, value in
                            .init(name: column, value: Self.value(value, time: times.contains(column), flag: flags.contains(column)))
                        }))
            })
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
