import Shell

/// `where condition`: keeps the rows for which the condition holds; lazy over streams.
struct WhereCommand: Command {
    var signature: Signature {
        Signature("where", summary: "Keep the rows for which a condition holds.")
            .discussion("Bare field names in the condition read the row (`level < 20`); `$it` is the row itself.")
            .input("list")
            .output("list")
            .required("condition", .predicate, "A condition over each row, e.g. `brand == \"Peugeot\"` or `{ $it > 2 }`.")
            .example("[{n: 1}, {n: 5}] | where n > 2", "Rows whose n is above 2.", result: [["n": 5] as Value])
            .example("[1, 2, 3, 4] | where $it mod 2 == 0", "Even numbers.", result: [2, 4])
            .example("[{b: Peugeot}, {b: Opel}] | where b =~ '^P'", "Rows whose b starts with P.", result: [["b": "Peugeot"] as Value])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let rows = try call.rows(input)
        guard let condition = call.closure("condition") else { return input }
        return .stream(rows.compactMap { try condition.test($0) ? $0 : nil })
    }
}
