import Foundation
import SafeFile

/// `config.toml` as text, edited the one safe way: under the file's lock, read, changed and written whole (atomic,
/// mode 0600 from its first byte), so that comments and order stay, two ccsh editing at once both land, and no
/// reader ever sees half a file. Profiles (``ProfileBook``) and tariffs are edited through it.
package struct ConfigFile: Sendable {
    package let url: URL

    package init(_ url: URL) { self.url = url }

    /// The file's text; an absent file is empty.
    package func text() throws(ClientError) -> String {
        guard FileManager.default.fileExists(atPath: url.path) else { return "" }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw ClientError(code: .configuration, request: url.path, message: "cannot read the config file")
        }
        return text
    }

    /// Replaces the text with what `change` makes of it, under the lock; `change` returns nil, or throws, to leave it
    /// as it was.
    package func edit(_ change: (String) throws -> String?) throws {
        let lock: FileLock
        do throws(SafeFileError) {
            try SafeFile.makeDirectory(url.deletingLastPathComponent().path)
            lock = try FileLock(for: url.path)
        } catch {
            throw ClientError(code: .configuration, request: url.path, message: "cannot lock the config file: \(error.message)")
        }
        defer { withExtendedLifetime(lock) {} }
        guard let text = try change(try text()) else { return }
        do throws(SafeFileError) { try SafeFile.write(Array(text.utf8), to: url.path, mode: 0o600) } catch {
            throw ClientError(code: .configuration, request: url.path, message: "cannot write the config file: \(error.message)")
        }
    }

    /// `text` with `table` appended (`[tariffs.home]` and its `key = value` lines), a blank line before it.
    package static func appending(_ table: String, fields: [(key: String, value: String)], to text: String) -> String {
        var appended = text.isEmpty || text.hasSuffix("\n\n") ? "" : text.hasSuffix("\n") ? "\n" : "\n\n"
        appended += "[\(table)]\n"
        for field in fields { appended += "\(field.key) = \(field.value)\n" }
        return text + appended
    }

    /// `text` without the table `[section.NAME]` (up to the next table); nil when it has none.
    package static func removing(section: String, name: String, from text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let headers = ["[\(section).\(name)]", "[\(section).\"\(name)\"]"]
        guard let start = lines.firstIndex(where: { headers.contains($0.trimmingCharacters(in: .whitespaces)) }) else { return nil }
        let end = lines[(start + 1)...].firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("[") } ?? lines.endIndex
        var kept = Array(lines[..<start]) + Array(lines[end...])
        while kept.count > 1, kept.last == "", kept[kept.count - 2] == "" { kept.removeLast() }
        return kept.joined(separator: "\n")
    }

    /// A TOML bare key when the name allows it, else a quoted one.
    package static func key(_ name: String) -> String {
        name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") } ? name : quoted(name)
    }

    /// A TOML basic string.
    package static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
