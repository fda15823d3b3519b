import APIContract
import Foundation
import Sandbox
import TestSupport
import Testing

/// `ccsh-sandbox` as a program: its READY line, its signals, its flags, its log.
@Suite struct CommandLineTests {
    @Test("prints exactly `READY <server-url> <state-dir>` and writes sandbox.json with every documented key")
    func ready() throws {
        let sandbox = try SandboxProcess.start()
        defer { sandbox.stop() }
        let parts = sandbox.readyLine.split(separator: " ")
        #expect(parts.count == 3)
        #expect(parts[1].hasPrefix("https://127.0.0.1:"))
        #expect(String(parts[2]) == sandbox.directory.standardizedFileURL.path)
        let document = try JSONParser.parse(Array(Data(contentsOf: sandbox.directory.appendingPathComponent("sandbox.json"))))
        for key in [
            "server_url", "base_url", "token_url", "authorize_url", "revoke_url", "client_id", "client_secret", "realm",
            "realms", "brands", "username", "password", "mtls", "ca_cert", "client_cert", "client_key", "client_key_encrypted", "client_cert_expired",
            "client_key_password", "vehicles", "seed", "pid",
        ] {
            #expect(document[key] != nil, "sandbox.json lacks \(key)")
        }
        #expect(document["brands"]?["Vauxhall"]?["tld"]?.string == "vauxhall.co.uk")
        #expect(document["pid"]?.number == Double(sandbox.endpoints.pid))
    }

    @Test("SIGTERM and SIGINT end it cleanly with status 0", arguments: [SIGTERM, SIGINT])
    func signals(signal: Int32) throws {
        let sandbox = try SandboxProcess.start()
        _ = try APIClient(sandbox).api("/user")
        #expect(sandbox.stop(signal: signal) == 0)
    }

    @Test(
        "bad flags are refused with the flag named",
        arguments: [
            (["--mtls", "maybe"], "--mtls"), (["--fail-rate", "2"], "--fail-rate"), (["--port", "70000"], "--port"),
            (["--vehicles", "-1"], "--vehicles"), (["--drive", "0"], "--drive 0"), (["--set", "0:electricLevel"], "--set"),
            (["--advance", "soon"], "--advance"), (["--drive", "1:nowhere"], "unknown place; there are"),
            (["--set", "1:electricLevel=140"], "expected a level from 0 to 100"),
        ])
    func badFlags(arguments: [String], flag: String) throws {
        let process = Process()
        process.executableURL = try SandboxProcess.binaryURL()
        process.arguments = ["--state", FileManager.default.temporaryDirectory.appendingPathComponent("unused-\(UUID())").path] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains(flag), "\(text)")
    }

    @Test("world flags change the world before READY: --set, --plug, --drive, --advance")
    func worldFlags() throws {
        let sandbox = try SandboxProcess.start([
            "--set", "1:electricLevel=45", "--plug", "1", "--set", "2:electricLevel=90", "--drive", "2:versailles", "--advance", "PT1H",
        ])
        defer { sandbox.stop() }
        let client = try APIClient(sandbox)
        let plugged = try client.control("/_control/vehicles/1").json["state"]
        #expect(plugged?["plugged"] == .bool(true) && plugged?["chargingStatus"]?.string == "InProgress")
        #expect(plugged?["electricLevel"]?.number.map { $0 > 45 } == true, "charging for the hour the clock was moved")
        let driven = try client.control("/_control/vehicles/2").json["state"]
        let from = try #require(driven?["drive"]?["startOdometer"]?.number, "car 2 is on its way to Versailles, far from its home")
        #expect(driven?["odometer"]?.number.map { abs($0 - from - 50) < 0.01 } == true, "an hour at 50 km/h")
        #expect(try client.control("/_control/clock").json["time"]?.string == "2026-11-01T01:00:00Z")
    }

    @Test("--log writes one line per request with method, path, status and time, and never a secret")
    func log() throws {
        let sandbox = try SandboxProcess.start(["--log"])
        let client = try APIClient(sandbox)
        let token = try client.passwordToken()
        _ = try client.api("/user/vehicles", token: token.access)
        _ = try client.api("/user/nothing", token: token.access)
        sandbox.stop()
        let lines = sandbox.stderrText.split(separator: "\n")
        #expect(lines.contains { $0.contains("POST /am/oauth2/access_token 200 ") })
        #expect(lines.contains { $0.contains("GET /connectedcar/v4/user/vehicles 200 ") && $0.hasSuffix("ms") })
        #expect(lines.contains { $0.contains("GET /connectedcar/v4/user/nothing 404 ") })
        let e = client.endpoints
        for secret in [token.access, token.refresh, e.clientSecret, e.password, e.clientKeyPassword, e.clientID] {
            #expect(!sandbox.stderrText.contains(secret))
        }
    }
}
