import APIContract
import Foundation

/// An access token, the refresh token that renews it, and when it expires. Never printed: `description` and
/// `debugDescription` say `***` (``Redaction``).
package struct Tokens: Sendable, Equatable, Codable, CustomStringConvertible, CustomDebugStringConvertible {
    package var accessToken: String
    package var refreshToken: String?
    /// Seconds since 1970.
    package var expiresAt: Double
    package var realm: String
    package var scope: String?

    package init(accessToken: String, refreshToken: String?, expiresAt: Double, realm: String, scope: String?) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.realm = realm
        self.scope = scope
    }

    /// Whether `text` holds one of the tokens (``Secret/appears(_:in:)``).
    package func isRevealed(in text: String) -> Bool {
        ([accessToken] + [refreshToken].compactMap { $0 }).contains { Secret.appears($0, in: text) }
    }

    /// True when the access token expires within `margin` seconds (refresh ahead of time).
    package func expires(within margin: Double, now: Double = Date().timeIntervalSince1970) -> Bool {
        expiresAt - now < margin
    }

    package var description: String { Redaction.mark }
    package var debugDescription: String { Redaction.mark }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case expiresAt = "expires_at"
        case realm, scope
    }
}
