import Foundation
import TestSupport
import Testing

@testable import Commands

/// `record --install-service` and `--uninstall-service` through the real binary: a systemd user unit that runs
/// `ccsh --profile NAME record` with no secret in it, and refused for a profile whose secret a service cannot read.
@Suite struct RecordServiceTests {
    @Test("the unit: in $XDG_CONFIG_HOME/systemd/user, mode 0644, ccsh's own path, the profile, --db and --share; removed")
    func unit() throws {
        let sandbox = try SandboxProcess.start()
        defer { sandbox.stop() }
        let home = try SessionCommandTests.Home(endpoints: sandbox.endpoints).loggedIn()
        let secret = home.root.appendingPathComponent("secret")
        try Data((sandbox.endpoints.clientSecret + "\n").utf8).write(to: secret)
        #expect(try home.addProfile("car.2", secret: "file:\(secret.path)").status == 0)
        let run = try home.ccsh("record --install-service --db 'my history.sqlite' --share 25% | to json", ["--profile", "car.2"])
        #expect(run.status == 0, "\(run.stderr)")
        let unit = home.root.appendingPathComponent("config/systemd/user/ccsh-record-car\\x2e2.service")
        #expect(run.stdout.contains("\"unit\": \"ccsh-record-car\\\\x2e2.service\""), "\(run.stdout)")
        let text = try String(contentsOf: unit, encoding: .utf8)
        let ccsh = try #require(Executables.url(for: "ccsh")).resolvingSymlinksInPath().path
        #expect(text.contains(#"ExecStart="\#(ccsh)" "--profile" "car.2" "record" "--db" "#), "\(text)")
        #expect(text.contains(#"my history.sqlite" "--share" "25%%""#), "\(text)")
        #expect(text.contains(#"Environment="XDG_CONFIG_HOME=\#(home.root.path)/config""#), "\(text)")
        #expect(!text.contains(sandbox.endpoints.clientSecret), "no secret in the unit")
        let mode = try FileManager.default.attributesOfItem(atPath: unit.path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") {
            let verify = try Executables.run(URL(fileURLWithPath: "/usr/bin/systemd-analyze"), ["verify", unit.path], environment: home.environment)
            #expect(verify.status == 0, "systemd-analyze verify: \(verify.stderr)")
        }
        // With --listen: the port and the listener's files by their whole paths; a secret only as the file it is in.
        let listening = try home.ccsh(
            "record --install-service --listen 8098 --tls --cert c.pem --key k.pem --secret file:s.txt | get unit", ["--profile", "car.2"])
        #expect(listening.status == 0, "\(listening.stderr)")
        let withListen = try String(contentsOf: unit, encoding: .utf8)
        let here = FileManager.default.currentDirectoryPath
        #expect(
            withListen.contains(#""--listen" "8098" "--cert" "\#(here)/c.pem" "--key" "\#(here)/k.pem" "--tls" "--secret" "file:\#(here)/s.txt""#),
            "\(withListen)")
        let literal = try home.ccsh("record --install-service --listen 8098 --secret sixteen-chars-secret", ["--profile", "car.2"])
        #expect(literal.status != 0)
        #expect(literal.stderr.contains("a service's --secret must be file:PATH"), "\(literal.stderr)")
        #expect(!literal.stderr.contains("sixteen-chars-secret"), "the secret is not repeated")
        let removed = try home.ccsh("record --uninstall-service | get removed", ["--profile", "car.2"])
        #expect(removed.stdout == "true\n")
        #expect(!FileManager.default.fileExists(atPath: unit.path))
        let refused = try home.ccsh("record --install-service", ["--profile", "lab"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("comes from $LAB_SECRET, which a service does not have"), "\(refused.stderr)")
    }

    @Test("ExecStart words are quoted as systemd reads them: quotes, backslashes, % and $")
    func quoting() {
        #expect(RecordService.quoted(#"a "b" \c 50% $HOME"#) == #""a \"b\" \\c 50%% $$HOME""#)
    }
}
