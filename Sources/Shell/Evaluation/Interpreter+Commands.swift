/// Calling commands: finding the command (a `def` in scope, then the registry, with subcommands), `--help`,
/// binding the arguments, and giving errors the call's place.
extension Interpreter {
    func invoke(_ syntax: CommandCall, input: PipelineData, scope: Scope) throws -> PipelineData {
        try enterLevel(at: syntax.range)
        defer { depth.leave() }
        try step()
        let (command, skipped) = try resolve(syntax, scope)
        let signature = command.signature
        if wantsHelp(syntax, signature) {
            return .value(
                .string(HelpRenderer(width: presentation.width).render(signature, subcommands: registry.subcommandSignatures(of: signature.name))))
        }
        let source = currentSource
        let binder = Binder(
            signature: signature, syntax: syntax, skipped: skipped, evaluate: { try self.evaluate($0, scope) },
            makeClosure: { Closure(interpreter: self, scope: scope, source: source, expression: $0) })
        do {
            let call = try binder.bind()
            let output = try command.run(call, input: input, context: CommandContext(interpreter: self, scope: scope))
            guard case .stream(let stream) = output else { return output }
            // Rows fail later, when a later stage reads them: keep this call's place on those errors.
            let placed = ValueStream {
                do { return try stream.next() } catch { throw ShellError.wrapping(error).placed(at: syntax.range, in: source) }
            }
            placed.live = stream.live
            return .stream(placed)
        } catch let exit as ExitRequest {
            throw exit
        } catch {
            throw ShellError.wrapping(error).placed(at: syntax.range, in: source)
        }
    }

    /// The command a call names, and how many of its arguments were the subcommand's words.
    private func resolve(_ syntax: CommandCall, _ scope: Scope) throws -> (any Command, Int) {
        if let user = scope.command(named: syntax.name) { return (user, 0) }
        var name = syntax.name
        var skipped = 0
        var best: (any Command, Int)? = registry.command(named: name).map { ($0, 0) }
        for argument in syntax.arguments {
            guard case .positional(.word(let word, _)) = argument else { break }
            name += " " + word
            skipped += 1
            if let command = registry.command(named: name) { best = (command, skipped) }
        }
        if let best { return best }
        if registry.hasSubcommands(syntax.name) {
            let subcommands = registry.subcommands(of: syntax.name)
            var hint = "subcommands: " + subcommands.joined(separator: ", ")
            if case .positional(.word(let word, _))? = syntax.arguments.first, let near = Suggestion.nearest(to: word, in: subcommands) {
                hint = "did you mean '\(syntax.name) \(near)'?"
            }
            throw ShellError(.unknownCommand, "'\(syntax.name)' needs a subcommand", hint: hint, at: syntax.range)
        }
        let names = Set(registry.names.map { $0.split(separator: " ")[0] }.map(String.init)).union(scope.commandNames)
        let hint = Suggestion.hint(for: syntax.name, in: names) ?? unknownCommandHint(syntax.name, scope)
        throw ShellError(.unknownCommand, "unknown command '\(syntax.name)'", hint: hint, at: syntax.nameRange)
    }

    private func unknownCommandHint(_ name: String, _ scope: Scope) -> String {
        if scope.lookup(name) != nil { return "to use the variable, write `$\(name)`" }
        return "`help` lists the commands; to write text, quote it: \"\(name)\""
    }

    private func wantsHelp(_ syntax: CommandCall, _ signature: Signature) -> Bool {
        syntax.arguments.contains { argument in
            guard case .flag(let name, nil, _) = argument else { return false }
            return (name == "help" || name == "h") && signature.flag(named: name) == nil
        }
    }
}
