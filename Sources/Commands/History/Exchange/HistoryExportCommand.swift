import Client
import History
import Shell

/// `history export DIR`: every table of the history database as one CSV file in DIR (docs/history.md, "Import and
/// export"), for a spreadsheet or another tool; the database itself is only read.
struct HistoryExportCommand: Command {
    let api: APIContext

    var signature: Signature {
        HistoryDatabase.flag(
            on: Signature("history export", summary: "Write every table of the history database as a CSV file in a directory.")
                .required("directory", .file, "Where: made when it is not there; a table's file is TABLE.csv, replaced whole.")
                .example("history export ccsh-export | get table", "The tables written, each as ccsh-export/TABLE.csv here.")
                .output("list of records: table, rows, file"))
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let directory = FileAccess.resolve(HomeDirectory.expanding(call.string("directory") ?? ""), context)
        let store = try HistoryDatabase.open(call, api: api)
        do throws(HistoryError) {
            return .value(
                .list(
                    try store.export(to: directory).map { table in
                        ["table": .string(table.table), "rows": .int(table.rows), "file": .string(table.file)]
                    }))
        } catch {
            throw call.error("\(error.path): \(error.message)", hint: "give a directory you can write", argument: "directory")
        }
    }
}
