import Foundation
import Shell

/// `save FILE [--force] [--format F]`: writes the input to a file in the format its extension names (json,
/// ndjson/jsonl, csv, yaml/yml, gpx, geojson, html/htm) or `--format`; any other extension is refused with the list, never
/// written as JSON by surprise. A string is written as it is (`to csv | save x.csv`, `"note" | save a.txt`). Atomic,
/// and never replaces a file without `--force`.
struct SaveCommand: Command {
    /// Extensions and the format each names.
    static let formats: [(extensions: [String], format: ToCommand.Format)] = [
        (["json"], .json), (["ndjson", "jsonl"], .ndjson), (["csv"], .csv), (["yaml", "yml"], .yaml), (["gpx"], .gpx), (["geojson"], .geojson),
        (["html", "htm"], .html),
    ]

    var signature: Signature {
        Signature("save", summary: "Write the input to a file, in the format its extension names.")
            .input("any")
            .required("path", .file, "The file to write (.json, .ndjson, .csv, .yaml, .gpx, .geojson, .html; a string as it is).")
            .switch("force", short: "f", "Replace the file if it exists.")
            .flag("format", .string, "The format, whatever the extension: json, ndjson, csv, yaml, gpx, geojson or html.")
            .example("[{vin: A}] | save fleet.json", "A list as pretty JSON in fleet.json.")
            .example("\"hello\" | save --force note.txt", "Text, replacing the file if it exists.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let path = call.string("path") ?? ""
        let value = try input.collect()
        let text: String
        if case .string(let string) = value {
            text = string
        } else {
            switch try format(call, path: path) {
            case .json, .table: text = JSONWriter.string(value, pretty: true) + "\n"
            case .ndjson: text = (value.listItems ?? [value]).map { JSONWriter.string($0) + "\n" }.joined()
            case .csv: text = try CSV.write(value)
            case .yaml: text = try YAML.write(value)
            case .gpx: text = try GPX.write(value)
            case .geojson: text = JSONWriter.string(try GeoJSON.featureCollection(value), pretty: true) + "\n"
            case .html: text = ReportPage.page(value) ?? HTML.page(value)
            }
        }
        try FileAccess.write(Array(text.utf8), to: path, overwrite: call.isSet("force"), call: call, context: context)
        return .empty
    }

    /// `--format`, else the one the extension names; another extension is an error listing them.
    private func format(_ call: Call, path: String) throws -> ToCommand.Format {
        let names = Self.formats.flatMap(\.extensions)
        if let given = call.string("format") {
            guard let format = Self.formats.first(where: { $0.extensions.contains(given.lowercased()) })?.format else {
                throw call.error(
                    "--format \(given) is not a format save writes", hint: "one of \(names.joined(separator: ", "))", argument: "format",
                    code: .badArgument)
            }
            return format
        }
        let suffix = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let format = Self.formats.first(where: { $0.extensions.contains(suffix) })?.format else {
            throw call.error(
                suffix.isEmpty ? "'\(path)' has no extension to name a format" : "'.\(suffix)' is not a format save writes",
                hint: "name the file .\(names.joined(separator: ", .")), or give --format", argument: "path", code: .badArgument)
        }
        return format
    }
}
