import Foundation

/// The brand IDP's OAuth 2 endpoints (docs/api.md §13): the authorization-code flow with PKCE S256, refresh with
/// rotation, the legacy password grant, and revocation. Client authentication is HTTP Basic.
package struct OAuthClient: Sendable {
    package let profile: Profile
    /// The resolved client secret; only ever sent in the Basic header, never shown.
    private let clientSecret: String

    package init(profile: Profile, clientSecret: String) {
        self.profile = profile
        self.clientSecret = clientSecret
    }

    /// Whether `text` holds the client secret (to keep such a line out of the history), without handing it out.
    package func isRevealed(in text: String) -> Bool { Secret.appears(clientSecret, in: text) }

    // MARK: Authorization code + PKCE

    /// A fresh PKCE pair (RFC 7636): a 64-byte random verifier, base64url, and its S256 challenge.
    package static func makePKCE() -> (verifier: String, challenge: String) {
        var random = SystemRandomNumberGenerator()
        let verifier = base64url((0..<64).map { _ in UInt8.random(in: 0...255, using: &random) })
        return (verifier, challenge(for: verifier))
    }

    package static func challenge(for verifier: String) -> String { base64url(LibCrypto.sha256(Array(verifier.utf8))) }

    /// The URL to open in a browser to log in.
    package func authorizeURL(challenge: String, state: String, scope: String = "openid profile") -> String {
        let items = [
            ("client_id", profile.clientID), ("response_type", "code"), ("redirect_uri", profile.redirectURI), ("scope", scope),
            ("state", state), ("realm", profile.realm), ("code_challenge", challenge), ("code_challenge_method", "S256"),
        ]
        return profile.authorizeURL + "?" + items.map { "\($0.0)=\(URLEncoding.encode($0.1))" }.joined(separator: "&")
    }

    /// The code from what the user pasted: the whole redirect URL (its `state` must match) or the bare code.
    package static func code(fromPasted text: String, expectedState: String?) throws(ClientError) -> String {
        let pasted = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard pasted.contains("code=") || pasted.contains("error=") else {
            guard !pasted.isEmpty, !pasted.contains(" ") else {
                throw ClientError(code: .loginRequired, request: "login", message: "that is neither a redirect URL nor a code")
            }
            return pasted
        }
        let query = pasted.drop { $0 != "?" }.dropFirst()
        let items = URLEncoding.parse(query.isEmpty ? Substring(pasted) : query)
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        if let error = value("error") {
            throw ClientError(
                code: .loginRequired, request: "login", message: "the IDP refused the login: \(error) \(value("error_description") ?? "")")
        }
        if let expectedState, value("state") != expectedState {
            throw ClientError(
                code: .loginRequired, request: "login", message: "the redirect's state does not match this login",
                hint: "paste the redirect of the login you started last")
        }
        guard let code = value("code"), !code.isEmpty else {
            throw ClientError(code: .loginRequired, request: "login", message: "the redirect URL has no code")
        }
        return code
    }

    package func exchange(code: String, verifier: String, using transport: CurlTransport) throws(ClientError) -> Tokens {
        try grant(
            [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", profile.redirectURI), ("code_verifier", verifier)],
            using: transport)
    }

    // MARK: Other grants

    /// Trades a refresh token for new tokens; the used refresh token dies (rotation).
    package func refresh(_ refreshToken: String, using transport: CurlTransport) throws(ClientError) -> Tokens {
        try grant([("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("realm", profile.realm)], using: transport)
    }

    /// The legacy password grant, for scripted logins where the IDP still allows it (the sandbox does).
    package func password(username: String, password: String, using transport: CurlTransport) throws(ClientError) -> Tokens {
        try grant(
            [("grant_type", "password"), ("username", username), ("password", password), ("realm", profile.realm), ("scope", "openid profile")],
            using: transport)
    }

    /// Revokes a token; revoking the refresh token also kills its access tokens.
    package func revoke(_ token: String, using transport: CurlTransport) throws(ClientError) {
        let response = try transport.perform(formRequest(profile.revokeURL, [("token", token)]))
        guard response.status == 200 else { throw idpError(response, step: "POST \(path(profile.revokeURL))") }
    }

    // MARK: Plumbing

    private func grant(_ fields: [(String, String)], using transport: CurlTransport) throws(ClientError) -> Tokens {
        let step = "POST \(path(profile.tokenURL))"
        let sent = Date().timeIntervalSince1970
        let response = try transport.perform(formRequest(profile.tokenURL, fields))
        guard response.status == 200 else { throw idpError(response, step: step) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let access = object["access_token"] as? String, !access.isEmpty
        else { throw ClientError(code: .decoding, request: step, message: "the token response has no access_token") }
        let lifetime = (object["expires_in"] as? NSNumber)?.doubleValue ?? 3599
        return Tokens(
            accessToken: access, refreshToken: object["refresh_token"] as? String, expiresAt: sent + lifetime, realm: profile.realm,
            scope: object["scope"] as? String)
    }

    private func formRequest(_ url: String, _ fields: [(String, String)]) -> HTTPRequestData {
        let basic = Data("\(URLEncoding.encode(profile.clientID)):\(URLEncoding.encode(clientSecret))".utf8).base64EncodedString()
        let body = fields.map { "\($0.0)=\(URLEncoding.encode($0.1))" }.joined(separator: "&")
        return HTTPRequestData(
            method: "POST", url: url,
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"), ("Authorization", "Basic \(basic)")],
            body: Array(body.utf8))
    }

    /// `invalid_grant` means the user must log in again; `invalid_client` means the profile's client is wrong.
    private func idpError(_ response: HTTPResponseData, step: String) -> ClientError {
        let body = APIErrorBody(response.body)
        switch body.oauthError {
        case "invalid_grant":
            return ClientError(
                code: .loginRequired, request: step, message: "the IDP refused the grant: \(body.message)",
                hint: "run `login` for profile \(profile.name) (grants expire, and a refresh token works only once)", status: response.status)
        case "invalid_client":
            return ClientError(
                code: .authentication, request: step, message: "the IDP does not accept this client: \(body.message)",
                hint: "check client_id and client_secret of profile \(profile.name)", status: response.status)
        default:
            return ClientError(code: .authentication, request: step, message: body.message, status: response.status)
        }
    }

    private func path(_ url: String) -> String { HTTPRequestData(method: "", url: url).redactedDescription.trimmingCharacters(in: .whitespaces) }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
