import Shell

/// `echo values…`: its arguments as the pipeline's value (one value, or a list of several).
struct EchoCommand: Command {
    var signature: Signature {
        Signature("echo", summary: "Return the arguments: one value, or a list of several.")
            .rest("values", .any, "The values.")
            .example("echo hello", "A string.", result: "hello")
            .example("echo 1 two 3.0", "A list.", result: [1, "two", 3.0])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let values = call.rest.map(\.value)
        return .value(values.count == 1 ? values[0] : values.isEmpty ? .null : .list(values))
    }
}
