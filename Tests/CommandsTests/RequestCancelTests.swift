import Foundation
import TestSupport
import Testing

/// Ctrl-C during a request: against a sandbox that takes five seconds per answer, the transfer is cancelled and
/// the prompt is back at once; the session stays usable.
@Suite(.sandbox("--vehicles", "2", "--latency-ms", "5000"), .serialized)
struct RequestCancelTests {
    @Test("Ctrl-C one second into a five-second request: 'interrupted' and the prompt within 0.5 s, and the next request works")
    func cancelsTheTransfer() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let run = try home.replOnTerminal([
            .init(after: "> ", "vehicles | count\n"),
            .init(after: "vehicles | count", "\u{03}", pause: 1),
            .init(after: "> ", "user | get firstName\n"),
            .init(after: "Sofia", "exit\n"),
        ])
        #expect(run.status == 0, "\(run.screen.debugDescription)")
        try #require(run.typedAt.count == 4, "\(run.screen.debugDescription)")
        let back = run.typedAt[2] - run.typedAt[1]
        #expect(back < 0.5, "the prompt came back \(back) s after Ctrl-C: \(run.screen.debugDescription)")
        let lines = run.screen.components(separatedBy: "\r\n")
        #expect(lines.contains { $0.hasSuffix("interrupted") }, "\(run.screen.debugDescription)")
        #expect(lines.contains("Sofia"), "the request after the cancelled one went through: \(run.screen.debugDescription)")
    }

    @Test("Ctrl-C during a script's request ends it with status 130 at once")
    func cancelsAScript() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let started = Date()
        let run = try PseudoTerminal.run(
            try #require(Executables.url(for: "ccsh")), ["-c", "vehicles | count"], typing: [.init("\u{03}", pause: 1)],
            environment: home.environment)
        #expect(run.status == 130, "\(run.screen.debugDescription)")
        #expect(Date().timeIntervalSince(started) < 4, "the five-second answer was not waited for")
    }
}
