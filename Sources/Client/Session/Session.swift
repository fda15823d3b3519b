import APIContract
import Foundation

/// Everything the API needs between commands: the profile, the tokens (through a ``TokenKeeper``), and one
/// connection-keeping transport. `send` attaches `client_id`, the bearer token, the realm header and `Accept`,
/// refreshes once on a 401 "Token is invalid", and retries per ``RetryPolicy``.
///
/// Used from one thread at a time; for parallel fan-out, give each worker its own ``makeWorker()`` session, which
/// shares the tokens (single-flight refresh) and the connection pool.
package final class Session {
    package let profile: Profile
    package let keeper: TokenKeeper
    package let transport: CurlTransport
    package var retryPolicy = RetryPolicy()
    /// Receives one event per HTTP exchange (for `--verbose`), secrets already masked.
    package var trace: ((TraceEvent) -> Void)?
    /// Told every answer's `Date` header; shared with the workers (and, through ``APIContract``, the shell).
    package var serverClock = ServerClock()
    /// Told every answer's rate-limit headers and every request sent; shared with the workers.
    package var budget = RateLimitBudget()
    private let share: CurlShare
    private let cancellation: Cancellation?

    /// - Parameters:
    ///   - clientSecret: the resolved secret (see ``Secret``).
    ///   - tls: the profile's TLS options with the key password resolved.
    package init(
        profile: Profile, clientSecret: String, tls: TLSOptions, tokenDirectory: URL = TokenStore.defaultDirectory(),
        cancellation: Cancellation? = nil
    ) throws(ClientError) {
        self.profile = profile
        self.cancellation = cancellation
        share = try CurlShare()
        transport = try CurlTransport(tls: tls, share: share, cancellation: cancellation)
        keeper = TokenKeeper(
            store: TokenStore(directory: tokenDirectory, profile: profile.name), oauth: OAuthClient(profile: profile, clientSecret: clientSecret))
    }

    private init(sibling: Session) throws(ClientError) {
        profile = sibling.profile
        keeper = sibling.keeper
        share = sibling.share
        cancellation = sibling.cancellation
        retryPolicy = sibling.retryPolicy
        trace = sibling.trace
        serverClock = sibling.serverClock
        budget = sibling.budget
        transport = try CurlTransport(tls: sibling.transport.tls, share: sibling.share, cancellation: sibling.cancellation)
        transport.timeoutMilliseconds = sibling.transport.timeoutMilliseconds
    }

    /// A session for another thread: same tokens and connection pool, its own transfer handle.
    package func makeWorker() throws(ClientError) -> Session { try Session(sibling: self) }

    // MARK: Login

    /// Starts an authorization-code login: remembers a PKCE verifier and state, and returns the URL to open.
    package func beginLogin() throws(ClientError) -> String {
        let (verifier, challenge) = OAuthClient.makePKCE()
        let state = OAuthClient.base64url((0..<12).map { _ in UInt8.random(in: 0...255) })
        try keeper.store.savePending(.init(verifier: verifier, state: state, redirectURI: profile.redirectURI))
        return keeper.oauth.authorizeURL(challenge: challenge, state: state)
    }

    /// Finishes it with what the user pasted: the redirect URL, or the bare code.
    package func completeLogin(pasted: String) throws(ClientError) {
        guard let pending = keeper.store.pending() else {
            throw ClientError(code: .loginRequired, request: "login", message: "no login is in progress", hint: "run `login` to get the URL first")
        }
        let code = try OAuthClient.code(fromPasted: pasted, expectedState: pasted.contains("state=") ? pending.state : nil)
        try keeper.adopt(try keeper.oauth.exchange(code: code, verifier: pending.verifier, using: transport))
        keeper.store.clearPending()
    }

    /// The legacy password grant.
    package func login(username: String, password: String) throws(ClientError) {
        try keeper.adopt(try keeper.oauth.password(username: username, password: password, using: transport))
    }

    /// Revokes the refresh token (which kills its access tokens) and forgets everything.
    package func logout() throws(ClientError) {
        defer { keeper.forget() }
        if let token = try keeper.current()?.refreshToken { try keeper.oauth.revoke(token, using: transport) }
    }

    // MARK: Requests

    /// Sends an API request and returns a 2xx answer; anything else is a ``ClientError`` with the status, the API's
    /// message and a hint.
    package func send(_ request: APIRequest) throws(ClientError) -> APIResponse {
        let started = Date()
        var token = try keeper.accessToken(using: transport)
        var refreshed = false
        var attempt = 0
        // Whether an earlier attempt may have been carried out though its answer was lost.
        var answerLost = false
        while true {
            let http = httpRequest(request, token: token)
            try waitForRateLimit(request: http, started: started)
            budget.noteSent()
            let outcome: Result<HTTPResponseData, ClientError>
            do throws(ClientError) { outcome = .success(try transport.perform(http)) } catch { outcome = .failure(error) }
            trace?(TraceEvent(request: http, outcome: outcome, secrets: secrets(token)))
            if case .success(let response) = outcome {
                serverClock.observe(dateHeader: response.header("Date"))
                budget.observe(response)
            }
            let elapsed = Date().timeIntervalSince(started)
            switch outcome {
            case .success(let response) where (200..<300).contains(response.status):
                return APIResponse(status: response.status, headers: response.headers, body: response.body)
            case .success(let response) where response.status == 404 && request.method == "DELETE" && answerLost:
                // The lost attempt deleted it: what the caller asked for is done.
                return APIResponse(status: 204, headers: response.headers, body: [])
            case .success(let response)
            where response.status == 401 && !refreshed
                && APIErrorBody(response.body).moreInformation == "Token is invalid":
                refreshed = true
                token = try keeper.refresh(after: token, using: transport)
            case .success(let response):
                attempt += 1
                answerLost = answerLost || (500..<600).contains(response.status)
                guard
                    let wait = retryPolicy.delay(
                        method: request.method, attempt: attempt, elapsed: elapsed, status: response.status,
                        retryAfter: response.header("Retry-After"), error: nil)
                else { throw httpError(response, request: http) }
                try pause(wait, request: http)
            case .failure(let error):
                attempt += 1
                answerLost = answerLost || error.requestSent
                guard error.code != .cancelled,
                    let wait = retryPolicy.delay(
                        method: request.method, attempt: attempt, elapsed: elapsed, status: nil, retryAfter: nil, error: error)
                else { throw error }
                try pause(wait, request: http)
            }
        }
    }

    /// The full URL of a request: the API base (unless the path is a `_links` href), the query, and `client_id`
    /// (production links omit it).
    package func url(for request: APIRequest) -> String {
        var url = request.path.hasPrefix("https://") || request.path.hasPrefix("http://") ? request.path : profile.apiBase + request.path
        var items = request.query
        if !Self.hasClientID(url) { items.insert((name: "client_id", value: profile.clientID), at: 0) }
        if !items.isEmpty {
            url +=
                (url.utf8.contains(UInt8(ascii: "?")) ? "&" : "?")
                + items.map { "\(URLEncoding.encode($0.name))=\(URLEncoding.encode($0.value))" }.joined(separator: "&")
        }
        return url
    }

    /// Whether the URL's query has a `client_id` already. Over UTF-8 bytes: Foundation's `String.contains` (through
    /// NSString) and the standard library's generic `firstRange(of:)` each cost more than the rest of a request.
    private static func hasClientID(_ url: String) -> Bool {
        guard let query = url.utf8.split(separator: UInt8(ascii: "?"), maxSplits: 1).dropFirst().first else { return false }
        return query.split(separator: UInt8(ascii: "&")).contains { $0.starts(with: "client_id=".utf8) }
    }

    private func httpRequest(_ request: APIRequest, token: String) -> HTTPRequestData {
        var headers: [(name: String, value: String)] = [
            ("Authorization", "Bearer \(token)"), ("x-introspect-realm", profile.realm), ("Accept", request.accept),
        ]
        if request.body != nil { headers.append(("Content-Type", "application/json")) }
        return HTTPRequestData(method: request.method, url: url(for: request), headers: headers, body: request.body)
    }

    private func httpError(_ response: HTTPResponseData, request: HTTPRequestData) -> ClientError {
        let body = APIErrorBody(response.body)
        return ClientError(
            code: .http, request: request.redactedDescription, message: body.message, hint: body.hint(status: response.status),
            status: response.status)
    }

    /// After a 429 (this session's or a worker's), waits for its `Retry-After` before sending anything, or — when the
    /// wait would outlast the retry policy's budget — fails at once without sending.
    private func waitForRateLimit(request: HTTPRequestData, started: Date) throws(ClientError) {
        let hold = budget.hold()
        guard hold > 0 else { return }
        guard Date().timeIntervalSince(started) + hold <= retryPolicy.maxTotal else {
            throw ClientError(
                code: .http, request: request.redactedDescription,
                message: "the API's rate limit holds requests for another \(Int(hold.rounded(.up))) s; nothing more was sent",
                hint: "try again later; `quota` shows the budget", status: 429)
        }
        try pause(hold, request: request)
    }

    /// Sleeps between retries in short slices, so that Ctrl-C is not delayed by a backoff.
    private func pause(_ seconds: Double, request: HTTPRequestData) throws(ClientError) {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if cancellation?.isCancelled == true {
                throw ClientError(code: .cancelled, request: request.redactedDescription, message: "cancelled")
            }
            Thread.sleep(forTimeInterval: min(0.02, end.timeIntervalSinceNow))
        }
    }

    /// Whether `text` holds one of this session's secrets: a stored token, the client secret, the key password
    /// (the shell keeps such lines out of its history).
    package func isRevealed(in text: String) -> Bool {
        if keeper.oauth.isRevealed(in: text) || (try? keeper.current())?.isRevealed(in: text) == true { return true }
        return transport.tls.keyPassword.map { Secret.appears($0, in: text) } ?? false
    }

    /// Values that must never show in traces: the token, and the profile's secrets.
    private func secrets(_ token: String) -> [String] {
        [token] + [transport.tls.keyPassword].compactMap { $0 }
    }
}
