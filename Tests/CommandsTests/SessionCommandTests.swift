import Client
import Foundation
import Shell
import TestSupport
import Testing

/// `profile`, `login`, `logout`, `set output` and `--profile` through the real `ccsh` binary, with a config file of
/// its own, against the suite's sandbox.
@Suite(.sandbox("--vehicles", "2"), .serialized)
struct SessionCommandTests {
    /// A config directory, a state directory, and a way to run ccsh on them.
    final class Home {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-session-\(UUID().uuidString)")
        let endpoints: SandboxEndpoints
        var config: URL { root.appendingPathComponent("config/ccsh/config.toml") }
        var tokens: URL { root.appendingPathComponent("state/ccsh/tokens") }

        init() throws { endpoints = try suiteSandbox().endpoints }
        /// On a sandbox of the test's own.
        init(endpoints: SandboxEndpoints) { self.endpoints = endpoints }
        deinit { try? FileManager.default.removeItem(at: root) }

        var environment: [String: String] {
            [
                "PATH": "/usr/bin:/bin", "HOME": root.path, "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
                "XDG_STATE_HOME": root.appendingPathComponent("state").path, "LAB_SECRET": endpoints.clientSecret,
            ]
        }

        func ccsh(_ source: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> Executables.Run {
            let binary = try #require(Executables.url(for: "ccsh"))
            return try Executables.run(binary, extra + ["-c", source], environment: self.environment.merging(environment) { $1 })
        }

        /// Runs `ccsh -c SOURCE` on a pseudo-terminal.
        func ccshOnTerminal(_ source: String, columns: UInt16 = 80) throws -> PseudoTerminal.Run {
            try PseudoTerminal.run(try #require(Executables.url(for: "ccsh")), ["-c", source], environment: environment, columns: columns)
        }

        /// The interactive shell on a pseudo-terminal, typing each keystroke when its cue shows.
        func replOnTerminal(_ typing: [PseudoTerminal.Keystrokes], timeout: Double = 60) throws -> PseudoTerminal.Run {
            try PseudoTerminal.run(try #require(Executables.url(for: "ccsh")), [], typing: typing, environment: environment, timeout: timeout)
        }

        /// A `lab` profile on the sandbox, logged in with the demo user's password.
        func loggedIn() throws -> Home {
            _ = try addProfile("lab")
            let login = try ccsh("login --user \(endpoints.username) | get status", environment: ["CCSH_PASSWORD": endpoints.password])
            try #require(login.stdout == "logged in\n", "\(login.stderr)")
            return self
        }

        /// `profile add NAME` for the sandbox, the secret from $LAB_SECRET (or `secret`, a secret's config spelling).
        func addProfile(_ name: String, secret: String = "env:LAB_SECRET") throws -> Executables.Run {
            let e = endpoints
            return try ccsh(
                "profile add \(name) --brand peugeot --client-id \(e.clientID) --client-secret \(secret) --cert \(e.clientCert) "
                    + "--key \(e.clientKey) --cacert \(e.caCert) --api-base \(e.baseURL) --idp-base \(e.serverURL)/am/oauth2 "
                    + "--redirect-uri \(e.redirectURI) --locale fr-FR | to json")
        }
    }

    @Test("quota: the gateway's last figures and what every ccsh process spent; a remote action counts a wake-up")
    func quota() throws {
        let home = try Home().loggedIn()
        #expect(try home.ccsh("vehicles | count").stdout == "2\n")
        #expect(try home.ccsh("status 0 | get createdAt").status == 0)
        let quota = try home.ccsh("quota | to json")
        let record = try #require(try JSONReader.value(from: quota.stdout).recordValue, "\(quota.stderr)")
        #expect(record["profile"] == "lab")
        #expect(record["dayLimit"] == 100_000)
        #expect((record["dayRemaining"]?.number ?? 1e9) < 100_000)
        #expect(record["sentLastDay"] == 2)
        #expect(record["wakeUpsThisMonth"] == 0)
        let remote = try home.ccsh("remote 0 horn --no-wait | get type", ["--api-version", "4.17"])
        #expect(remote.stdout == "Horn\n", "\(remote.stderr)")
        let after = try #require(try JSONReader.value(from: try home.ccsh("quota | to json").stdout).recordValue)
        #expect(after["wakeUpsThisMonth"] == 1)
        #expect((after["sentLastDay"]?.number ?? 0) > 2)
    }

    @Test("profile add writes config.toml 0600 with the secret's source, never a literal secret; list, show, remove")
    func profiles() throws {
        let home = try Home()
        let added = try home.addProfile("lab")
        #expect(added.status == 0, "\(added.stderr)")
        let shown = try JSONReader.value(from: added.stdout).recordValue
        #expect(shown?["client_secret"] == "env:LAB_SECRET")
        #expect(shown?["logged_in"] == false)
        let attributes = try FileManager.default.attributesOfItem(atPath: home.config.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let text = try String(contentsOf: home.config, encoding: .utf8)
        #expect(text.contains("[profiles.lab]") && text.contains(#"client_secret = "env:LAB_SECRET""#))
        #expect(!text.contains(home.endpoints.clientSecret))

        let literal = try home.ccsh("profile add other --brand opel --client-id x --client-secret \(home.endpoints.clientSecret)")
        #expect(literal.status == ExitStatus.usage)
        #expect(literal.stderr.contains("--client-secret takes where the secret comes from, not the secret"))
        #expect(!literal.stderr.contains(home.endpoints.clientSecret), "the secret is not echoed back")
        #expect(try home.addProfile("lab").stderr.contains("a profile is already named 'lab'"))

        _ = try home.ccsh("profile add spare --brand opel --client-id y --client-secret prompt")
        let list = try home.ccsh("profile list | select name brand current | to json")
        #expect(
            try JSONReader.value(from: list.stdout) == [
                ["name": "lab", "brand": "Peugeot", "current": false], ["name": "spare", "brand": "Opel", "current": false],
            ])
        #expect(try home.ccsh("profile remove spare").status == 0)
        let after = try String(contentsOf: home.config, encoding: .utf8)
        #expect(!after.contains("spare") && after.contains("[profiles.lab]"))
        #expect(try home.ccsh("profile show nope").stderr.contains("no profile is named 'nope'"))
    }

    @Test("3 profile add at once, 15 rounds: every profile lands; kill -9 in the middle of one, 30 times: config.toml reads, nothing 06x4 beside it")
    func concurrentProfileAdd() throws {
        let home = try Home()
        let binary = try #require(Executables.url(for: "ccsh"))
        let start = { (name: String) throws -> Process in
            let process = Process()
            process.executableURL = binary
            process.arguments = ["-c", "profile add \(name) --brand opel --client-id id-\(name) --client-secret env:LAB_SECRET | get name"]
            process.environment = home.environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for round in 0..<15 {
            let processes = try (0..<3).map { try start("p\(round)-\($0)") }
            for process in processes { process.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        }
        let listed = try home.ccsh("profile list | get name | to json")
        let names = Set((try JSONReader.value(from: listed.stdout).listItems ?? []).compactMap(\.stringValue))
        #expect(names == Set((0..<15).flatMap { round in (0..<3).map { "p\(round)-\($0)" } }), "\(45 - names.count) profiles lost")

        for round in 0..<30 {
            let process = try start("k\(round)")
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.08))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        #expect(try home.ccsh("profile list | count").status == 0, "config.toml still reads")
        let directory = home.config.deletingLastPathComponent()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let mode = (try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.posixPermissions] as? Int) ?? 0
            #expect(mode & 0o077 == 0, "\(name) is readable by others (mode \(String(mode, radix: 8)))")
        }
    }

    @Test("login --user reads the password from $CCSH_PASSWORD (never an argument); logout revokes; then login is required (exit 3)")
    func passwordLogin() throws {
        let home = try Home()
        _ = try home.addProfile("lab")
        let before = try home.ccsh("user | get email")
        #expect(before.status == ExitStatus.loginRequired, "\(before.stderr)")
        let noPassword = try home.ccsh("login --user \(home.endpoints.username)")
        #expect(noPassword.status == ExitStatus.usage)
        #expect(noPassword.stderr.contains("no password for \(home.endpoints.username)"))
        let login = try home.ccsh(
            "login --user \(home.endpoints.username) | get status", environment: ["CCSH_PASSWORD": home.endpoints.password])
        #expect(login.stdout == "logged in\n", "\(login.stderr)")
        let tokenFile = home.tokens.appendingPathComponent("lab.json")
        #expect((try FileManager.default.attributesOfItem(atPath: tokenFile.path)[.posixPermissions] as? Int) == 0o600)
        let position = try home.ccsh("vehicle 1 | get vin")
        #expect(position.stdout == "\(home.endpoints.vehicles[1].vin)\n", "a position resolves on a fresh cache: \(position.stderr)")
        #expect(try home.ccsh("user | get email").stdout == "\(home.endpoints.username)\n")
        #expect(try home.ccsh("profile show | get logged_in").stdout == "true\n")
        #expect(try home.ccsh("logout | get status").stdout == "logged out\n")
        #expect(!FileManager.default.fileExists(atPath: tokenFile.path))
        #expect(try home.ccsh("user").status == ExitStatus.loginRequired)
    }

    @Test("at a terminal: the prompt shows brand, profile and login state in color; no password echo; monitors delete asks y/N")
    func terminalQuestions() throws {
        let home = try Home()
        _ = try home.addProfile("lab")
        let password = home.endpoints.password
        let user = home.endpoints.username
        let loggedOut = "\u{1B}[1;33mpeugeot@lab\u{1B}[0m \u{1B}[31m(logged out)\u{1B}[0m> "
        let loggedIn = "\u{1B}[1;32mpeugeot@lab\u{1B}[0m> "
        let run = try home.replOnTerminal([
            .init(after: loggedOut, "login --user \(user) | get status\n"), .init(after: "password for \(user): ", password + "\n"),
            .init(after: loggedIn, "monitors template | monitors create 0 | get status\n"),
            .init(after: loggedIn, "monitors 0 | monitors delete | count\n"), .init(after: "[y/N] ", "n\n"),
            .init(after: loggedIn, "monitors 0 | monitors delete | count\n"), .init(after: "[y/N] ", "y\n"),
            .init(after: loggedIn, "monitors 0 | count\n"), .init(after: loggedIn, "logout\n"), .init(after: loggedOut, "exit\n"),
        ])
        #expect(run.typedAt.count == 10, "every prompt came as expected: \(run.screen.debugDescription)")
        #expect(run.status == 0, "\(run.screen.debugDescription)")
        #expect(!run.screen.contains(password), "the password was echoed: \(run.screen.debugDescription)")
        #expect(run.screen.components(separatedBy: "[y/N] ").count == 3, "asked twice")
        #expect(run.screen.contains("logged in") && run.screen.contains("Running") && run.screen.contains("nothing deleted"))
        let afterYes = try #require(run.screen.components(separatedBy: "[y/N] y").last)
        #expect(afterYes.contains("\r\n1\r\n") && afterYes.contains("\r\n0\r\n"), "deleted one, none left: \(afterYes.debugDescription)")
    }

    @Test("the interactive history keeps no line holding the profile's stored token")
    func tokenStaysOutOfHistory() throws {
        let home = try Home().loggedIn()
        let stored = try JSONReader.value(from: try String(contentsOf: home.tokens.appendingPathComponent("lab.json"), encoding: .utf8))
        let token = try #require(stored.recordValue?["access_token"]?.text)
        let run = try home.replOnTerminal([
            .init(after: "> ", "let pasted = \"\(token)\"\n"), .init(after: "> ", "user | get firstName\n"),
            .init(after: "Sofia", "exit\n"),
        ])
        #expect(run.status == 0, "\(run.screen.debugDescription)")
        let history = try String(contentsOf: home.root.appendingPathComponent("state/ccsh/history"), encoding: .utf8)
        #expect(history.contains("user"), "\(history)")
        #expect(!history.contains("pasted") && !history.contains(token), "\(history)")
    }

    @Test("login prints the authorize URL; login --code with the browser's address finishes it in another process")
    func browserLogin() throws {
        let home = try Home()
        _ = try home.addProfile("lab")
        let started = try home.ccsh("login | get authorize")
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stderr.contains("Open this address in a browser"))
        let url = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(url.hasPrefix(home.endpoints.authorizeURL))
        // The sandbox's demo user consents at once: the "browser" is one GET that redirects.
        let browser = try CurlTransport(tls: home.endpoints.profile().tls)
        let redirect = try #require(try browser.perform(HTTPRequestData(method: "GET", url: url)).header("Location"))
        let finished = try home.ccsh("login --code '\(redirect)' | get status")
        #expect(finished.stdout == "logged in\n", "\(finished.stderr)")
        #expect(try home.ccsh("vehicles | count").stdout == "2\n")
    }

    @Test("--profile and profile use pick the profile; set output changes how results print")
    func choosingProfiles() throws {
        let home = try Home()
        _ = try home.addProfile("one")
        _ = try home.addProfile("two")
        let password = ["CCSH_PASSWORD": home.endpoints.password]
        _ = try home.ccsh("login --user \(home.endpoints.username)", ["--profile", "two"], environment: password)
        #expect(try home.ccsh("set | get profile", ["--profile", "two"]).stdout == "two\n")
        let ambiguous = try home.ccsh("user")
        #expect(ambiguous.stderr.contains("several profiles and no default"), "\(ambiguous.stderr)")
        #expect(try home.ccsh("user", environment: ["CCSH_PROFILE": "one"]).status == ExitStatus.loginRequired)
        let switched = try home.ccsh("profile use two | get current; user | get email", ["--profile", "one"])
        #expect(switched.stdout == "true\n\(home.endpoints.username)\n", "\(switched.stderr)")
        let yaml = try home.ccsh("set output yaml; {a: 1, b: [x]}", ["--profile", "two"])
        #expect(yaml.stdout == "a: 1\nb:\n- x\n", "\(yaml.stdout)")
        #expect(try home.ccsh("set output xml").stderr.contains("'xml' is not an output format"))
    }
}
