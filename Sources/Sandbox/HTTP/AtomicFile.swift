import APIContract
import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Writes files whole or not at all: to `name.tmp`, then `rename(2)` over the target.
package enum AtomicFile {
    /// Writes `bytes` to `url` with `mode` (0600 for anything secret).
    package static func write(_ bytes: [UInt8], to url: URL, mode: mode_t = 0o644) throws {
        let temporary = url.path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard fd >= 0 else { throw SandboxStartupError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        fchmod(fd, mode)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { throw SandboxStartupError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
            offset += written
        }
        guard fsync(fd) == 0, rename(temporary, url.path) == 0 else {
            throw SandboxStartupError("cannot replace \(url.path): \(String(cString: strerror(errno)))")
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
