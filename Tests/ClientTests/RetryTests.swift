import Client
import Foundation
import TestSupport
import Testing

/// Retries: what is retried, how often, and what never is.
@Suite struct RetryTests {
    /// API lines of the sandbox's `--log` for a method and path fragment.
    static func logged(_ sandbox: SandboxProcess, _ method: String, _ fragment: String) -> Int {
        sandbox.stderrText.split(separator: "\n").filter { $0.contains(" \(method) /connectedcar/v4") && $0.contains(fragment) }.count
    }

    @Test("429 with Retry-After: 1 is waited out and the requests succeed")
    func rateLimited() throws {
        let sandbox = try SandboxProcess.start(["--rate-limit", "2", "--rate-window", "1"])
        defer { sandbox.stop() }
        let session = try SessionTests.loggedIn(sandbox)
        for _ in 0..<5 { #expect(try session.send(.get("/user")).status == 200) }
    }

    @Test("503 is retried and succeeds; when it persists, the error comes after 3 retries")
    func unavailable() throws {
        let flaky = try SandboxProcess.start(["--fail-rate", "0.5", "--fail-status", "503", "--log"])
        defer { flaky.stop() }
        let session = try SessionTests.loggedIn(flaky)
        for _ in 0..<6 { #expect(try session.send(.get("/user")).status == 200) }
        #expect(Self.logged(flaky, "GET", "/user 503") > 0)

        let down = try SandboxProcess.start(["--fail-rate", "1", "--fail-status", "503", "--log"])
        defer { down.stop() }
        let failing = try SessionTests.loggedIn(down)
        failing.retryPolicy.baseDelay = 0.05
        let error = #expect(throws: ClientError.self) { try failing.send(.get("/user")) }
        #expect(error?.status == 503)
        down.stop()
        #expect(Self.logged(down, "GET", "/user 503") == 4)
    }

    @Test("a POST answered 500 is not retried")
    func postNotRetried() throws {
        let sandbox = try SandboxProcess.start(["--fail-rate", "1", "--fail-methods", "POST", "--log"])
        defer { sandbox.stop() }
        let session = try SessionTests.loggedIn(sandbox)
        let body = Array(#"{"status": "Paused"}"#.utf8)
        let vehicle = sandbox.endpoints.vehicles[0].id
        let error = #expect(throws: ClientError.self) { try session.send(APIRequest("POST", "/user/vehicles/\(vehicle)/monitors", body: body)) }
        #expect(error?.status == 500)
        sandbox.stop()
        #expect(Self.logged(sandbox, "POST", "/monitors") == 1)
    }

    @Test("a GET answered 500 is retried and succeeds")
    func internalErrorRetried() throws {
        let sandbox = try SandboxProcess.start(["--fail-rate", "0.5", "--log"])
        defer { sandbox.stop() }
        let session = try SessionTests.loggedIn(sandbox)
        for _ in 0..<6 { #expect(try session.send(.get("/user")).status == 200) }
        #expect(Self.logged(sandbox, "GET", "/user 500") > 0)
    }

    @Test("a POST answered 429 is sent again after Retry-After: the gateway refused it before the backend saw it")
    func rateLimitedPostRetried() throws {
        let sandbox = try SandboxProcess.start(["--rate-limit", "1", "--rate-window", "1", "--log"])
        defer { sandbox.stop() }
        let session = try SessionTests.loggedIn(sandbox)
        let vehicle = sandbox.endpoints.vehicles[0].id
        #expect(try session.send(.get("/user")).status == 200)
        // An invalid body: the answer after the wait is the API's 400, which shows the POST got through.
        let error = #expect(throws: ClientError.self) {
            try session.send(APIRequest("POST", "/user/vehicles/\(vehicle)/monitors", body: Array(#"{"label": 1}"#.utf8)))
        }
        #expect(error?.status == 400)
        sandbox.stop()
        #expect(Self.logged(sandbox, "POST", "/monitors 429") == 1)
        #expect(Self.logged(sandbox, "POST", "/monitors 400") == 1)
    }
}
