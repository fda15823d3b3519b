import Foundation
import Shell
import TestSupport
import Testing

/// The secrets audit (issue 8): a whole session through the real binary — a profile whose client secret comes from
/// the environment or a password manager's command (`cmd:`) and whose key password from the environment, a password
/// typed at the login prompt, requests, errors, `--verbose`, `--curl`, `history`, `profile show`, `doctor`, Ctrl-C —
/// then stdout, stderr and every file under the config and state
/// directories are searched for each secret. Only the token store may hold the tokens, and it and the history
/// are readable by their owner alone.
@Suite(.sandbox("--vehicles", "2"), .serialized)
struct SecretsAuditTests {
    @Test("no secret in any output or file but the tokens in the 0600 token store", arguments: ["env:LAB_SECRET", "cmd:printenv LAB_SECRET"])
    func fullSession(clientSecret source: String) throws {
        let home = try SessionCommandTests.Home()
        let e = home.endpoints
        let added = try home.ccsh(
            "profile add lab --brand peugeot --client-id \(e.clientID) --client-secret '\(source)' --cert \(e.clientCert) "
                + "--key \(e.clientKeyEncrypted) --key-password env:KEY_PASSWORD --cacert \(e.caCert) --api-base \(e.baseURL) "
                + "--idp-base \(e.serverURL)/am/oauth2 --redirect-uri \(e.redirectURI) | get name",
            environment: ["KEY_PASSWORD": e.clientKeyPassword])
        try #require(added.status == 0, "\(added.stderr)")
        let environment = home.environment.merging(["KEY_PASSWORD": e.clientKeyPassword, "NO_COLOR": "1"]) { $1 }
        let ccsh = try #require(Executables.url(for: "ccsh"))

        let repl = try PseudoTerminal.run(
            ccsh, ["--verbose"],
            typing: [
                .init(after: "@lab (logged out)> ", "login --user \(e.username) | get status\n"),
                .init(after: "password for \(e.username): ", e.password + "\n"),
                .init(after: "@lab> ", "user | get email\n"),
                .init(after: "@lab> ", "vehicles | select vin label\n"),
                .init(after: "@lab> ", "doctor | get result | uniq\n"),
                .init(after: "@lab> ", "status no-such-car\n"),
                .init(after: "@lab> ", "api GET /user/nothing\n"),
                .init(after: "@lab> ", "vehicles --curl\n"),
                .init(after: "@lab> ", "profile show | to json\n"),
                .init(after: "@lab> ", "range 1 100000000 | count\n"),
                .init(after: "count", "\u{03}", pause: 0.3),
                .init(after: "@lab> ", "history | count\n"),
                .init(after: "@lab> ", "exit\n"),
            ], environment: environment)
        #expect(repl.status == 0, "\(repl.screen)")
        #expect(repl.typedAt.count == 13, "every step's prompt came: \(repl.screen)")
        #expect(repl.screen.contains("logged in") && repl.screen.contains("> GET ") && repl.screen.contains("curl "), "\(repl.screen)")
        #expect(repl.screen.contains("interrupted"), "\(repl.screen)")

        let script = try Executables.run(
            ccsh, ["--verbose", "-c", "user | get firstName; doctor; vehicles --curl; api GET /user/nothing"], environment: environment)
        #expect(script.status == 1 && script.stdout.contains("Sofia") && script.stderr.contains("> GET "), "\(script.stderr)")

        let tokenFile = home.tokens.appendingPathComponent("lab.json")
        let tokens = try JSONReader.value(from: String(contentsOf: tokenFile, encoding: .utf8)).recordValue
        let secrets = [
            "client secret": e.clientSecret, "user password": e.password, "key password": e.clientKeyPassword,
            "access token": try #require(tokens?["access_token"]?.stringValue), "refresh token": try #require(tokens?["refresh_token"]?.stringValue),
        ]
        var places = ["the terminal": repl.screen, "stdout": script.stdout, "stderr": script.stderr]
        let files = FileManager.default.enumerator(at: home.root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.standardizedFileURL != tokenFile.standardizedFileURL {
            if let data = FileManager.default.contents(atPath: file.path) { places[file.path] = String(decoding: data, as: UTF8.self) }
        }
        #expect(places.count > 4, "the config, history and cache files were read: \(places.keys.sorted())")
        for (secret, value) in secrets {
            for (place, text) in places { #expect(!text.contains(value), "the \(secret) is in \(place)") }
        }

        for file in [tokenFile, home.root.appendingPathComponent("state/ccsh/history"), home.config] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int)
            #expect(mode & 0o077 == 0, "\(file.lastPathComponent) is mode \(String(mode, radix: 8))")
        }
    }
}
