import Foundation
import Shell

/// `to json|ndjson|csv|yaml|table|geojson|gpx|html`: a value as text in a format (registered once per format, as
/// `to json` and so on).
struct ToCommand: Command {
    /// The formats `to` writes.
    enum Format: String, CaseIterable {
        case json, ndjson, csv, yaml, table, geojson, gpx, html
    }

    let format: Format

    var signature: Signature {
        var base = Signature("to \(format.rawValue)", summary: summary)
        if format == .gpx {
            base = base.discussion("`waypoints 0 (trips 0 | first | get id) | to gpx | save trip.gpx` saves a trip's path for any GPS tool.")
        }
        base = base.input(
            format == .geojson || format == .gpx ? "Features, trips or records with latitude/longitude" : "any"
        ).output("string")
        switch format {
        case .json:
            return base.switch("compact", short: "c", "One line, no spaces.")
                .example("{vin: A, level: 80} | to json --compact", "Compact JSON.", result: "{\"vin\":\"A\",\"level\":80}")
        case .ndjson: return base.example("[{a: 1}, {a: 2}] | to ndjson", "One JSON document per line.", result: "{\"a\":1}\n{\"a\":2}\n")
        case .csv: return base.example("[{vin: A, level: 80}] | to csv", "A header line and one row.", result: "vin,level\nA,80\n")
        case .yaml: return base.example("{vin: A, level: 80} | to yaml", "YAML, fields in order.", result: "vin: A\nlevel: 80\n")
        case .table:
            return base.switch("all", "Every column, even past the terminal's width.")
                .switch("raw", "The document's own fields, without its view.")
                .example("[{vin: A}] | to table", "The table a terminal shows.", result: "# │ vin\n──┼────\n0 │ A")
                .example("[{vin: A, level: 80}] | to table --all --raw", "Every column, the document's own fields.")
        case .geojson:
            return base.example(
                "[{latitude: 48.8, longitude: 2.3, vin: A}] | to geojson | from json | get features.0.geometry.coordinates",
                "Points from latitude and longitude.", result: [2.3, 48.8])
        case .gpx:
            return base.example(
                "([{latitude: 48.8, longitude: 2.3}, {latitude: 48.9, longitude: 2.4}] | to gpx) =~ 'trkpt lat=\"48.9\" lon=\"2.4\"'",
                "A track through two points.", result: true)
        case .html:
            return base.discussion("A month's `report` becomes its page: the card and inline SVG pictures, nothing fetched.")
                .example("([{vin: A, level: 80}] | to html) =~ '<td>A</td>'", "A table of the rows.", result: true)
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
        case .gpx: "Write waypoints, trips or positions as GPX 1.1 (tracks and waypoints)."
        case .html: "Write the input as one self-contained HTML page: a report's page, else a table."
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
            var presentation = context.interpreter.presentation
            presentation.useColor = false
            presentation.showsAllColumns = presentation.showsAllColumns || call.isSet("all")
            return .value(.string(TableRenderer(presentation, ignoresViews: call.isSet("raw")).render(value)))
        case .geojson: return .value(.string(JSONWriter.string(try GeoJSON.featureCollection(value), pretty: true)))
        case .gpx: return .value(.string(try GPX.write(value)))
        case .html: return .value(.string(ReportPage.page(value) ?? HTML.page(value)))
        }
    }
}
