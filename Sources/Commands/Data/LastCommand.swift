import Shell

/// `last [count]`: the last row, or the last `count` rows.
struct LastCommand: Command {
    var signature: Signature {
        Signature("last", summary: "Return the last row, or the last N rows, of the input.")
            .input("list")
            .optional("count", .int, "How many rows to return; without it, the last row itself.")
            .example("[1, 2, 3] | last", "The last row.", result: 3)
            .example("[1, 2, 3] | last 2", "A list of the last two rows.", result: [2, 3])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let rows = try call.list(input)
        guard let count = call.int("count") else {
            guard let last = rows.last else { throw call.error("the input is empty: there is no last row", code: .notFound) }
            return .value(last)
        }
        guard count >= 0 else { throw call.error("count must not be negative, got \(count)", argument: "count", code: .badArgument) }
        return .value(.list(Array(rows.suffix(count))))
    }
}
