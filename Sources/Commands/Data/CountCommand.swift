import Shell

/// `count`: how many rows (without keeping them), or how many fields a record has.
struct CountCommand: Command {
    var signature: Signature {
        Signature("count", summary: "Count the rows of a list (or the fields of a record).")
            .input("list or record")
            .example("[a, b, c] | count", "Three rows.", result: 3)
            .example("{a: 1, b: 2} | count", "Two fields.", result: 2)
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        if case .value(.record(let record)) = input { return .value(.int(record.fields.count)) }
        let rows = try call.rows(input)
        var count = 0
        while try rows.next() != nil { count += 1 }
        return .value(.int(count))
    }
}
