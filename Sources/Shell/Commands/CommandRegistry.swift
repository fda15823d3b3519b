/// The commands the shell knows, keyed by full name (`monitors create` under that name). Built once at start;
/// `def` adds user commands to scopes, not here.
/// Each command belongs to a family (`Working with rows`), which `help` groups it under, in the order families
/// were first registered.
package struct CommandRegistry {
    private var commands: [String: any Command] = [:]
    private var familyOf: [String: String] = [:]
    /// The families, in the order they were first registered.
    package private(set) var families: [String] = []

    package init() {}

    package mutating func register(_ new: any Command...) { register(new) }

    package mutating func register(_ new: [any Command]) {
        for command in new { commands[command.signature.name] = command }
    }

    /// Registers commands of one family. A signature may be made each time it is read: each is read once here,
    /// since the registry is built at every start.
    package mutating func register(family: String, _ new: [any Command]) {
        if !families.contains(family) { families.append(family) }
        for command in new {
            let name = command.signature.name
            familyOf[name] = family
            commands[name] = command
        }
    }

    /// Adds another registry's commands, in their families (whose order follows this registry's, then the
    /// other's).
    package mutating func merge(_ other: CommandRegistry) {
        for family in other.families where !families.contains(family) { families.append(family) }
        for (name, command) in other.commands {
            commands[name] = command
            if let family = other.familyOf[name] { familyOf[name] = family }
        }
    }

    /// The family `name` was registered in, if any.
    package func family(of name: String) -> String? { familyOf[name] }

    package func command(named name: String) -> (any Command)? { commands[name] }

    /// All names, sorted.
    package var names: [String] { commands.keys.sorted() }

    /// All commands, sorted by name.
    package var all: [any Command] { names.compactMap { commands[$0] } }

    /// Whether `name` starts any subcommand (`monitors` for `monitors create`).
    package func hasSubcommands(_ name: String) -> Bool { commands.keys.contains { $0.hasPrefix(name + " ") } }

    /// The second words of `name`'s subcommands, sorted (`create`, `delete`… for `monitors`).
    package func subcommands(of name: String) -> [String] {
        names.filter { $0.hasPrefix(name + " ") }.map { String($0.dropFirst(name.count + 1)) }
    }

    /// The signatures of `name`'s subcommands, sorted by name.
    package func subcommandSignatures(of name: String) -> [Signature] {
        subcommands(of: name).compactMap { commands[name + " " + $0]?.signature }
    }
}
