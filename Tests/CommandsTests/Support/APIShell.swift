import Client
import Commands
import Foundation
import Shell
import Synchronization
import TestSupport

/// A shell whose API commands talk to the suite's sandbox, logged in with the password grant; counts requests.
final class APIShell {
    let shell: ShellHarness
    let api: APIContext
    /// `METHOD URL` of every request so far, on any thread (fan-out workers, page read-ahead).
    var requests: [String] { log.entries }
    /// Held by the sessions' trace, which may outlive this shell (a page read ahead when a test ends).
    private let log = RequestLog()

    /// The requests recorded by the trace.
    private final class RequestLog: Sendable {
        private let lines = Mutex<[String]>([])
        var entries: [String] { lines.withLock { $0 } }
        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    /// - Parameter profiles: where `profile add` writes its config.toml (the suite's sandbox is the `sandbox`
    ///   profile); `CCSH_PASSWORD` is the sandbox user's, for `login --user`.
    init(profiles: URL? = nil) throws {
        let sandbox = try suiteSandbox()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-api-\(UUID().uuidString)")
        let tokens = state.appendingPathComponent("tokens")
        let session = try sandbox.endpoints.session(tokenDirectory: tokens)
        try session.login(username: sandbox.endpoints.username, password: sandbox.endpoints.password)
        api = APIContext(session: session, cacheDirectory: state.appendingPathComponent("cache"))
        api.profiles = ProfileBook(
            configFile: (profiles ?? state).appendingPathComponent("config.toml"), tokenDirectory: tokens,
            sandbox: (session.profile, sandbox.endpoints.clientSecret))
        shell = try ShellHarness(
            registry: .standard(api: api), environment: ["HOME": "/home/test", "LANG": "C.UTF-8", "CCSH_PASSWORD": sandbox.endpoints.password])
        shell.interpreter.presentation.shown = api.shown
        session.trace = { [log] event in log.append("\(event.method) \(event.url)") }
    }

    func run(_ source: String) throws -> Value { try shell.run(source) }
}
