import Client
import Foundation
import TestSupport
import Testing

/// The access token, refresh token, client secret and key password never appear in anything ccsh produces.
@Suite(.sandbox())
struct SecretsTests {
    @Test("errors, hints, traces and curl exports are searched for every secret")
    func sweep() throws {
        let sandbox = try suiteSandbox()
        let e = sandbox.endpoints
        var profile = e.profile()
        profile.tls = TLSOptions(caFile: e.caCert, certificateFile: e.clientCert, keyFile: e.clientKeyEncrypted, keyPassword: e.clientKeyPassword)
        profile.keyPassword = .literal(e.clientKeyPassword)
        let session = try Session(
            profile: profile, clientSecret: e.clientSecret, tls: profile.tls, tokenDirectory: SessionTests.tokenDirectory())
        var produced: [String] = []
        nonisolated(unsafe) var traces: [String] = []
        session.trace = { traces.append($0.description) }
        func record(_ body: () throws -> Void) {
            do { try body() } catch { produced.append("\(error)") }
        }

        record { try session.login(username: e.username, password: "wrong password") }
        try session.login(username: e.username, password: e.password)
        let tokens = try #require(try session.keeper.current())
        for path in ["/user", "/user/nothing", "/user/vehicles/" + String(repeating: "b", count: 193), "/user/vehicles?pageSize=0"] {
            record { _ = try session.send(.get(path)) }
            produced.append(session.curlCommand(for: .get(path)))
        }
        let body = Array(#"{"label": "x"}"#.utf8)
        record { _ = try session.send(APIRequest("POST", "/user/vehicles/\(e.vehicles[0].id)/monitors", body: body)) }
        produced.append(session.curlCommand(for: APIRequest("POST", "/user/vehicles/\(e.vehicles[0].id)/monitors", body: body)))
        record { _ = try session.keeper.oauth.refresh("not-a-token", using: session.transport) }
        record { try session.completeLogin(pasted: "mymap://oauth2redirect/fr?error=access_denied") }
        _ = try session.keeper.refresh(after: tokens.accessToken, using: session.transport)
        let refreshed = try #require(try session.keeper.current())
        record { _ = try session.send(.get("/user")) }
        try session.logout()
        record { _ = try session.send(.get("/user")) }
        produced.append("\(tokens) \(refreshed)")
        produced += traces

        #expect(produced.count > 15)
        #expect(traces.count > 5)
        let secrets = [
            tokens.accessToken, tokens.refreshToken, refreshed.accessToken, refreshed.refreshToken, e.clientSecret, e.clientKeyPassword, e.password,
        ]
        for secret in secrets.compactMap({ $0 }) {
            let leaks = produced.filter { $0.contains(secret) }
            #expect(leaks.isEmpty, "a secret leaked into: \(leaks.map { String($0.prefix(120)) })")
        }
    }
}
