import Foundation
import SafeFile
import Shell

/// `open FILE`: reads a file into values by its extension (`.json`/`.geojson`, `.ndjson`, `.csv`, `.yaml`/`.yml`), any other
/// file as text. A JSON file with an error (a duplicate key, a missing comma) is reported at its line and column.
struct OpenCommand: Command {
    var signature: Signature {
        Signature("open", summary: "Read a file into values, by its extension (json, ndjson, csv, yaml), or as text.")
            .required("path", .file, "The file to read.")
            .switch("raw", "Read the file as text whatever its extension.")
            .example("open monitor.json | get callback.target", "A field of a JSON file.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let path = call.string("path") ?? ""
        let bytes = try FileAccess.read(path, call: call, context: context)
        let name = URL(fileURLWithPath: path).lastPathComponent
        let text = { () throws -> String in
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw call.error("'\(path)' is not UTF-8 text", hint: "ccsh reads text files only", argument: "path", code: .io)
            }
            return text
        }
        if call.isSet("raw") { return .value(.string(try text())) }
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "json", "geojson":
            do {
                return .value(try JSONReader.value(from: bytes))
            } catch {
                throw call.error(
                    "\(name):\(error.line):\(error.column): \(error.message)", hint: "fix the JSON at that place in \(path)", argument: "path")
            }
        case "ndjson", "jsonl":
            var rows: [Value] = []
            for (n, line) in try text().split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.allSatisfy(\.isWhitespace) {
                do { rows.append(try JSONReader.value(from: String(line))) } catch {
                    throw call.error("\(name):\(n + 1):\(error.column): \(error.message)", argument: "path")
                }
            }
            return .value(.list(rows))
        case "csv": return .value(try FromCommand.parse(try text(), .csv, name: name))
        case "yaml", "yml": return .value(try FromCommand.parse(try text(), .yaml, name: name))
        default: return .value(.string(try text()))
        }
    }
}

/// Reading and writing files for `open`, `save` and `source`, with errors that name the file and say why.
enum FileAccess {
    /// `path` made absolute against the interpreter's current directory.
    static func resolve(_ path: String, _ context: CommandContext) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: context.interpreter.currentDirectory).appendingPathComponent(path).path
    }

    static func read(_ path: String, call: Call, context: CommandContext) throws -> [UInt8] {
        let full = resolve(path, context)
        guard let data = FileManager.default.contents(atPath: full) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            let why = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "permission denied"
            let hint = exists ? nil : "relative paths start at \(context.interpreter.currentDirectory)"
            throw call.error("cannot read '\(path)': \(why)", hint: hint, argument: "path", code: .io)
        }
        return Array(data)
    }

    /// Writes `bytes` to `path` whole or not at all (``SafeFile``: a unique temporary file beside it, synced, then a
    /// rename). Refuses to replace anything that exists unless `overwrite`; then it writes through a symbolic link
    /// to its target, keeps the target's mode and owner, and refuses what is not a regular file (a FIFO, a device).
    static func write(_ bytes: [UInt8], to path: String, overwrite: Bool, call: Call, context: CommandContext) throws {
        let full = resolve(path, context)
        var info = stat()
        if !overwrite, lstat(full, &info) == 0 {
            throw call.error("'\(path)' already exists", hint: "add --force to replace it", argument: "path", code: .io)
        }
        do throws(SafeFileError) {
            if overwrite { try SafeFile.replace(bytes, at: full) } else { try SafeFile.write(bytes, to: full, mode: 0o644) }
        } catch {
            let hint = error.message.contains("not a regular file") ? "save writes regular files only: choose a file's path" : nil
            throw call.error("cannot write '\(path)': \(error.message)", hint: hint, argument: "path", code: .io)
        }
    }
}
