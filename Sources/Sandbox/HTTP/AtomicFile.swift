import APIContract
import Foundation
import SafeFile

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The sandbox's state files: written whole or not at all through ``SafeFile`` (ccsh's own writer), read back
/// as JSON.
package enum AtomicFile {
    /// Writes `bytes` to `url` with `mode` (0600 for anything secret).
    package static func write(_ bytes: [UInt8], to url: URL, mode: mode_t = 0o644) throws {
        do throws(SafeFileError) { try SafeFile.write(bytes, to: url.path, mode: mode) } catch {
            throw SandboxStartupError(error.description)
        }
    }

    /// The JSON document a state file holds, or nil when there is none yet. A damaged one (a crash of another
    /// program, a 0-byte file, a hand edit) is moved aside as `NAME.unreadable-<time>` with a message on stderr,
    /// and the sandbox starts afresh for that part instead of refusing every later start.
    package static func readJSON(_ url: URL) throws -> JSON? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        do throws(JSONParseError) { return try JSONParser.parse(Array(data)) } catch {
            moveAside(url, because: "it is not valid JSON (\(error.message), line \(error.line))")
            return nil
        }
    }

    /// Renames an unreadable state file to `NAME.unreadable-<UTC time>` and says so on stderr.
    package static func moveAside(_ url: URL, because reason: String) {
        let stamp = Timestamp.format(Int(Date().timeIntervalSince1970)).replacingOccurrences(of: ":", with: "")
        let aside = url.path + ".unreadable-" + stamp
        let moved = rename(url.path, aside) == 0
        let message =
            moved
            ? "warning: \(url.path) could not be read: \(reason); moved to \(aside), starting that part afresh\n"
            : "warning: \(url.path) could not be read: \(reason), nor moved aside; starting that part afresh\n"
        FileHandle.standardError.write(Data(message.utf8))
    }
}
