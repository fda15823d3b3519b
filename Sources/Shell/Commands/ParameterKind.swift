/// A kind of domain value a parameter takes — a vehicle, an alert, a telemetry type — declared once and named in
/// each command's ``Signature`` (`.optional("vehicle", .kind(.vehicle))`). The kind carries the parameter's help,
/// TAB asks the completion source registered for the kind (never one keyed by the parameter's name, so a flag
/// called `--type` offers alarm types on `alarms` and telemetry types on `telemetry`), and the command resolves
/// what was written through it. Two kinds are the same kind when their names are.
package struct ParameterKind: Sendable, Hashable, CustomStringConvertible {
    /// How help names it: `vehicle`, `alarm type`.
    package let name: String
    /// What a parameter of this kind accepts, for help when the parameter says nothing more.
    package let help: String
    /// A kind written as a word (a profile, a tariff, a time zone): a number typed there is read as its text, and a
    /// list, record or bool is refused as it binds. Other kinds (a vehicle, an alert) take numbers as positions and
    /// records from the pipe, and their commands resolve what was written.
    package let isName: Bool

    package init(_ name: String, help: String, isName: Bool = false) {
        self.name = name
        self.help = help
        self.isName = isName
    }

    package var description: String { name }

    package static func == (a: ParameterKind, b: ParameterKind) -> Bool { a.name == b.name }
    package func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// A command's name (`help monitors create`): completed from the registry itself.
    package static let command = ParameterKind("command", help: "A command name, e.g. `sort-by` or `to json`.")
}
