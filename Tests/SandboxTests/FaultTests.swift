import Client
import Foundation
import Sandbox
import TestSupport
import Testing

/// The fault flags, each against its own sandbox.
@Suite struct FaultTests {
    @Test("--latency-ms delays every answer by at least that much")
    func latency() throws {
        let sandbox = try SandboxProcess.start(["--latency-ms", "250"])
        defer { sandbox.stop() }
        let client = try APIClient(sandbox)
        _ = try client.api("/user")
        let start = Date()
        #expect(try client.api("/user").status == 200)
        #expect(Date().timeIntervalSince(start) >= 0.25)
    }

    @Test("--fail-rate 1: every API GET is a 500 with production's body; POSTs are not failed")
    func failRate() throws {
        let sandbox = try SandboxProcess.start(["--fail-rate", "1"])
        defer { sandbox.stop() }
        let client = try APIClient(sandbox)
        let reply = try client.api("/user/vehicles")
        #expect(reply.status == 500)
        #expect(reply.json["code"] == .int(50000))
        #expect(reply.json["message"]?.string?.hasPrefix("Internal Server Error") == true)
        let post = try client.api("/user/vehicles/\(client.endpoints.vehicles[0].id)/monitors", method: "POST", body: MonitorTests.validBody)
        #expect(post.status == 201)
    }

    @Test("--fail-rate 0.5 fails exactly half of the GETs, the same ones for the same seed")
    func failRateDeterministic() throws {
        func pattern() throws -> [Int] {
            let sandbox = try SandboxProcess.start(["--fail-rate", "0.5", "--seed", "3"])
            defer { sandbox.stop() }
            let client = try APIClient(sandbox)
            return try (0..<40).map { _ in try client.api("/user").status }
        }
        let first = try pattern()
        #expect(first == (try pattern()))
        #expect(first.filter { $0 == 500 }.count == 20, "faults are spread exactly: half of 40")
        #expect(Set(first).isSubset(of: [200, 500]))
    }

    @Test("--drop-rate 1: the connection is cut mid-response and the client sees an incomplete transfer")
    func dropRate() throws {
        let sandbox = try SandboxProcess.start(["--drop-rate", "1"])
        defer { sandbox.stop() }
        let client = try APIClient(sandbox)
        _ = try client.passwordToken()
        let error = #expect(throws: ClientError.self) { try client.api("/user/vehicles") }
        #expect(error?.curlCode == 18 || error?.curlCode == 56, "\(String(describing: error))")
        #expect(error?.code == .transport)
        // The IDP is not subject to faults, and the server is still there.
        #expect(try client.passwordToken().access.isEmpty == false)
    }

    @Test("--rate-limit 3: the 4th call in a minute is 429 with Retry-After and X-RateLimit-Reset")
    func rateLimit() throws {
        let sandbox = try SandboxProcess.start(["--rate-limit", "3"])
        defer { sandbox.stop() }
        let client = try APIClient(sandbox)
        let replies = try (0..<4).map { _ in try client.api("/user") }
        #expect(replies.prefix(3).allSatisfy { $0.status == 200 })
        #expect(replies.map { $0.header("X-RateLimit-Remaining-2") } == ["2", "1", "0", "0"])
        let limited = replies[3]
        #expect(limited.status == 429)
        let retry = try #require(Int(limited.header("Retry-After") ?? ""))
        #expect((1...60).contains(retry))
        #expect(limited.header("X-RateLimit-Reset") == limited.header("Retry-After"))
        #expect(limited.header("X-RateLimit-Limit-2") == "3")
    }
}
