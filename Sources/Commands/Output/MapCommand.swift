import Shell

/// `map`: positions, waypoints, trips or a GeoJSON FeatureCollection drawn on the terminal, sized to the window.
struct MapCommand: Command {
    var signature: Signature {
        Signature("map", summary: "Draw positions, waypoints or trips on a terminal map, with a scale bar and a north arrow.")
            .input("positions (a path), rows with a vin (a marker each), trips, or a GeoJSON FeatureCollection")
            .output("string (the picture)")
            .switch("points", "Mark every position instead of joining them into a path.")
            .flag("height", .int, "Rows of the map (default: the window's height less 6).")
            .discussion(
                "A path runs from S (its first point) to E (its last); single positions get letters, named under the map. No map "
                    + "tiles are drawn (ccsh works offline): the picture is the route's shape in an equirectangular projection. "
                    + "Braille dots on a UTF-8 terminal, `*` otherwise."
            )
            .example("trips 0 | first 1 | waypoints | map", "The path of the latest trip.")
            .example("vehicles | position | map", "Where every vehicle is.")
            .example("[{latitude: 48.80, longitude: 2.30}, {latitude: 48.90, longitude: 2.40}] | map --height 5", "A path from S to E.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let tracks = GeoTrack.tracks(from: try input.collect(), points: call.isSet("points"))
        guard !tracks.isEmpty else {
            throw call.error(
                "nothing to map: no positions in the input",
                hint: "pipe `position`, `waypoints`, trips, or records with latitude and longitude, e.g. `trips 0 | first 1 | waypoints | map`")
        }
        let presentation = context.interpreter.presentation
        let height: Int
        if let asked = call.int("height") {
            guard (3...500).contains(asked) else {
                throw call.error("--height must be from 3 to 500, got \(asked)", argument: "height", code: .badArgument)
            }
            height = asked
        } else {
            height = max(6, presentation.height - 6)
        }
        let plot = MapPlot(tracks: tracks, width: presentation.width, height: height, unicode: presentation.unicode)
        return .value(.string(plot.lines(width: presentation.width).joined(separator: "\n")))
    }
}
