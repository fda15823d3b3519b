import Shell

/// `enumerate`: each row as `{index, item}`.
struct EnumerateCommand: Command {
    var signature: Signature {
        Signature("enumerate", summary: "Pair every row with its position: {index, item}.")
            .input("list")
            .example("[a, b] | enumerate", "Rows with their positions.", result: [["index": 0, "item": "a"], ["index": 1, "item": "b"]])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        var index = -1
        return .stream(
            try call.rows(input).compactMap { row in
                index += 1
                return ["index": .int(index), "item": row]
            })
    }
}
