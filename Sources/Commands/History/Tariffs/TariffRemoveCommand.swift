import Shell

/// `tariff remove NAME`: removes a tariff from config.toml (a dynamic tariff's imported prices stay in the history).
struct TariffRemoveCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("tariff remove", summary: "Remove a tariff from config.toml.")
            .required("name", .tariff)
            .example(
                "tariff add test --currency EUR --price 0.3 | get name; tariff remove test | get removed", "Add a tariff, then remove it.",
                result: true
            )
            .output("record: name, removed")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let name = call.string("name") ?? ""
        let file = StorySettings(api: api)
        guard try file.remove(name) else {
            let names = try file.tariffs().map(\.name)
            let near = Suggestion.nearest(to: name, in: names).map { "did you mean '\($0)'? " } ?? ""
            throw call.error(
                "no tariff named '\(name)'", hint: near + (names.isEmpty ? "no tariff is declared yet" : "tariffs: " + names.joined(separator: ", ")),
                argument: "name", code: .badArgument)
        }
        return .value(["name": .string(name), "removed": true])
    }
}
