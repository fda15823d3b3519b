import Shell

/// `exit [code]`: ends the script or the REPL with a status (0 by default); `try` does not catch it.
struct ExitCommand: Command {
    var signature: Signature {
        Signature("exit", summary: "End the script or the shell, with an exit status.")
            .optional("code", .int, "The exit status, 0 to 255 (default 0).")
            .example("exit 3", "Stop with status 3.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let code = call.int("code") ?? 0
        guard (0...255).contains(code) else { throw call.error("exit status must be 0 to 255, got \(code)", argument: "code", code: .badArgument) }
        throw ExitRequest(status: Int32(code))
    }
}
