import Foundation
import Synchronization

/// Hands out a valid access token to every request of a profile, refreshing it 60 s before it expires or after a
/// 401 "Token is invalid" — once, however many workers hit the 401 together (single-flight), and never spending a
/// refresh token another ccsh process has already rotated (the token store's file lock).
package final class TokenKeeper: Sendable {
    package let store: TokenStore
    package let oauth: OAuthClient
    /// Refresh this long before expiry.
    package static let refreshMargin = 60.0
    private let cached = Mutex<Tokens?>(nil)

    package init(store: TokenStore, oauth: OAuthClient) {
        self.store = store
        self.oauth = oauth
    }

    /// A token good for at least the refresh margin.
    package func accessToken(using transport: CurlTransport) throws(ClientError) -> String {
        if let tokens = cached.withLock({ $0 }), !tokens.expires(within: Self.refreshMargin) { return tokens.accessToken }
        return try refreshed(replacing: nil, using: transport).accessToken
    }

    /// Called after a 401 with `failedToken`: refreshes unless someone (a worker or another process) already did.
    package func refresh(after failedToken: String, using transport: CurlTransport) throws(ClientError) -> String {
        try refreshed(replacing: failedToken, using: transport).accessToken
    }

    /// Stores tokens from a login.
    package func adopt(_ tokens: Tokens) throws(ClientError) {
        try store.withLock { () throws(ClientError) in try store.write(tokens) }
        cached.withLock { $0 = tokens }
    }

    /// Forgets the tokens in memory and on disk.
    package func forget() {
        cached.withLock { $0 = nil }
        store.delete()
    }

    /// The current tokens, for `logout` (revocation).
    package func current() throws(ClientError) -> Tokens? {
        if let tokens = cached.withLock({ $0 }) { return tokens }
        return try store.read()
    }

    private func refreshed(replacing stale: String?, using transport: CurlTransport) throws(ClientError) -> Tokens {
        try cached.withLock { (cache: inout Tokens?) throws(ClientError) -> Tokens in
            if let tokens = cache, tokens.accessToken != stale, !tokens.expires(within: Self.refreshMargin) { return tokens }
            let fresh = try store.withLock { () throws(ClientError) -> Tokens in
                let onDisk = try store.read()
                if let tokens = onDisk, tokens.accessToken != stale, !tokens.expires(within: Self.refreshMargin) { return tokens }
                guard let refreshToken = (onDisk ?? cache)?.refreshToken else {
                    throw ClientError(
                        code: .loginRequired, request: "login", message: "not logged in with profile \(oauth.profile.name)",
                        hint: "run `login` first")
                }
                let renewed = try oauth.refresh(refreshToken, using: transport)
                // Persist the rotated refresh token before anyone uses the new access token.
                try store.write(renewed)
                return renewed
            }
            cache = fresh
            return fresh
        }
    }
}
