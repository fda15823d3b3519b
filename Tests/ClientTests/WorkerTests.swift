import Client
import Foundation
import TestSupport
import Testing

/// Parallel workers: one token, one refresh, shared connections; PKCS#12 and `insecure`.
@Suite struct WorkerTests {
    @Test("eight workers hit a revoked token together: one refresh, then all succeed")
    func singleFlightRefresh() async throws {
        let sandbox = try SandboxProcess.start(["--log"])
        defer { sandbox.stop() }
        let session = try SessionTests.loggedIn(sandbox)
        let stale = try #require(try session.keeper.current()?.accessToken)
        // The server forgets the access token; the refresh token stays valid.
        try session.keeper.oauth.revoke(stale, using: session.transport)
        let before = sandbox.stderrText.components(separatedBy: "POST /am/oauth2/access_token 200").count
        let workers = try (0..<8).map { _ in try session.makeWorker() }
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in workers {
                nonisolated(unsafe) let worker = worker
                group.addTask { try worker.send(.get("/user/vehicles")).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 8))
        let after = sandbox.stderrText.components(separatedBy: "POST /am/oauth2/access_token 200").count
        #expect(after - before == 1, "refreshes: \(after - before)")
    }

    @Test("a PKCS#12 client certificate with its password")
    func pkcs12() throws {
        let sandbox = try SandboxProcess.start()
        defer { sandbox.stop() }
        let e = sandbox.endpoints
        let bundle = sandbox.directory.appendingPathComponent("client.p12")
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["pkcs12", "-export", "-in", e.clientCert, "-inkey", e.clientKey, "-out", bundle.path, "-passout", "pass:p12pass"]
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0)
        let transport = try CurlTransport(tls: TLSOptions(caFile: e.caCert, certificateFile: bundle.path, keyPassword: "p12pass"))
        #expect(try transport.perform(HTTPRequestData(method: "GET", url: e.baseURL + "/user")).status == 401)
        let wrong = try CurlTransport(tls: TLSOptions(caFile: e.caCert, certificateFile: bundle.path, keyPassword: "nope"))
        let error = #expect(throws: ClientError.self) { try wrong.perform(HTTPRequestData(method: "GET", url: e.baseURL + "/user")) }
        #expect(error?.hint?.contains("PKCS#12") == true)
    }

    @Test("insecure = true skips server verification; without it the same call fails")
    func insecure() throws {
        let sandbox = try SandboxProcess.start()
        defer { sandbox.stop() }
        let e = sandbox.endpoints
        let url = e.baseURL + "/user"
        let strict = try CurlTransport(tls: TLSOptions(certificateFile: e.clientCert, keyFile: e.clientKey))
        #expect(throws: ClientError.self) { try strict.perform(HTTPRequestData(method: "GET", url: url)) }
        let lax = try CurlTransport(tls: TLSOptions(certificateFile: e.clientCert, keyFile: e.clientKey, insecure: true))
        #expect(try lax.perform(HTTPRequestData(method: "GET", url: url)).status == 401)
    }
}
