import APIContract
import Crypto
import Foundation
import Synchronization

/// The brand IDPs (ForgeRock AM, docs/api.md §13) folded into one: `/am/oauth2/authorize`, `/access_token` and
/// `/token/revoke`, with the `realm` parameter choosing the brand.
///
/// Tokens are opaque UUIDs as in production; refresh tokens rotate (the used one dies); authorization codes are
/// single-use and live two minutes. The sandbox has one registered client and one user, both from the seed.
package final class OAuthServer: Sendable {
    package let clientID: String
    package let clientSecret: String
    package let account: DemoAccount
    package let tokenLifetime: Int
    private let grants = Mutex(Grants())

    /// Everything issued so far; pruned of expired entries as it grows.
    private struct Grants {
        var codes: [String: CodeGrant] = [:]
        var accessTokens: [String: AccessGrant] = [:]
        var refreshTokens: [String: RefreshGrant] = [:]
    }

    private struct CodeGrant {
        var realm: String
        var redirectURI: String
        var scope: String
        var challenge: String?
        var challengeMethod: String
        var expires: Double
    }

    /// What the gateway learns when it introspects a bearer token.
    package struct AccessGrant: Sendable {
        package var realm: String
        package var expires: Double
        var refreshToken: String
    }

    private struct RefreshGrant {
        var realm: String
        var scope: String
    }

    package static let codeLifetime = 120.0

    package init(seed: UInt64, tokenLifetime: Int) {
        var random = SeededRandom(seed: seed, "client")
        clientID = random.uuid()
        clientSecret = random.hex(40)
        account = DemoAccount(seed: seed)
        self.tokenLifetime = tokenLifetime
    }

    /// The realm a live access token was issued in, or nil when the token is unknown, expired or revoked.
    package func introspect(_ token: String) -> AccessGrant? {
        grants.withLock { grants in
            guard let grant = grants.accessTokens[token], grant.expires > Clock.now else { return nil }
            return grant
        }
    }

    // MARK: Authorize

    /// `GET /am/oauth2/authorize`: the demo user consents at once; answers 302 to `redirect_uri?code=…&state=…`.
    package func authorize(_ request: SandboxRequest) throws(SandboxError) -> SandboxResponse {
        let q = request.queryValue
        guard let client = q("client_id"), !client.isEmpty else { throw .oauth(400, "invalid_request", "Missing parameter: client_id") }
        guard client == clientID else { throw .oauth(400, "invalid_client", "Unknown client: \(client)") }
        guard let redirect = q("redirect_uri"), !redirect.isEmpty else { throw .oauth(400, "invalid_request", "Missing parameter: redirect_uri") }
        guard Self.isRegistered(redirectURI: redirect) else {
            throw .oauth(
                400, "redirect_uri_mismatch",
                "redirect_uri is not registered for this client: use <brand app scheme>://oauth2redirect/<country> or a loopback http URL")
        }
        let state = q("state")
        func redirectError(_ error: String, _ description: String) -> SandboxResponse {
            var items = [("error", error), ("error_description", description)]
            if let state { items.append(("state", state)) }
            return Self.redirect(to: redirect, items)
        }
        guard q("response_type") == "code" else {
            return redirectError("unsupported_response_type", "Response type is not supported: \(q("response_type") ?? "(none)")")
        }
        let realm: String
        do { realm = try Self.realm(q("realm")) } catch { return redirectError("invalid_request", "Invalid realm: \(q("realm") ?? "(none)")") }
        let method = q("code_challenge_method") ?? "plain"
        let challenge = q("code_challenge")
        if challenge != nil {
            guard method == "S256" || method == "plain" else {
                return redirectError("invalid_request", "Unsupported code_challenge_method: \(method); use S256")
            }
            guard let c = challenge, (43...128).contains(c.count) else {
                return redirectError("invalid_request", "code_challenge must be 43 to 128 characters")
            }
        }
        let scope = q("scope") ?? "openid profile"
        var random = SystemRandomNumberGenerator()
        let code = Self.uuid(&random)
        grants.withLock {
            $0.codes[code] = CodeGrant(
                realm: realm, redirectURI: redirect, scope: scope, challenge: challenge, challengeMethod: method,
                expires: Clock.now + Self.codeLifetime)
        }
        var items = [("code", code), ("scope", scope)]
        if let state { items.append(("state", state)) }
        return Self.redirect(to: redirect, items)
    }

    /// The brand apps' redirect URIs (`mymap://oauth2redirect/fr`…) and loopback URLs for native clients (RFC 8252).
    static func isRegistered(redirectURI: String) -> Bool {
        let schemes = Brand.all.map(\.redirectScheme)
        if let range = redirectURI.range(of: "://oauth2redirect/"), schemes.contains(String(redirectURI[..<range.lowerBound])) {
            let country = redirectURI[range.upperBound...]
            return (2...5).contains(country.count) && country.allSatisfy { $0.isLetter && $0.isLowercase || $0 == "-" }
        }
        for prefix in ["http://127.0.0.1:", "http://localhost:", "http://[::1]:", "http://127.0.0.1/", "http://localhost/"]
        where redirectURI.hasPrefix(prefix) {
            return true
        }
        return false
    }

    private static func redirect(to uri: String, _ items: [(String, String)]) -> SandboxResponse {
        let query = items.map { "\($0.0)=\(FormEncoding.encode($0.1))" }.joined(separator: "&")
        return SandboxResponse(status: 302, headers: [("Location", uri + (uri.contains("?") ? "&" : "?") + query)])
    }

    /// Accepts `clientsB2CPeugeot` and ForgeRock's `/clientsB2CPeugeot` form.
    static func realm(_ text: String?) throws(SandboxError) -> String {
        guard let text, !text.isEmpty else { throw .oauth(400, "invalid_request", "Missing parameter: realm (e.g. clientsB2CPeugeot)") }
        let name = text.hasPrefix("/") ? String(text.dropFirst()) : text
        guard Brand.realms.contains(name) else {
            throw .oauth(400, "invalid_request", "Invalid realm: \(text); one of \(Brand.realms.joined(separator: ", "))")
        }
        return name
    }

    // MARK: Token

    /// `POST /am/oauth2/access_token`: grants `authorization_code`, `refresh_token` and the legacy `password`.
    package func token(_ request: SandboxRequest) throws(SandboxError) -> SandboxResponse {
        let form = try formParameters(request)
        func value(_ name: String) -> String? { form.first { $0.name == name }?.value }
        try authenticateClient(request, form: value)
        guard let grantType = value("grant_type"), !grantType.isEmpty else {
            throw .oauth(400, "invalid_request", "Grant type is not set")
        }
        let now = Clock.now
        switch grantType {
        case "authorization_code":
            guard let code = value("code") else { throw .oauth(400, "invalid_request", "Missing parameter: code") }
            let grant = try grants.withLock { grants throws(SandboxError) -> CodeGrant in
                guard let grant = grants.codes.removeValue(forKey: code), grant.expires > now else {
                    throw .oauth(400, "invalid_grant", "The provided access grant is invalid, expired, or revoked.")
                }
                return grant
            }
            guard value("redirect_uri") == grant.redirectURI else {
                throw .oauth(400, "invalid_grant", "The redirect_uri does not match the one used to obtain the code")
            }
            if let challenge = grant.challenge {
                guard let verifier = value("code_verifier") else {
                    throw .oauth(400, "invalid_grant", "The code_verifier is missing (the code was issued with PKCE)")
                }
                let expected = grant.challengeMethod == "S256" ? Self.s256(verifier) : verifier
                guard expected == challenge else { throw .oauth(400, "invalid_grant", "The code_verifier does not match the code_challenge") }
            }
            return issue(realm: grant.realm, scope: grant.scope)
        case "refresh_token":
            guard let token = value("refresh_token") else { throw .oauth(400, "invalid_request", "Missing parameter: refresh_token") }
            let requested = try value("realm").map { text throws(SandboxError) in try Self.realm(text) }
            let grant = try grants.withLock { grants throws(SandboxError) -> RefreshGrant in
                guard let grant = grants.refreshTokens[token], requested == nil || requested == grant.realm else {
                    throw .oauth(400, "invalid_grant", "grant is invalid")
                }
                grants.refreshTokens[token] = nil
                return grant
            }
            return issue(realm: grant.realm, scope: grant.scope)
        case "password":
            let realm = try Self.realm(value("realm"))
            guard let username = value("username"), let password = value("password") else {
                throw .oauth(400, "invalid_request", "Missing parameter: username and password are required")
            }
            guard username.lowercased() == account.email, password == account.password else {
                throw .oauth(400, "invalid_grant", "Authentication failed")
            }
            return issue(realm: realm, scope: value("scope") ?? "openid profile")
        default:
            throw .oauth(400, "unsupported_grant_type", "Grant type is not supported: \(grantType)")
        }
    }

    /// `POST /am/oauth2/token/revoke`: revoking a refresh token revokes the access tokens issued with it.
    package func revoke(_ request: SandboxRequest) throws(SandboxError) -> SandboxResponse {
        let form = try formParameters(request)
        func value(_ name: String) -> String? { form.first { $0.name == name }?.value }
        try authenticateClient(request, form: value)
        guard let token = value("token") ?? value("refresh_token"), !token.isEmpty else {
            throw .oauth(400, "invalid_request", "Missing parameter: token")
        }
        grants.withLock { grants in
            if grants.refreshTokens.removeValue(forKey: token) != nil {
                grants.accessTokens = grants.accessTokens.filter { $0.value.refreshToken != token }
            }
            grants.accessTokens[token] = nil
        }
        return .json(200, .object([]), type: "application/json")
    }

    // MARK: Helpers

    /// Form fields of the body, then of the query (some clients send grant fields as query parameters).
    private func formParameters(_ request: SandboxRequest) throws(SandboxError) -> [(name: String, value: String)] {
        guard request.method == "POST" else { throw .oauth(405, "invalid_request", "Use POST") }
        let type = request.headers["content-type"] ?? ""
        if !request.body.isEmpty, !type.lowercased().hasPrefix("application/x-www-form-urlencoded") {
            throw .oauth(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded")
        }
        guard let text = String(validating: request.body, as: UTF8.self) else {
            throw .oauth(400, "invalid_request", "The body is not UTF-8")
        }
        return FormEncoding.parse(text) + request.query
    }

    /// HTTP Basic (`client_secret_basic`) or form fields (`client_secret_post`).
    private func authenticateClient(_ request: SandboxRequest, form: (String) -> String?) throws(SandboxError) {
        var id = form("client_id")
        var secret = form("client_secret")
        if let header = request.headers["authorization"], header.lowercased().hasPrefix("basic ") {
            guard let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
                let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
            else { throw .oauth(401, "invalid_client", "Client authentication failed") }
            id = FormEncoding.decode(text[..<colon])
            secret = FormEncoding.decode(text[text.index(after: colon)...])
        }
        guard id == clientID, secret == clientSecret else { throw .oauth(401, "invalid_client", "Client authentication failed") }
    }

    private func issue(realm: String, scope: String) -> SandboxResponse {
        var random = SystemRandomNumberGenerator()
        let access = Self.uuid(&random)
        let refresh = Self.uuid(&random)
        let now = Clock.now
        grants.withLock { grants in
            if grants.accessTokens.count > 50_000 { grants.accessTokens = grants.accessTokens.filter { $0.value.expires > now } }
            grants.accessTokens[access] = AccessGrant(realm: realm, expires: now + Double(tokenLifetime), refreshToken: refresh)
            grants.refreshTokens[refresh] = RefreshGrant(realm: realm, scope: scope)
        }
        let document: JSON = .obj([
            "scope": .string(scope), "expires_in": .int(tokenLifetime), "token_type": "Bearer",
            "refresh_token": .string(refresh), "id_token": .string(idToken(realm: realm, issuedAt: Int(now))),
            "access_token": .string(access),
        ])
        var response = SandboxResponse.json(200, document, type: "application/json")
        response.headers += [("Cache-Control", "no-store"), ("Pragma", "no-cache")]
        return response
    }

    /// An OpenID Connect id_token signed HS256 with the client secret (OIDC Core §10.1).
    private func idToken(realm: String, issuedAt: Int) -> String {
        func base64url(_ bytes: some Sequence<UInt8>) -> String {
            Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let header = JSON.obj(["typ": "JWT", "alg": "HS256"])
        let claims = JSON.obj([
            "sub": .string(account.email), "aud": .string(clientID), "iss": .string("/am/oauth2/\(realm)"),
            "realm": .string("/\(realm)"), "iat": .int(issuedAt), "exp": .int(issuedAt + tokenLifetime),
            "given_name": .string(account.firstName), "family_name": .string(account.lastName),
        ])
        let signingInput = base64url(header.bytes) + "." + base64url(claims.bytes)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: SymmetricKey(data: Array(clientSecret.utf8)))
        return signingInput + "." + base64url(mac)
    }

    /// BASE64URL(SHA256(verifier)) without padding (RFC 7636 §4.2).
    static func s256(_ verifier: String) -> String {
        Data(SHA256.hash(data: Array(verifier.utf8))).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func uuid(_ random: inout SystemRandomNumberGenerator) -> String {
        var seeded = SeededRandom(seed: random.next(), "token")
        return seeded.uuid()
    }
}
