import Foundation
import TestSupport
import Testing

/// Paging progress: on a terminal, a collection read that takes more than a second shows one line on stderr,
/// rewritten in place and wiped before the result; into a pipe, nothing.
@Suite(.sandbox("--vehicles", "1", "--alerts", "12", "--latency-ms", "300"), .serialized)
struct ProgressTests {
    @Test("six slow pages on a terminal: the line appears after a second, counts pages, and is wiped before the result")
    func onTerminal() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let run = try home.ccshOnTerminal("set page-size 1; alerts 0 | first 6 | count")
        #expect(run.status == 0, "\(run.screen)")
        let wipe = "\r\u{1B}[2K"
        #expect(run.screen.contains("\(wipe)alerts: page 6 of 12, "), "\(run.screen.debugDescription)")
        #expect(!run.screen.contains("alerts: page 1 of"), "not before a second has passed: \(run.screen.debugDescription)")
        #expect(run.screen.hasSuffix(" s\(wipe)6\r\n"), "wiped, then the result: \(run.screen.debugDescription)")

        let piped = try home.ccsh("set page-size 1; alerts 0 | first 6 | count")
        #expect(piped.stdout == "6\n")
        #expect(piped.stderr.isEmpty, "no progress into a pipe: \(piped.stderr.debugDescription)")
    }
}
