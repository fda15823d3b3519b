import Foundation
import TestSupport
import Testing

@testable import ccsh

/// The history keeps lines with credential-like attributes, their values masked (README, The interactive shell).
@Suite struct HistoryMaskTests {
    @Test(
        "a --header, --body or --query attribute named like a credential is masked, quoted or not; others stay",
        arguments: [
            (
                "callbacks create --target https://x/ --header 'X-Ccsh-Secret=0123456789abcdef'",
                "callbacks create --target https://x/ --header 'X-Ccsh-Secret=***'"
            ),
            (
                #"monitors create 0 --header "Authorization=Basic dXNlcjpwYXNz" --label a"#,
                #"monitors create 0 --header "Authorization=***" --label a"#
            ),
            ("callbacks create --header X-Api-Key=abc123 --label b", "callbacks create --header X-Api-Key=*** --label b"),
            ("callbacks create --header=X-Token=abc", "callbacks create --header=X-Token=***"),
            ("monitors create 0 --query access_token=zzz --body password=p", "monitors create 0 --query access_token=*** --body password=***"),
            ("callbacks create --header 'X-Vin=$vin' --label c", "callbacks create --header 'X-Vin=$vin' --label c"),
        ])
    func masked(line: String, kept: String) {
        #expect(SecretLine.masked(line) == kept)
    }

    @Test("through the binary at a terminal: the history file holds the masked line, never the secret")
    func historyFile() throws {
        let ccsh = try #require(Executables.url(for: "ccsh"))
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-mask-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try PseudoTerminal.run(
            ccsh, [],
            typing: [
                .init(after: "> ", "echo --header 'X-Ccsh-Secret=s3cr3t-value-0123'\r"),
                .init(after: "> ", "exit\r", pause: 0.2),
            ],
            environment: ["PATH": "/usr/bin:/bin", "HOME": home.path, "XDG_STATE_HOME": home.path, "XDG_CONFIG_HOME": home.path, "NO_COLOR": "1"])
        #expect(run.status == 0, "\(run.screen.debugDescription)")
        let history = try String(contentsOf: home.appendingPathComponent("ccsh/history"), encoding: .utf8)
        #expect(history.contains("X-Ccsh-Secret=***"), "\(history)")
        #expect(!history.contains("s3cr3t-value-0123"))
    }
}
