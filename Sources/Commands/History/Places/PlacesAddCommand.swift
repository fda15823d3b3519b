import History
import Shell

/// `places add NAME LAT,LON [--radius 150m]`: names a place (or moves the one of that name).
struct PlacesAddCommand: Command {
    let api: APIContext

    static let defaultRadius = 150.0

    var signature: Signature {
        HistoryDatabase.flag(
            on: Signature("places add", summary: "Name a place: a center and a radius; drives and charges in it take its name.")
                .required("name", .string, "Its name: home, work, gym…")
                .required("position", .string, "Its center as LAT,LON in degrees, e.g. 48.8566,2.3522.")
                .flag("radius", .any, "How far around the center it reaches: 150m (the default), 1km, or meters.")
                .example("places add home 48.8566,2.3522 --radius 150m | get name", "Home, 150 m around that point.", result: "home")
                .output("record: the place, and whether it replaced one of that name"))
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let name = call.string("name") ?? ""
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw call.error("a place needs a name", hint: "e.g. `places add home 48.8566,2.3522`", argument: "name", code: .badArgument)
        }
        let text = call.string("position") ?? ""
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let latitude = parts[0], let longitude = parts[1], abs(latitude) <= 90, abs(longitude) <= 180 else {
            throw call.error(
                "'\(text)' is not a position", hint: "write LAT,LON in degrees, latitude first: 48.8566,2.3522", argument: "position",
                code: .badArgument)
        }
        let radius = try Self.radius(call)
        let store = try HistoryDatabase.openForWriting(call, api: api)
        let place = Place(name: name, latitude: latitude, longitude: longitude, radius: radius)
        do throws(HistoryError) {
            let replaced = try store.save(place)
            guard case .record(var record) = PlacesCommand.record(place) else { return .empty }
            record["replaced"] = .bool(replaced)
            return .value(.record(record))
        } catch {
            throw call.error(error.description, hint: "give another file with --db PATH")
        }
    }

    /// `--radius 150m` or `1.5km` (or a number of meters), in meters.
    static func radius(_ call: Call) throws -> Double {
        guard let text = call.value("radius")?.text.lowercased() else { return defaultRadius }
        let meters: Double? =
            text.hasSuffix("km") ? Double(text.dropLast(2)).map { $0 * 1000 } : text.hasSuffix("m") ? Double(text.dropLast()) : Double(text)
        guard let meters, meters > 0, meters <= 100_000 else {
            throw call.error(
                "--radius '\(text)' is not a distance", hint: "write 150m or 1km (at most 100km)", argument: "radius", code: .badArgument)
        }
        return meters
    }
}
