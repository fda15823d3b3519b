/// A lexical scope: variables and `def` commands, with a parent. Blocks (`if`, `for`, `try`, `each { }`, a
/// command body) run in a child of the scope they were written in; `let` defines in the innermost scope and may
/// shadow an outer name.
///
/// Not `Sendable`: scopes belong to the one interpreter running them.
package final class Scope {
    package let parent: Scope?
    private var variables: [String: Value] = [:]
    private var commands: [String: UserCommand] = [:]
    /// The pipeline input of a block or command body, read by `$in` (collected on first use).
    private var input: PipelineData?
    private var collectedInput: Value?

    package init(parent: Scope? = nil, input: PipelineData? = nil) {
        self.parent = parent
        self.input = input
    }

    package func define(_ name: String, _ value: Value) { variables[name] = value }

    package func lookup(_ name: String) -> Value? { variables[name] ?? parent?.lookup(name) }

    package func define(_ command: UserCommand) { commands[command.name] = command }

    package func command(named name: String) -> UserCommand? { commands[name] ?? parent?.command(named: name) }

    /// `$in`: the input of the nearest block that has one.
    func pipelineInput() throws -> Value? {
        if let collectedInput { return collectedInput }
        guard let input else { return try parent?.pipelineInput() }
        let value = try input.collect()
        collectedInput = value
        self.input = .value(value)
        return value
    }

    /// Every variable name visible here (for suggestions and completion).
    package var variableNames: Set<String> { Set(variables.keys).union(parent?.variableNames ?? []) }

    /// Every user command visible here.
    package var commandNames: Set<String> { Set(commands.keys).union(parent?.commandNames ?? []) }
}
