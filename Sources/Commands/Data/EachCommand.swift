import Shell

/// `each { … }`: runs a block for every row, with the row as `$it`; the results form a list. Lazy over streams.
struct EachCommand: Command {
    var signature: Signature {
        Signature("each", summary: "Run a block for every row and collect the results.")
            .discussion("Inside the block `$it` is the row; the row is also the input of the block's pipelines, so `each { get vin }` works.")
            .input("list")
            .output("list")
            .required("block", .closure, "The block to run, e.g. `{ $it.level * 2 }`.")
            .example("[1, 2, 3] | each { $it * 10 }", "Multiply every row.", result: [10, 20, 30])
            .example("[{vin: A}, {vin: B}] | each { get vin }", "A field of every row.", result: ["A", "B"])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let rows = try call.rows(input)
        guard let block = call.closure("block") else { return input }
        return .stream(rows.compactMap { try block.call($0) })
    }
}
