import Client
import Foundation
import TestSupport
import Testing

/// Tokens that expire while the user works: refreshed ahead of time, once per expiry, even across processes.
@Suite struct RefreshTests {
    @Test("--token-ttl 2: 50 requests over 10 s, no failure; tokens were refreshed along the way")
    func shortLivedTokens() throws {
        let sandbox = try SandboxProcess.start(["--token-ttl", "2"])
        defer { sandbox.stop() }
        let session = try SessionTests.loggedIn(sandbox)
        let first = try #require(try session.keeper.current()?.accessToken)
        var failures: [String] = []
        for _ in 0..<50 {
            do { _ = try session.send(.get("/user")) } catch { failures.append("\(error)") }
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(try session.keeper.current()?.accessToken != first)
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
