import Shell

/// `uniq`: drops repeated rows, keeping the first of each; lazy over streams.
struct UniqCommand: Command {
    var signature: Signature {
        Signature("uniq", summary: "Remove repeated rows, keeping the first of each.")
            .input("list")
            .example("[b, a, b, c, a] | uniq", "Each value once, in first-seen order.", result: ["b", "a", "c"])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        var seen: Set<Value> = []
        return .stream(try call.rows(input).compactMap { seen.insert($0).inserted ? $0 : nil })
    }
}
