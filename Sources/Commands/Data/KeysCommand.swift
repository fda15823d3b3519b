import Shell

/// `keys`: a record's field names.
struct KeysCommand: Command {
    var signature: Signature {
        Signature("keys", summary: "List the field names of a record.")
            .input("record")
            .example("{vin: A, label: car} | keys", "The names, in order.", result: ["vin", "label"])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        .value(.list(try RecordInput.record(input, call).names.map(Value.string)))
    }
}

/// The input of a command that works on one record, or an error saying what came instead.
enum RecordInput {
    static func record(_ input: PipelineData, _ call: Call) throws -> Record {
        let value = try input.collect()
        guard case .record(let record) = value else {
            throw call.error(
                "'\(call.name)' expects a record as input, got \(value.kindPhrase)", hint: "pipe one row, e.g. `… | first | \(call.name)`",
                code: .typeMismatch)
        }
        return record
    }
}
