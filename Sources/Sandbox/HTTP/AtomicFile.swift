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

    /// The JSON document a state file holds, or nil when there is none yet; a damaged one stops the sandbox with
    /// what to do about it.
    package static func readJSON(_ url: URL) throws -> JSON? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        do throws(JSONParseError) { return try JSONParser.parse(Array(data)) } catch {
            throw SandboxStartupError("\(url.path) is not valid JSON (\(error.message), line \(error.line)); move it away to start afresh")
        }
    }
}
