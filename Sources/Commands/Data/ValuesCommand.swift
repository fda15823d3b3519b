import Shell

/// `values`: a record's field values.
struct ValuesCommand: Command {
    var signature: Signature {
        Signature("values", summary: "List the field values of a record.")
            .input("record")
            .example("{vin: A, level: 80} | values", "The values, in order.", result: ["A", 80])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        .value(.list(try RecordInput.record(input, call).fields.map(\.value)))
    }
}
