import History
import Shell

/// `history sql 'SELECT …'`: anything else of the history database, on a read-only connection (docs/history.md has
/// its tables); rows as records, read as the pipeline asks, values as SQLite keeps them (times are seconds since
/// 1970: `datetime(at, 'unixepoch')` shows them).
struct HistorySQLCommand: Command {
    let api: APIContext

    var signature: Signature {
        HistoryDatabase.flag(
            on: Signature("history sql", summary: "Run one SQL query on the history database, read-only; rows as records.")
                .required("query", .string, "One SQL statement (SELECT, WITH, PRAGMA); the database's tables are in docs/history.md.")
                .example("history sql 'SELECT count(*) AS n FROM statusSnapshots' | get 0.n", "How many status snapshots are kept.")
                .output("list of records (lazy)"))
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let store = try HistoryDatabase.open(call, api: api)
        do { return try HistoryDatabase.rows(store, call.string("query") ?? "", [], call: call) } catch let error as HistoryError {
            throw call.error(
                error.description, hint: "the connection is read-only; `history sql \"SELECT name FROM sqlite_schema\"` lists the tables",
                argument: "query")
        }
    }
}
