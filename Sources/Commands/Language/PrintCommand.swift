import Shell

/// `print values…`: writes each value now (strings as text, others as the output format shows them), one per
/// line; with no arguments, prints the input. Returns nothing.
struct PrintCommand: Command {
    var signature: Signature {
        Signature("print", summary: "Print values now, one per line (or the input, without arguments).")
            .input("any")
            .rest("values", .any, "What to print.")
            .switch("stderr", short: "e", "Print to standard error instead.")
            .example("print \"hello\"", "Prints hello.")
            .example("for v in [1, 2] { print \"row $v\" }", "Prints inside a loop.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let values = call.rest.isEmpty ? [try input.collect()] : call.rest.map(\.value)
        let interpreter = context.interpreter
        for value in values {
            let text = value.kind == .string ? value.text : interpreter.render(value)
            let line = text.hasSuffix("\n") ? text : text + "\n"
            if call.isSet("stderr") { interpreter.writeError(line) } else { interpreter.write(line) }
        }
        return .empty
    }
}
