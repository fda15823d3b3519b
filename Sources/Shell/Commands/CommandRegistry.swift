/// The commands the shell knows, keyed by full name (`monitors create` under that name). Built once at start;
/// `def` adds user commands to scopes, not here.
package struct CommandRegistry {
    private var commands: [String: any Command] = [:]

    package init() {}

    package mutating func register(_ new: any Command...) { register(new) }

    package mutating func register(_ new: [any Command]) {
        for command in new { commands[command.signature.name] = command }
    }

    package func command(named name: String) -> (any Command)? { commands[name] }

    /// All names, sorted.
    package var names: [String] { commands.keys.sorted() }

    /// All commands, sorted by name.
    package var all: [any Command] { names.compactMap { commands[$0] } }

    /// Whether `name` starts any subcommand (`monitors` for `monitors create`).
    package func hasSubcommands(_ name: String) -> Bool { commands.keys.contains { $0.hasPrefix(name + " ") } }
}
