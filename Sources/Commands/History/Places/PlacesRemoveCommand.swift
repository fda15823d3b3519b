import History
import Shell

/// `places remove NAME`: forgets a place; drives and charges in it are named by their coordinates again.
struct PlacesRemoveCommand: Command {
    let api: APIContext

    var signature: Signature {
        HistoryDatabase.flag(
            on: Signature("places remove", summary: "Forget a place you named.")
                .required("name", .place)
                .example("places add gym 48.84,2.32 | get name; places remove gym | get removed", "Name a place, then forget it.", result: true)
                .output("record: name, removed"))
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let name = call.string("name") ?? ""
        let store = try HistoryDatabase.openForWriting(call, api: api)
        let removed: Bool
        let names: [String]
        do throws(HistoryError) {
            removed = try store.removePlace(named: name)
            names = try store.places().map(\.name)
        } catch {
            throw call.error(error.description, hint: "give another file with --db PATH")
        }
        guard removed else {
            let near = Suggestion.nearest(to: name, in: names).map { "did you mean '\($0)'? " } ?? ""
            throw call.error(
                "no place named '\(name)'", hint: near + (names.isEmpty ? "no place is named yet" : "places: " + names.joined(separator: ", ")),
                argument: "name", code: .badArgument)
        }
        return .value(["name": .string(name), "removed": true])
    }
}
