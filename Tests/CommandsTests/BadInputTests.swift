import Foundation
import Shell
import TestSupport
import Testing

/// The bad-input catalogue (issue 8), through the real binary: each case gets a specific message, a hint and its
/// documented exit status (README, Reliability), and leaves nothing half-written.
@Suite(.serialized)
struct BadInputTests {
    /// A body the API never means to send, from a sandbox started with `--garble KIND`.
    struct Garbled: Sendable, CustomStringConvertible {
        var kind: String
        var message: String
        var hint: String
        var description: String { kind }
    }

    static let garbled = [
        Garbled(kind: "html", message: "the account → 502: an HTML page, not the API's JSON (502 Bad Gateway)", hint: "a server-side failure"),
        Garbled(kind: "empty", message: "the account: the response is empty", hint: "the API answers every GET with JSON"),
        Garbled(kind: "truncated", message: "the account: the response is not valid JSON (1:", hint: "the server sent something other"),
        Garbled(
            kind: "huge", message: "the account: the response is larger than 32 MiB; ccsh stopped reading it", hint: "the API never sends this much"),
        Garbled(kind: "invalid-utf8", message: "invalid UTF-8 in a string", hint: "the server sent something other"),
    ]

    /// A sandbox of the test's own, and a home logged in to it.
    static func loggedIn(_ arguments: [String] = []) throws -> (SandboxProcess, SessionCommandTests.Home) {
        let sandbox = try SandboxProcess.start(arguments)
        return (sandbox, try SessionCommandTests.Home(endpoints: sandbox.endpoints).loggedIn())
    }

    @Test("a body that is not the API's JSON: a specific error, exit 1", arguments: Self.garbled)
    func garbledBody(_ expected: Garbled) throws {
        let (sandbox, home) = try Self.loggedIn(["--garble", expected.kind])
        defer { sandbox.stop() }
        let run = try home.ccsh("user | get email")
        #expect(run.status == 1)
        #expect(run.stderr.contains(expected.message), "\(run.stderr)")
        #expect(run.stderr.contains("hint: " + expected.hint), "\(run.stderr)")
    }

    @Test("a corrupt token store: login required (exit 3), named, with how to fix it")
    func corruptTokenStore() throws {
        let (sandbox, home) = try Self.loggedIn()
        defer { sandbox.stop() }
        let file = home.tokens.appendingPathComponent("lab.json")
        try Data(#"{"access_tok"#.utf8).write(to: file)
        let run = try home.ccsh("user | get email")
        #expect(run.status == ExitStatus.loginRequired)
        #expect(run.stderr.contains("error: tokens: the token file \(file.path) is damaged"), "\(run.stderr)")
        #expect(run.stderr.contains("hint: run `login` again (the file will be replaced)"), "\(run.stderr)")
    }

    @Test("a state directory that cannot be made: API commands say so with a hint; the REPL runs and warns once about its history")
    func unwritableState() throws {
        let (sandbox, home) = try Self.loggedIn()
        defer { sandbox.stop() }
        // A file where the directory should be: even root cannot create directories under it.
        let blocked = home.root.appendingPathComponent("state-file")
        try Data("not a directory".utf8).write(to: blocked)
        let run = try home.ccsh("user | get email", environment: ["XDG_STATE_HOME": blocked.path])
        #expect(run.status == ExitStatus.usage)
        #expect(run.stderr.contains("error: tokens: cannot create \(blocked.path)/ccsh/tokens"), "\(run.stderr)")
        #expect(run.stderr.contains("hint: tokens live under $XDG_STATE_HOME"), "\(run.stderr)")
        let repl = try PseudoTerminal.run(
            try #require(Executables.url(for: "ccsh")), [],
            typing: [.init(after: "> ", "1 + 1\n"), .init(after: "> ", "2 + 2\n"), .init(after: "> ", "exit\n")],
            environment: home.environment.merging(["XDG_STATE_HOME": blocked.path, "NO_COLOR": "1"]) { $1 })
        #expect(repl.status == 0, "\(repl.screen)")
        #expect(repl.screen.components(separatedBy: "warning: cannot write the history").count == 2, "one warning: \(repl.screen)")
        #expect(repl.screen.contains("\r\n4\r\n"), "the session went on: \(repl.screen)")
    }
}
