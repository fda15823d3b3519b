import Shell

/// `help [command]`: every command with its summary, or one command's usage, arguments, flags and examples —
/// all generated from signatures.
struct HelpCommand: Command {
    var signature: Signature {
        Signature("help", summary: "List the commands, or describe one.")
            .rest("command", .kind(.command), "A command name, e.g. `help sort-by` or `help to json`.")
            .example("help first", "How to use `first`.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let registry = context.interpreter.registry
        guard !call.rest.isEmpty else {
            let user = context.scope.commandNames.sorted().compactMap { context.scope.command(named: $0)?.signature }
            return .value(.string(HelpRenderer().overview(registry.all.map(\.signature) + user)))
        }
        let name = call.rest.map(\.value.text).joined(separator: " ")
        if let command = context.scope.command(named: name) ?? registry.command(named: name) {
            return .value(.string(HelpRenderer().render(command.signature)))
        }
        let subcommands = registry.names.filter { $0.hasPrefix(name + " ") }
        if !subcommands.isEmpty {
            return .value(.string(HelpRenderer().overview(subcommands.compactMap { registry.command(named: $0)?.signature })))
        }
        let hint = Suggestion.hint(for: name, in: registry.names + context.scope.commandNames) ?? "`help` lists every command"
        throw call.error("no command named '\(name)'", hint: hint, code: .unknownCommand)
    }
}
