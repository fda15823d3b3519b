import Shell

/// `history`: the interactive shell's earlier entries, oldest first, numbered; empty in scripts.
struct HistoryCommand: Command {
    var signature: Signature {
        Signature("history", summary: "The entries typed at the interactive prompt, oldest first (empty in scripts).")
            .output("list of records: index and entry")
            .example("history | last 5 | get entry", "The last five entries.")
            .example("history | where entry =~ monitors | count", "How often monitors came up.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let entries = context.interpreter.lineEditor?.entries ?? []
        return .value(
            .list(
                entries.enumerated().map { index, entry in
                    .record(Record([.init(name: "index", value: .int(index + 1)), .init(name: "entry", value: .string(entry))]))
                }))
    }
}
