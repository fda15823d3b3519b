/// A command's interface, declared once (docs/architecture.md §5.2): binding, `help`, completion and the example
/// tests all read it. Built with chained calls:
///
///     Signature("first", summary: "Return the first row, or the first N rows, of the input.")
///         .input("list")
///         .optional("count", .int, "How many rows to return.")
///         .example("[1, 2, 3] | first 2", "The first two rows.", result: [1, 2])
package struct Signature: Sendable {
    /// A positional parameter.
    package struct Positional: Sendable {
        package var name: String
        package var shape: Shape
        package var help: String
        package var isOptional = false
        /// Takes every remaining positional argument.
        package var isRest = false
    }

    /// A `--flag`: a switch when `shape` is nil, else it takes a value; a repeatable flag collects every value it
    /// is given into a list (`--header A=1 --header B=2`).
    package struct Flag: Sendable {
        package var name: String
        package var short: Character?
        package var shape: Shape?
        package var help: String
        package var isRepeatable = false
    }

    /// A runnable example; with a `result`, the example tests check the value it produces.
    package struct Example: Sendable {
        package var source: String
        package var description: String
        package var result: Value?
    }

    /// The full name, with a subcommand after a space: `monitors create`.
    package var name: String
    package var summary: String
    package var discussion = ""
    /// What the command reads from the pipe, for help ("list", "vehicle records"); nil when it ignores input.
    package var input: String?
    package var output: String?
    package private(set) var positionals: [Positional] = []
    package private(set) var flags: [Flag] = []
    package private(set) var examples: [Example] = []

    package init(_ name: String, summary: String) {
        self.name = name
        self.summary = summary
    }

    package func input(_ description: String) -> Signature { with { $0.input = description } }
    package func output(_ description: String) -> Signature { with { $0.output = description } }
    package func discussion(_ text: String) -> Signature { with { $0.discussion = text } }

    package func required(_ name: String, _ shape: Shape, _ help: String) -> Signature {
        with { $0.positionals.append(Positional(name: name, shape: shape, help: help)) }
    }

    package func optional(_ name: String, _ shape: Shape, _ help: String) -> Signature {
        with { $0.positionals.append(Positional(name: name, shape: shape, help: help, isOptional: true)) }
    }

    package func rest(_ name: String, _ shape: Shape, _ help: String) -> Signature {
        with { $0.positionals.append(Positional(name: name, shape: shape, help: help, isOptional: true, isRest: true)) }
    }

    /// A positional of a declared kind: its help is the kind's unless `help` says more.
    package func required(_ name: String, _ kind: ParameterKind, _ help: String? = nil) -> Signature {
        required(name, .kind(kind), help ?? kind.help)
    }

    /// An optional positional of a declared kind: its help is the kind's unless `help` says more.
    package func optional(_ name: String, _ kind: ParameterKind, _ help: String? = nil) -> Signature {
        optional(name, .kind(kind), help ?? kind.help)
    }

    /// Every remaining positional, each of a declared kind.
    package func rest(_ name: String, _ kind: ParameterKind, _ help: String? = nil) -> Signature { rest(name, .kind(kind), help ?? kind.help) }

    /// A flag whose value is of a declared kind.
    package func flag(_ name: String, _ kind: ParameterKind, _ help: String? = nil) -> Signature { flag(name, .kind(kind), help ?? kind.help) }

    /// A switch (`--reverse`).
    package func `switch`(_ name: String, short: Character? = nil, _ help: String) -> Signature {
        with { $0.flags.append(Flag(name: name, short: short, shape: nil, help: help)) }
    }

    /// A flag with a value (`--locale fr-FR`); `repeatable` collects several into a list.
    package func flag(_ name: String, _ shape: Shape, short: Character? = nil, repeatable: Bool = false, _ help: String) -> Signature {
        with { $0.flags.append(Flag(name: name, short: short, shape: shape, help: help, isRepeatable: repeatable)) }
    }

    package func example(_ source: String, _ description: String, result: Value? = nil) -> Signature {
        with { $0.examples.append(Example(source: source, description: description, result: result)) }
    }

    /// The flag called `name` (long) or `-name` (short).
    package func flag(named name: String) -> Flag? {
        flags.first { $0.name == name } ?? (name.count == 1 ? flags.first { $0.short.map(String.init) == name } : nil)
    }

    /// `first [count]`, `where <condition>`, `select <paths>...`.
    package var usage: String {
        var parts = [name]
        for positional in positionals {
            let text = positional.isRest ? "<\(positional.name)>..." : positional.isOptional ? "[\(positional.name)]" : "<\(positional.name)>"
            parts.append(text)
        }
        if !flags.isEmpty { parts.append("[flags]") }
        return parts.joined(separator: " ")
    }

    private func with(_ change: (inout Signature) -> Void) -> Signature {
        var copy = self
        change(&copy)
        return copy
    }
}
