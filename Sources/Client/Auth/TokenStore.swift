import Foundation
import SafeFile

#if canImport(Glibc)
    import Glibc
#endif

/// One profile's tokens on disk: `<dir>/<profile>.json`, mode 0600, replaced atomically (temporary file and
/// rename). Changes happen under an advisory lock (``FileLock``), so two ccsh processes sharing a profile
/// never both spend the same rotating refresh token.
package struct TokenStore: Sendable {
    package let file: URL
    private let verifierFile: URL

    /// `$XDG_STATE_HOME/ccsh/tokens` (default `~/.local/state/ccsh/tokens`).
    package static func defaultDirectory(environment: [String: String] = ProcessEnvironment.snapshot) -> URL {
        StateDirectory.url(environment: environment).appendingPathComponent("tokens")
    }

    package init(directory: URL, profile: String) {
        let safe = String(profile.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        file = directory.appendingPathComponent("\(safe).json")
        verifierFile = directory.appendingPathComponent("\(safe).pkce.json")
    }

    /// The stored tokens, or nil when there are none.
    package func read() throws(ClientError) -> Tokens? {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        do { return try JSONDecoder().decode(Tokens.self, from: data) } catch {
            throw ClientError(
                code: .loginRequired, request: "tokens", message: "the token file \(file.path) is damaged",
                hint: "run `login` again (the file will be replaced)")
        }
    }

    package func write(_ tokens: Tokens) throws(ClientError) {
        let data: Data
        do { data = try JSONEncoder().encode(tokens) } catch {
            throw ClientError(code: .configuration, request: "tokens", message: "cannot encode tokens")
        }
        try Self.writeAtomically(data, to: file)
    }

    package func delete() {
        try? FileManager.default.removeItem(at: file)
        try? FileManager.default.removeItem(at: verifierFile)
    }

    /// Runs `body` holding the profile's exclusive lock (blocking until other processes release it).
    package func withLock<T>(_ body: () throws(ClientError) -> T) throws(ClientError) -> T {
        try Self.ensureDirectory(file.deletingLastPathComponent())
        let lock: FileLock
        do throws(SafeFileError) { lock = try FileLock(for: file.path) } catch {
            throw ClientError(code: .configuration, request: "tokens", message: "cannot lock the tokens: \(error.message)")
        }
        defer { withExtendedLifetime(lock) {} }
        return try body()
    }

    // MARK: PKCE between `login` and `login --code`

    /// What survives between building the authorize URL and pasting the redirect: the verifier and the state.
    package struct PendingLogin: Codable, Sendable, Equatable {
        package var verifier: String
        package var state: String
        package var redirectURI: String
    }

    package func savePending(_ pending: PendingLogin) throws(ClientError) {
        guard let data = try? JSONEncoder().encode(pending) else { return }
        try Self.writeAtomically(data, to: verifierFile)
    }

    package func pending() -> PendingLogin? {
        FileManager.default.contents(atPath: verifierFile.path).flatMap { try? JSONDecoder().decode(PendingLogin.self, from: $0) }
    }

    package func clearPending() { try? FileManager.default.removeItem(at: verifierFile) }

    // MARK: Files

    private static func ensureDirectory(_ directory: URL) throws(ClientError) {
        // Most runs find it there: stat(2) is all they pay (FileManager's attribute dictionary was not free).
        var info = stat()
        if stat(directory.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return }
        do throws(SafeFileError) { try SafeFile.makeDirectory(directory.path) } catch {
            throw ClientError(
                code: .configuration, request: "tokens", message: "cannot create \(directory.path)",
                hint: "tokens live under $XDG_STATE_HOME (default ~/.local/state): point it at a directory you can write")
        }
    }

    /// ``SafeFile``: a unique temporary file (0600 from creation), fsync, rename: readers see the old file or the
    /// new one, never half.
    private static func writeAtomically(_ data: Data, to url: URL) throws(ClientError) {
        try ensureDirectory(url.deletingLastPathComponent())
        do throws(SafeFileError) { try SafeFile.write(Array(data), to: url.path, mode: 0o600) } catch {
            throw ClientError(code: .configuration, request: "tokens", message: "cannot save \(url.path): \(error.message)")
        }
    }
}
