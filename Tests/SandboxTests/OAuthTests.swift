import Client
import Crypto
import Foundation
import Sandbox
import TestSupport
import Testing

/// The IDP's grants as docs/api.md §13 describes them, over real HTTPS.
@Suite(.sandbox())
struct OAuthTests {
    /// A PKCE verifier and its S256 challenge.
    static func pkce() -> (verifier: String, challenge: String) {
        let verifier = (0..<64).map { _ in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".randomElement() ?? "a" }
        let text = String(verifier)
        let digest = Data(SHA256.hash(data: Array(text.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return (text, digest)
    }

    /// Runs /authorize and returns the redirect's query items.
    static func authorize(_ client: APIClient, _ items: [(String, String)]) throws -> (status: Int, location: [String: String]) {
        let query = items.map { "\(FormEncoding.encode($0.0))=\(FormEncoding.encode($0.1))" }.joined(separator: "&")
        let raw = try client.perform(HTTPRequestData(method: "GET", url: client.endpoints.authorizeURL + "?" + query))
        let location = raw.header("Location") ?? ""
        let pairs = location.contains("?") ? FormEncoding.parse(location.drop { $0 != "?" }.dropFirst()) : []
        return (raw.status, Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }))
    }

    func codeItems(_ e: SandboxEndpoints, challenge: String, state: String = "xyz123") -> [(String, String)] {
        [
            ("client_id", e.clientID), ("response_type", "code"), ("redirect_uri", e.redirectURI), ("scope", "openid profile"),
            ("state", state), ("realm", e.realm), ("code_challenge", challenge), ("code_challenge_method", "S256"),
        ]
    }

    @Test("password grant: production's token response shape, then the API accepts the token")
    func passwordGrant() throws {
        let client = try APIClient(try suiteSandbox())
        let e = client.endpoints
        let reply = try client.form(e.tokenURL, [("grant_type", "password"), ("username", e.username), ("password", e.password), ("realm", e.realm)])
        #expect(reply.status == 200)
        #expect(reply.json.members?.map(\.0) == ["scope", "expires_in", "token_type", "refresh_token", "id_token", "access_token"])
        #expect(reply.json["token_type"]?.string == "Bearer")
        #expect(reply.json["expires_in"] == .int(3599))
        let access = try #require(reply.json["access_token"]?.string)
        #expect(UUID(uuidString: access) != nil)
        #expect(try client.api("/user", token: access).status == 200)
        let wrong = try client.form(e.tokenURL, [("grant_type", "password"), ("username", e.username), ("password", "nope"), ("realm", e.realm)])
        #expect(wrong.status == 400)
        #expect(wrong.json["error"]?.string == "invalid_grant")
    }

    @Test("authorization code with PKCE S256: 302 with code and state, code is single-use")
    func codeWithPKCE() throws {
        let client = try APIClient(try suiteSandbox())
        let e = client.endpoints
        let (verifier, challenge) = Self.pkce()
        let (status, location) = try Self.authorize(client, codeItems(e, challenge: challenge))
        #expect(status == 302)
        #expect(location["state"] == "xyz123")
        let code = try #require(location["code"])
        #expect(UUID(uuidString: code) != nil)
        let exchange = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", e.redirectURI), ("code_verifier", verifier)]
        let token = try client.form(e.tokenURL, exchange)
        #expect(token.status == 200)
        #expect(try client.api("/user", token: token.json["access_token"]?.string).status == 200)
        let again = try client.form(e.tokenURL, exchange)
        #expect(again.status == 400)
        #expect(again.json["error"]?.string == "invalid_grant")
    }

    @Test("a wrong or missing code_verifier, or another redirect_uri, gets invalid_grant")
    func pkceMismatch() throws {
        let client = try APIClient(try suiteSandbox())
        let e = client.endpoints
        for exchange in [
            [("code_verifier", Self.pkce().verifier), ("redirect_uri", e.redirectURI)],
            [("redirect_uri", e.redirectURI)],
            [("code_verifier", "x"), ("redirect_uri", "mymap://oauth2redirect/de")],
        ] {
            let (_, location) = try Self.authorize(client, codeItems(e, challenge: Self.pkce().challenge))
            let code = try #require(location["code"])
            let reply = try client.form(e.tokenURL, [("grant_type", "authorization_code"), ("code", code)] + exchange)
            #expect(reply.status == 400)
            #expect(reply.json["error"]?.string == "invalid_grant")
        }
    }

    @Test("authorize errors: unknown client and unregistered redirect are 400; bad response_type redirects with an error")
    func authorizeErrors() throws {
        let client = try APIClient(try suiteSandbox())
        let e = client.endpoints
        var items = codeItems(e, challenge: Self.pkce().challenge)
        items[0] = ("client_id", "00000000-0000-4000-8000-000000000000")
        #expect(try Self.authorize(client, items).status == 400)
        items = codeItems(e, challenge: Self.pkce().challenge)
        items[2] = ("redirect_uri", "https://evil.example/cb")
        #expect(try Self.authorize(client, items).status == 400)
        items = codeItems(e, challenge: Self.pkce().challenge)
        items[1] = ("response_type", "token")
        let (status, location) = try Self.authorize(client, items)
        #expect(status == 302)
        #expect(location["error"] == "unsupported_response_type")
        #expect(location["state"] == "xyz123")
    }

    @Test("refresh rotates: the new pair works, the used refresh token is dead")
    func refreshRotation() throws {
        let client = try APIClient(try suiteSandbox())
        let e = client.endpoints
        let first = try client.passwordToken()
        let refreshed = try client.form(e.tokenURL, [("grant_type", "refresh_token"), ("refresh_token", first.refresh)])
        #expect(refreshed.status == 200)
        let newRefresh = try #require(refreshed.json["refresh_token"]?.string)
        #expect(newRefresh != first.refresh)
        #expect(try client.api("/user", token: refreshed.json["access_token"]?.string).status == 200)
        let reuse = try client.form(e.tokenURL, [("grant_type", "refresh_token"), ("refresh_token", first.refresh)])
        #expect(reuse.status == 400)
        #expect(reuse.json["error"]?.string == "invalid_grant")
        // Sent as query parameters, as some clients do, with the realm: accepted.
        let viaQuery = try client.reply(
            client.perform(
                HTTPRequestData(
                    method: "POST", url: e.tokenURL + "?grant_type=refresh_token&refresh_token=\(newRefresh)&realm=\(e.realm)",
                    headers: [("Authorization", "Basic " + Data("\(e.clientID):\(e.clientSecret)".utf8).base64EncodedString())])))
        #expect(viaQuery.status == 200)
    }

    @Test("revoking a refresh token kills it and its access tokens")
    func revoke() throws {
        let client = try APIClient(try suiteSandbox())
        let e = client.endpoints
        let token = try client.passwordToken()
        #expect(try client.api("/user", token: token.access).status == 200)
        #expect(try client.form(e.revokeURL, [("token", token.refresh)]).status == 200)
        #expect(try client.api("/user", token: token.access).status == 401)
        #expect(try client.form(e.tokenURL, [("grant_type", "refresh_token"), ("refresh_token", token.refresh)]).status == 400)
    }

    @Test("client authentication: wrong secret or none is 401 invalid_client; form credentials work")
    func clientAuthentication() throws {
        let client = try APIClient(try suiteSandbox())
        let e = client.endpoints
        let fields = [("grant_type", "password"), ("username", e.username), ("password", e.password), ("realm", e.realm)]
        let wrong = try client.form(e.tokenURL, fields, basic: (e.clientID, "wrong"))
        #expect(wrong.status == 401)
        #expect(wrong.json["error"]?.string == "invalid_client")
        #expect(try client.form(e.tokenURL, fields, authenticate: false).status == 401)
        #expect(
            try client.form(e.tokenURL, fields + [("client_id", e.clientID), ("client_secret", e.clientSecret)], authenticate: false).status == 200)
    }

    @Test("grant and realm errors name the problem")
    func grantErrors() throws {
        let client = try APIClient(try suiteSandbox())
        let e = client.endpoints
        let unsupported = try client.form(e.tokenURL, [("grant_type", "client_credentials")])
        #expect(unsupported.json["error"]?.string == "unsupported_grant_type")
        #expect(try client.form(e.tokenURL, []).json["error_description"]?.string == "Grant type is not set")
        let realm = try client.form(
            e.tokenURL, [("grant_type", "password"), ("username", e.username), ("password", e.password), ("realm", "clientsB2CFiat")])
        #expect(realm.status == 400)
        #expect(realm.json["error_description"]?.string?.contains("clientsB2CFiat") == true)
    }
}
