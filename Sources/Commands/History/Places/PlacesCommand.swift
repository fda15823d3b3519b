import History
import Shell

/// `places`: the user's named places, kept in the history database (docs/history.md, "Places"); drives and charges
/// are named by them.
struct PlacesCommand: Command {
    let api: APIContext

    var signature: Signature {
        HistoryDatabase.flag(
            on: Signature("places", summary: "The places you named (home, work…): drives and charges are named by them.")
                .example("places | get name", "The names of your places.")
                .output("list of records: name, latitude, longitude, radius (m)"))
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let store = try HistoryDatabase.openForWriting(call, api: api)
        do throws(HistoryError) { return .value(.list(try store.places().map(Self.record))) } catch {
            throw call.error(error.description, hint: "give another file with --db PATH")
        }
    }

    static func record(_ place: Place) -> Value {
        [
            "name": .string(place.name), "latitude": .double(place.latitude), "longitude": .double(place.longitude),
            "radius": .double(place.radius),
        ]
    }
}
