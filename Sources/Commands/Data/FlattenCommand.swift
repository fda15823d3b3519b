import Shell

/// `flatten`: lists inside the list are spliced into it, one level deep.
struct FlattenCommand: Command {
    var signature: Signature {
        Signature("flatten", summary: "Splice nested lists into the list, one level deep.")
            .input("list")
            .example("[[1, 2], 3, [4]] | flatten", "One flat list.", result: [1, 2, 3, 4])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let rows = try call.rows(input)
        var pending: [Value] = []
        return .stream(
            ValueStream {
                while pending.isEmpty {
                    guard let row = try rows.next() else { return nil }
                    if case .list(let items) = row { pending = items.reversed() } else { return row }
                }
                return pending.popLast()
            })
    }
}
