import Shell

/// `first [count]`: the first row, or the first `count` rows; reads no further than it needs from a stream.
struct FirstCommand: Command {
    var signature: Signature {
        Signature("first", summary: "Return the first row, or the first N rows, of the input.")
            .input("list")
            .optional("count", .int, "How many rows to return; without it, the first row itself.")
            .example("[1, 2, 3] | first", "The first row.", result: 1)
            .example("[1, 2, 3] | first 2", "A list of the first two rows.", result: [1, 2])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let rows = try call.rows(input)
        guard let count = call.int("count") else {
            guard let first = try rows.next() else { throw call.error("the input is empty: there is no first row", code: .notFound) }
            return .value(first)
        }
        guard count >= 0 else { throw call.error("count must not be negative, got \(count)", argument: "count", code: .badArgument) }
        var taken: [Value] = []
        while taken.count < count, let row = try rows.next() { taken.append(row) }
        return .value(.list(taken))
    }
}
