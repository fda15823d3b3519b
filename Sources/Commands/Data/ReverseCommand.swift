import Shell

/// `reverse`: the rows in reverse order.
struct ReverseCommand: Command {
    var signature: Signature {
        Signature("reverse", summary: "Reverse the order of the rows.")
            .input("list")
            .example("[1, 2, 3] | reverse", "Last row first.", result: [3, 2, 1])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        .value(.list(try call.list(input).reversed()))
    }
}
