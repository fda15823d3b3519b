import Shell

/// `reject names…`: drops the named fields of a record or of every row.
struct RejectCommand: Command {
    var signature: Signature {
        Signature("reject", summary: "Remove the given fields from a record or from every row.")
            .input("list or record")
            .rest("fields", .string, "Field names to remove.")
            .example("{vin: A, label: car, brand: Opel} | reject label", "A record without its label.", result: ["vin": "A", "brand": "Opel"])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let names = call.rest.map(\.value.text)
        guard !names.isEmpty else { throw call.error("'reject' needs at least one field name", code: .badArgument) }
        let drop = { (value: Value) -> Value in
            guard case .record(var record) = value else { return value }
            for name in names { record[name] = nil }
            return .record(record)
        }
        if case .value(let value) = input, !input.isList { return .value(drop(value)) }
        return .stream(try call.rows(input).compactMap(drop))
    }
}
