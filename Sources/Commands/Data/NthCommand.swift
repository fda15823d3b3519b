import Shell

/// `nth index`: one row by position, counting from 0.
struct NthCommand: Command {
    var signature: Signature {
        Signature("nth", summary: "Return the row at a position, counting from 0.")
            .input("list")
            .required("index", .int, "The position; 0 is the first row.")
            .example("[a, b, c] | nth 1", "The second row.", result: "b")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let index = call.int("index") ?? 0
        guard index >= 0 else {
            throw call.error(
                "index must not be negative, got \(index)", hint: "use `last` for rows from the end", argument: "index", code: .badArgument)
        }
        let rows = try call.rows(input)
        var position = 0
        while let row = try rows.next() {
            if position == index { return .value(row) }
            position += 1
        }
        throw call.error(
            "index \(index) is out of range: the input has \(position) row\(position == 1 ? "" : "s")", argument: "index", code: .notFound)
    }
}
