import Shell

/// `help [name]`: the commands grouped by family and the language's pages, or one command's usage, arguments,
/// flags, subcommands and examples — all generated from signatures — or a page of the language (`help let`),
/// wrapped to the terminal.
struct HelpCommand: Command {
    var signature: Signature {
        Signature("help", summary: "List the commands and the language's pages, or describe one.")
            .rest("command", .kind(.command), "A command name (`help sort-by`, `help to json`) or a keyword (`help let`, `help blocks`).")
            .example("help first", "How to use `first`.")
            .example("help let", "How to name a value.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let registry = context.interpreter.registry
        let renderer = HelpRenderer(width: context.interpreter.presentation.width)
        guard !call.rest.isEmpty else {
            let user = context.scope.commandNames.sorted().compactMap { context.scope.command(named: $0)?.signature }
            return .value(.string(renderer.overview(registry, user: user)))
        }
        let name = call.rest.map(\.value.text).joined(separator: " ")
        let subcommands = registry.subcommandSignatures(of: name)
        if let command = context.scope.command(named: name) ?? registry.command(named: name) {
            return .value(.string(renderer.render(command.signature, subcommands: subcommands)))
        }
        if let topic = LanguageTopic.all.first(where: { $0.answers(name) }) { return .value(.string(renderer.render(topic))) }
        if !subcommands.isEmpty { return .value(.string(renderer.list(subcommands))) }
        let names = registry.names + context.scope.commandNames + LanguageTopic.all.flatMap { [$0.name] + $0.aliases }
        let hint = Suggestion.hint(for: name, in: names) ?? "`help` lists every command and the language's pages"
        throw call.error("no command or help page named '\(name)'", hint: hint, code: .unknownCommand)
    }
}
