import Commands
import Foundation
import Shell
import TestSupport

/// A shell whose API commands talk to the suite's sandbox, logged in with the password grant; counts requests.
final class APIShell {
    let shell: ShellHarness
    let api: APIContext
    private(set) var requests: [String] = []

    init() throws {
        let sandbox = try suiteSandbox()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-api-\(UUID().uuidString)")
        let session = try sandbox.endpoints.session(tokenDirectory: state.appendingPathComponent("tokens"))
        try session.login(username: sandbox.endpoints.username, password: sandbox.endpoints.password)
        api = APIContext(session: session, cacheDirectory: state.appendingPathComponent("cache"))
        shell = try ShellHarness(registry: .standard(api: api))
        session.trace = { [unowned self] event in self.requests.append("\(event.method) \(event.url)") }
    }

    func run(_ source: String) throws -> Value { try shell.run(source) }
}
