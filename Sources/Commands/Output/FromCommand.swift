import Shell

/// `from json|csv|yaml`: parses text from the pipe into values.
struct FromCommand: Command {
    /// The formats `from` reads.
    enum Format: String, CaseIterable {
        case json, csv, yaml
    }

    let format: Format

    var signature: Signature {
        let base = Signature("from \(format.rawValue)", summary: "Parse \(format.rawValue.uppercased()) text from the pipe into values.").input(
            "string")
        switch format {
        case .json:
            return base.example("'{\"vin\": \"A\", \"level\": 80}' | from json", "A record, fields in order.", result: ["vin": "A", "level": 80])
        case .csv:
            return base.example(
                "\"vin,level\\nA,80\\n\" | from csv", "Rows as records; numbers become numbers.", result: [["vin": "A", "level": 80]])
        case .yaml: return base.example("\"vin: A\\nlevel: 80\\n\" | from yaml", "A record.", result: ["vin": "A", "level": 80])
        }
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let value = try input.collect()
        guard case .string(let text) = value else {
            throw call.error(
                "'\(call.name)' expects text as input, got \(value.kindPhrase)", hint: "use `open FILE` to read a file", code: .typeMismatch)
        }
        return .value(try Self.parse(text, format, name: "input"))
    }

    /// Parses `text`; errors name where the text came from (`input`, or a file name) and the line and column.
    static func parse(_ text: String, _ format: Format, name: String) throws -> Value {
        switch format {
        case .json:
            do {
                return try JSONReader.value(from: text)
            } catch {
                throw ShellError(
                    .failed, "invalid JSON in \(name) at \(error.line):\(error.column): \(error.message)", hint: "fix the JSON at that place")
            }
        case .csv:
            do { return try CSV.read(text) } catch { throw error.withPrefix(name) }
        case .yaml:
            do { return try YAML.read(text) } catch { throw error.withPrefix(name) }
        }
    }
}

extension ShellError {
    /// The same error, its message saying which input it is about.
    fileprivate func withPrefix(_ name: String) -> ShellError {
        var copy = self
        copy.message = "\(name): \(message)"
        return copy
    }
}
