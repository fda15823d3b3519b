import Foundation
import Shell

/// `to json|ndjson|csv|yaml|table|geojson`: a value as text in a format (registered once per format, as
/// `to json` and so on).
struct ToCommand: Command {
    /// The formats `to` writes.
    enum Format: String, CaseIterable {
        case json, ndjson, csv, yaml, table, geojson
    }

    let format: Format

    var signature: Signature {
        let base = Signature("to \(format.rawValue)", summary: summary).input(
            format == .geojson ? "Features or records with latitude/longitude" : "any"
        ).output("string")
        switch format {
        case .json:
            return base.switch("compact", short: "c", "One line, no spaces.")
                .example("{vin: A, level: 80} | to json --compact", "Compact JSON.", result: "{\"vin\":\"A\",\"level\":80}")
        case .ndjson: return base.example("[{a: 1}, {a: 2}] | to ndjson", "One JSON document per line.", result: "{\"a\":1}\n{\"a\":2}\n")
        case .csv: return base.example("[{vin: A, level: 80}] | to csv", "A header line and one row.", result: "vin,level\nA,80\n")
        case .yaml: return base.example("{vin: A, level: 80} | to yaml", "YAML, fields in order.", result: "vin: A\nlevel: 80\n")
        case .table: return base.example("[{vin: A}] | to table", "The table a terminal shows.", result: "# │ vin\n──┼────\n0 │ A")
        case .geojson:
            return base.example(
                "[{latitude: 48.8, longitude: 2.3, vin: A}] | to geojson | from json | get features.0.geometry.coordinates",
                "Points from latitude and longitude.", result: [2.3, 48.8])
        }
    }

    private var summary: String {
        switch format {
        case .json: "Write the input as JSON (pretty unless --compact)."
        case .ndjson: "Write each row as one line of compact JSON."
        case .csv: "Write a list of records as CSV with a header line."
        case .yaml: "Write the input as YAML."
        case .table: "Render the input as the table a terminal shows."
        case .geojson: "Write positions as a GeoJSON FeatureCollection."
        }
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let value = try input.collect()
        switch format {
        case .json: return .value(.string(JSONWriter.string(value, pretty: !call.isSet("compact"))))
        case .ndjson: return .value(.string((value.listItems ?? [value]).map { JSONWriter.string($0) + "\n" }.joined()))
        case .csv: return .value(.string(try CSV.write(value)))
        case .yaml: return .value(.string(try YAML.write(value)))
        case .table:
            let width = context.interpreter.environment["COLUMNS"].flatMap(Int.init) ?? 120
            return .value(.string(TableRenderer(width: width).render(value)))
        case .geojson: return .value(.string(JSONWriter.string(try GeoJSON.featureCollection(value), pretty: true)))
        }
    }
}
