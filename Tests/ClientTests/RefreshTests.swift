import Client
import Foundation
import TestSupport
import Testing

/// Tokens that expire while the user works: refreshed ahead of time, once per expiry, even across processes.
@Suite struct RefreshTests {
    /// 10 s, or `CCSH_SOAK_SECONDS` (`make soak`: 120).
    static let loopSeconds = ProcessInfo.processInfo.environment["CCSH_SOAK_SECONDS"].flatMap(Double.init) ?? 10

    @Test("--token-ttl 2: requests back to back for 10 s (120 s in make soak), 0 failures, a new token every expiry")
    func shortLivedTokens() throws {
        let sandbox = try SandboxProcess.start(["--token-ttl", "2"])
        defer { sandbox.stop() }
        let session = try SessionTests.loggedIn(sandbox)
        var tokens: Set<String> = []
        var failures: [String] = []
        var requests = 0
        let deadline = Date().addingTimeInterval(Self.loopSeconds)
        while Date() < deadline {
            do { _ = try session.send(requests % 2 == 0 ? .get("/user") : .get("/user/vehicles")) } catch { failures.append("\(error)") }
            requests += 1
            if let token = try session.keeper.current()?.accessToken { tokens.insert(token) }
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(failures.isEmpty, "\(failures.count) of \(requests) requests failed: \(failures.prefix(3))")
        // A token lives 2 s: over the loop, one per expiry at least.
        #expect(tokens.count >= Int(Self.loopSeconds / 2), "\(tokens.count) tokens over \(Self.loopSeconds) s")
    }

    @Test("a token revoked behind our back: the 401 triggers one refresh and the request succeeds")
    func refreshOn401() throws {
        let sandbox = try SandboxProcess.start()
        defer { sandbox.stop() }
        let session = try SessionTests.loggedIn(sandbox)
        let tokens = try #require(try session.keeper.current())
        // Expire the access token on the server only, by refreshing it out-of-band with a copy of the keeper.
        let other = try sandbox.endpoints.session(tokenDirectory: session.keeper.store.file.deletingLastPathComponent())
        _ = try other.keeper.refresh(after: tokens.accessToken, using: other.transport)
        #expect(try session.send(.get("/user")).status == 200)
    }

    @Test("two processes sharing one profile refresh concurrently without invalid_grant")
    func twoProcesses() throws {
        let sandbox = try SandboxProcess.start(["--token-ttl", "1"])
        defer { sandbox.stop() }
        let directory = SessionTests.tokenDirectory()
        _ = try SessionTests.loggedIn(sandbox, directory: directory)
        let probe = try SandboxProcess.binaryURL().deletingLastPathComponent().appendingPathComponent("client-probe")
        let processes = try (0..<2).map { _ in
            let process = Process()
            process.executableURL = probe
            process.arguments = [sandbox.directory.path, directory.path, "30", "40"]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            return (process, errors)
        }
        for (process, errors) in processes {
            process.waitUntilExit()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(text)")
        }
    }
}
