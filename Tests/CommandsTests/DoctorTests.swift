import Foundation
import Shell
import TestSupport
import Testing

/// `ccsh doctor` through the real binary against the sandbox: a good profile (its client secret from a `cmd:`
/// command, its key encrypted) is all ✓ and exit 0; each broken set-up — the sandbox's expired certificate, a wrong
/// key password, a key of another certificate, another brand's realm, a missing CA, a stopped server, a server
/// clock 5 minutes off — has exactly one failing line naming the cause and the fix, and exit 1.
@Suite(.sandbox("--vehicles", "1", "--epoch", "now", "--time-scale", "1"), .serialized)
struct DoctorTests {
    /// A config with one profile `lab` on `endpoints`, written as a user would, with `lines` changing or adding keys
    /// (an empty value leaves the key out).
    static func home(on endpoints: SandboxEndpoints, _ lines: [String: String] = [:]) throws -> SessionCommandTests.Home {
        let home = SessionCommandTests.Home(endpoints: endpoints)
        let e = endpoints
        var keys: [(String, String)] = [
            ("brand", "peugeot"), ("client_id", e.clientID), ("client_secret", "cmd:printf %s \(e.clientSecret)"), ("cert", e.clientCert),
            ("key", e.clientKeyEncrypted), ("key_password", "env:KEY_PASSWORD"), ("cacert", e.caCert), ("api_base", e.baseURL),
            ("idp_base", e.serverURL + "/am/oauth2"), ("redirect_uri", e.redirectURI),
        ]
        for (key, value) in lines.sorted(by: { $0.key < $1.key }) {
            if let index = keys.firstIndex(where: { $0.0 == key }) { keys[index].1 = value } else { keys.append((key, value)) }
        }
        let text = "[profiles.lab]\n" + keys.filter { !$0.1.isEmpty }.map { "\($0.0) = \"\($0.1)\"\n" }.joined()
        try FileManager.default.createDirectory(at: home.config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: home.config)
        return home
    }

    /// `ccsh doctor` (records: stdout is not a terminal) and its findings by check.
    static func doctor(_ home: SessionCommandTests.Home) throws -> (run: Executables.Run, results: [String: (result: String, record: Record)]) {
        let binary = try #require(Executables.url(for: "ccsh"))
        let run = try Executables.run(
            binary, ["doctor"], environment: home.environment.merging(["KEY_PASSWORD": home.endpoints.clientKeyPassword]) { $1 })
        let findings = try JSONReader.value(from: run.stdout).listItems ?? []
        var results: [String: (String, Record)] = [:]
        for case .record(let record) in findings { results[record.string("check") ?? "?"] = (record.string("result") ?? "?", record) }
        return (run, results)
    }

    @Test("a good profile (client secret from cmd:, encrypted key): every line ✓, exit 0, no secret shown")
    func good() throws {
        let e = try suiteSandbox().endpoints
        let home = try Self.home(on: e)
        let login = try home.ccsh(
            "login --user \(e.username) | get status", environment: ["CCSH_PASSWORD": e.password, "KEY_PASSWORD": e.clientKeyPassword])
        try #require(login.stdout == "logged in\n", "cmd:printf logs in: \(login.stderr)")
        let (run, results) = try Self.doctor(home)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let checks = [
            "config", "brand and realm", "client_id", "client_secret", "key_password", "certificate", "certificate dates", "key", "CA", "API host",
            "TLS and certificate", "IDP", "clock", "tokens",
        ]
        #expect(Set(results.keys) == Set(checks), "\(results.keys.sorted())")
        for check in checks { #expect(results[check]?.result == "ok", "\(check): \(results[check]?.record.string("detail") ?? "missing")") }
        #expect(results["client_secret"]?.record.string("detail") == "from cmd:printf …", "the command's arguments hold the secret")
        #expect(results["certificate"]?.record.string("detail")?.contains("CN=MZP000000001") == true)
        #expect(results["tokens"]?.record.string("detail")?.contains("refresh token stored") == true)
        let tokens = try String(contentsOf: home.tokens.appendingPathComponent("lab.json"), encoding: .utf8)
        let access = try #require(try JSONReader.value(from: tokens).recordValue?.string("access_token"))
        for secret in [e.clientSecret, e.clientKeyPassword, e.password, access] {
            #expect(!run.stdout.contains(secret) && !run.stderr.contains(secret), "doctor shows no secret")
        }

        let terminal = try home.ccshOnTerminal("doctor")
        #expect(terminal.screen.contains("✓") && terminal.screen.contains("TLS and certificate"), "a table on a terminal: \(terminal.screen)")
    }

    /// Each broken set-up, the one check it fails and a word of the fix.
    static let broken: [(name: String, lines: [String: String], check: String, fix: String)] = [
        ("expired certificate", ["cert": "{expired}", "key": "{key}", "key_password": ""], "certificate dates", "new certificate"),
        ("wrong key password", ["key_password": "cmd:printf wrong"], "key", "key_password"),
        ("a key of another certificate", ["key": "{serverKey}", "key_password": ""], "key", "point key at"),
        ("another brand's realm", ["realm": "clientsB2CCitroen"], "brand and realm", "remove `realm`"),
        ("a missing CA", ["cacert": "/nonexistent/ca.crt"], "CA", "cacert"),
    ]

    @Test("each broken set-up: one ✗ line naming the cause and the fix, exit 1", arguments: 0..<5)
    func broken(_ index: Int) throws {
        let e = try suiteSandbox().endpoints
        let setup = Self.broken[index]
        let directory = URL(fileURLWithPath: e.clientCert).deletingLastPathComponent()
        let lines = setup.lines.mapValues { value in
            value.replacingOccurrences(of: "{expired}", with: e.clientCertExpired).replacingOccurrences(of: "{key}", with: e.clientKey)
                .replacingOccurrences(of: "{serverKey}", with: directory.appendingPathComponent("server.key").path)
        }
        let (run, results) = try Self.doctor(try Self.home(on: e, lines))
        #expect(run.status == 1, "\(setup.name): \(run.stderr)")
        let failed = results.filter { $0.value.result == "fail" }
        #expect(failed.keys.sorted() == [setup.check], "\(setup.name): \(failed.mapValues { $0.record.string("detail") ?? "" })")
        #expect(failed[setup.check]?.record.string("hint")?.contains(setup.fix) == true, "\(setup.name): \(failed)")
        #expect(run.stderr.contains("doctor: 1 check failed (\(setup.check))"), "\(run.stderr)")
    }

    @Test("a PKCS#12 bundle: opened by key_password, every line ✓; with a wrong password the certificate line fails")
    func pkcs12() throws {
        let e = try suiteSandbox().endpoints
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-p12-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bundle = directory.appendingPathComponent("client.p12").path
        let openssl = URL(fileURLWithPath: "/usr/bin/openssl")
        try #require(FileManager.default.isExecutableFile(atPath: openssl.path), "scripts/ensure-deps.sh test installs openssl")
        let export = try Executables.run(
            openssl, ["pkcs12", "-export", "-in", e.clientCert, "-inkey", e.clientKey, "-passout", "pass:bundle-pass", "-out", bundle])
        try #require(export.status == 0, "\(export.stderr)")
        let home = try Self.home(on: e, ["cert": bundle, "key": "", "key_password": "cmd:printf bundle-pass"])
        let (run, results) = try Self.doctor(home)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(results.filter { $0.value.result == "fail" }.isEmpty, "\(results.mapValues { $0.record.string("detail") ?? "" })")
        #expect(results["certificate"]?.record.string("detail")?.contains("CN=MZP000000001") == true)
        #expect(results["key"]?.record.string("detail")?.contains("client.p12, opened by key_password") == true)
        #expect(results["TLS and certificate"]?.result == "ok", "curl sends the bundle's certificate")

        let wrong = try Self.home(on: e, ["cert": bundle, "key": "", "key_password": "cmd:printf nope"])
        let (wrongRun, wrongResults) = try Self.doctor(wrong)
        #expect(wrongRun.status == 1)
        let failed = wrongResults.filter { $0.value.result == "fail" }
        #expect(failed.keys.sorted() == ["certificate"], "\(failed.mapValues { $0.record.string("detail") ?? "" })")
        #expect(failed["certificate"]?.record.string("detail")?.contains("key_password does not open") == true)
    }

    @Test("a stopped server: the TLS line fails (nothing answers), the IDP on the same server is skipped")
    func stoppedServer() throws {
        let sandbox = try SandboxProcess.start(["--vehicles", "1", "--epoch", "now", "--time-scale", "1"])
        let home = try Self.home(on: sandbox.endpoints)
        _ = sandbox.stop()
        let (run, results) = try Self.doctor(home)
        #expect(run.status == 1)
        let failed = results.filter { $0.value.result == "fail" }
        #expect(failed.keys.sorted() == ["TLS and certificate"], "\(failed.mapValues { $0.record.string("detail") ?? "" })")
        #expect(failed.first?.value.record.string("hint")?.contains("server running") == true)
        #expect(results["IDP"]?.result == "skip")
    }

    @Test("a server clock 5 minutes off (the sandbox's --clock-skew): the clock line fails")
    func skewedClock() throws {
        let sandbox = try SandboxProcess.start(["--vehicles", "1", "--epoch", "now", "--time-scale", "1", "--clock-skew", "300"])
        defer { _ = sandbox.stop() }
        let (run, results) = try Self.doctor(try Self.home(on: sandbox.endpoints))
        #expect(run.status == 1)
        let failed = results.filter { $0.value.result == "fail" }
        #expect(failed.keys.sorted() == ["clock"], "\(failed.mapValues { $0.record.string("detail") ?? "" })")
        #expect(failed["clock"]?.record.string("detail")?.contains("5 min behind") == true, "\(failed)")
    }

    @Test("cmd: runs without a shell; a failing command's stderr is shown, in doctor and at the first request")
    func failingCommand() throws {
        let e = try suiteSandbox().endpoints
        let home = try Self.home(on: e, ["client_secret": "cmd:sh -c 'echo vault is locked >&2; exit 3'"])
        let request = try home.ccsh("user", environment: ["KEY_PASSWORD": e.clientKeyPassword])
        #expect(request.status != 0)
        #expect(request.stderr.contains("client_secret comes from `sh`, which failed (exit 3): vault is locked"), "\(request.stderr)")
        let (run, results) = try Self.doctor(home)
        #expect(run.status == 1)
        #expect(results["client_secret"]?.result == "fail")
        #expect(results["client_secret"]?.record.string("detail")?.contains("vault is locked") == true)

        let missing = try Self.home(on: e, ["client_secret": "cmd:no-such-password-manager get x"])
        let (_, missingResults) = try Self.doctor(missing)
        #expect(missingResults["client_secret"]?.record.string("detail")?.contains("not a program on $PATH") == true)
        let quoted = try Self.home(on: e, ["client_secret": "cmd:printf '%s' '\(e.clientSecret)'"])
        let login = try quoted.ccsh(
            "login --user \(e.username) | get status", environment: ["CCSH_PASSWORD": e.password, "KEY_PASSWORD": e.clientKeyPassword])
        #expect(login.stdout == "logged in\n", "quoted words: \(login.stderr)")
    }
}
