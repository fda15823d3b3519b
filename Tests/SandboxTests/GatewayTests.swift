import Foundation
import Sandbox
import TestSupport
import Testing

/// The API gateway's 401s (docs/api.md §5.2.4, §16.1), each with its production body.
/// In-process (``InProcessSandbox``), but for the expired token, which needs the process's wall clock.
@Suite
struct GatewayTests {
    func expect401(_ reply: APIClient.Reply, _ moreInformation: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == 401, sourceLocation: sourceLocation)
        #expect(reply.json["httpCode"]?.string == "401", sourceLocation: sourceLocation)
        #expect(reply.json["httpMessage"]?.string == "Unauthorized", sourceLocation: sourceLocation)
        #expect(reply.json["moreInformation"]?.string?.hasPrefix(moreInformation) == true, "\(reply.raw.text)", sourceLocation: sourceLocation)
    }

    @Test("no client_id, unknown client_id")
    func application() throws {
        let client = APIClient(try InProcessSandbox())
        expect401(try client.api("/user/vehicles", clientID: .some(nil)), "Cannot pass the security checks")
        expect401(try client.api("/user/vehicles", clientID: "6a1f6c2e-0000-4000-8000-000000000000"), "Not registered to plan")
    }

    @Test("no bearer, a malformed header, an unknown token")
    func token() throws {
        let client = APIClient(try InProcessSandbox())
        expect401(try client.api("/user", token: .some(nil)), "Token is invalid")
        expect401(try client.api("/user", token: .some(nil), headers: [("Authorization", "Basic abc")]), "Token is invalid")
        expect401(try client.api("/user", token: UUID().uuidString.lowercased()), "Token is invalid")
    }

    @Test("an expired token (--token-ttl 1)")
    func expiredToken() async throws {
        let sandbox = try SandboxProcess.start(["--token-ttl", "1"])
        defer { sandbox.stop() }
        let client = try APIClient(sandbox)
        let token = try client.passwordToken()
        #expect(try client.api("/user", token: token.access).status == 200)
        try await Task.sleep(for: .milliseconds(1500))
        expect401(try client.api("/user", token: token.access), "Token is invalid")
        let refreshed = try client.form(client.endpoints.tokenURL, [("grant_type", "refresh_token"), ("refresh_token", token.refresh)])
        #expect(try client.api("/user", token: refreshed.json["access_token"]?.string).status == 200)
    }

    @Test("no x-introspect-realm, or a realm other than the token's")
    func realm() throws {
        let client = APIClient(try InProcessSandbox())
        expect401(try client.api("/user", realm: .some(nil)), "Cannot pass the security checks")
        expect401(try client.api("/user", realm: "clientsB2COpel"), "Token is invalid")
        let opel = try client.passwordToken(realm: "clientsB2COpel").access
        #expect(try client.api("/user", token: opel, realm: "clientsB2COpel").status == 200)
    }

    @Test("every response carries the daily rate-limit headers")
    func rateHeaders() throws {
        let client = APIClient(try InProcessSandbox())
        let reply = try client.api("/user")
        #expect(reply.header("X-RateLimit-Limit-1") == "100000")
        #expect(Int(reply.header("X-RateLimit-Remaining-1") ?? "") != nil)
        #expect(try client.api("/user", token: .some(nil)).header("X-RateLimit-Limit-1") == "100000")
    }

    @Test("--quota 3: a sliding 24 hours of the world's clock; past it 429 with the headers; it comes back as the clock moves")
    func dayQuota() throws {
        let sandbox = try InProcessSandbox { $0.faults.dailyQuota = 3 }
        let client = APIClient(sandbox)
        #expect(try client.api("/user").header("X-RateLimit-Remaining-1") == "2")
        _ = try client.control("/_control/clock", body: #"{"advance": 3600}"#)
        #expect(try client.api("/user").header("X-RateLimit-Remaining-1") == "1")
        #expect(try client.api("/user").header("X-RateLimit-Remaining-1") == "0")
        #expect(try client.control("/_control/quota").json == .obj(["limit": 3, "used": 3, "remaining": 0]))
        let refused = try client.api("/user")
        #expect(refused.status == 429)
        #expect(refused.header("X-RateLimit-Limit-1") == "3")
        #expect(refused.header("X-RateLimit-Remaining-1") == "0")
        // The first request leaves the window 24 h after it was made: 23 h from now on the world's clock.
        #expect(refused.header("Retry-After") == "82800")
        #expect(refused.header("X-RateLimit-Reset") == "82800")
        #expect(try client.control("/_control/quota").json["used"] == 3, "a refused request is not counted")
        _ = try client.control("/_control/clock", body: #"{"advance": 82800}"#)
        #expect(try client.control("/_control/quota").json["used"] == 2)
        #expect(try client.api("/user").status == 200)
        #expect(try client.api("/user").status == 429)
    }
}
