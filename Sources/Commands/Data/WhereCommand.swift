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

    /// Lazy: rows are tested as they are read. Once every row was read, a bare field name that no row had is an
    /// error with a "did you mean" (a misspelt field kept no row, silently); `where` stopped early says nothing.
    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let rows = try call.rows(input)
        guard let condition = call.closure("condition") else { return input }
        let interpreter = context.interpreter
        let reads = FieldReads()
        return .stream(
            ValueStream {
                while let row = try rows.next() {
                    reads.tested(row)
                    let outer = interpreter.fieldReads
                    interpreter.fieldReads = reads
                    defer { interpreter.fieldReads = outer }
                    if try condition.test(row) { return row }
                }
                if let (word, range) = reads.neverFound, !reads.fieldNames.isEmpty {
                    let hint =
                        Suggestion.hint(for: word, in: reads.fieldNames)
                        ?? "the rows' fields: \(reads.fieldNames.sorted().prefix(12).joined(separator: ", "))"
                    throw ShellError(.notFound, "no row has a field '\(word)'", hint: hint, at: range)
                }
                return nil
            })
    }
}
