import Foundation
import Shell

/// `save FILE [--force]`: writes the input to a file in the format its extension names (json, ndjson, csv,
/// yaml, else JSON); a string is written as it is (`to csv | save x.csv`). Atomic, and never replaces a file
/// without `--force`.
struct SaveCommand: Command {
    var signature: Signature {
        Signature("save", summary: "Write the input to a file, in the format its extension names.")
            .input("any")
            .required("path", .file, "The file to write (.json, .ndjson, .csv, .yaml, or text).")
            .switch("force", short: "f", "Replace the file if it exists.")
            .example("[{vin: A}] | save fleet.json", "A list as pretty JSON in fleet.json.")
            .example("\"hello\" | save --force note.txt", "Text, replacing the file if it exists.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let path = call.string("path") ?? ""
        let value = try input.collect()
        let text: String
        switch (value, URL(fileURLWithPath: path).pathExtension.lowercased()) {
        case (.string(let string), _): text = string
        case (_, "json"): text = JSONWriter.string(value, pretty: true) + "\n"
        case (_, "ndjson"), (_, "jsonl"): text = (value.listItems ?? [value]).map { JSONWriter.string($0) + "\n" }.joined()
        case (_, "csv"): text = try CSV.write(value)
        case (_, "yaml"), (_, "yml"): text = try YAML.write(value)
        default: text = JSONWriter.string(value, pretty: true) + "\n"
        }
        try FileAccess.write(Array(text.utf8), to: path, overwrite: call.isSet("force"), call: call, context: context)
        return .empty
    }
}
