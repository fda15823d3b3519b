import Foundation

/// When and how long to wait before sending a failed request again: idempotent methods on 429, 502, 503, 504 and
/// broken connections, with exponential backoff and jitter, honouring `Retry-After`; a POST only when its
/// request never left (the connection failed first). At most `maxRetries` retries and `maxTotal` seconds.
package struct RetryPolicy: Sendable {
    package var maxRetries = 3
    package var maxTotal = 30.0
    package var baseDelay = 0.25

    package static let retryableStatuses: Set<Int> = [429, 502, 503, 504]
    /// curl errors of a connection that broke or never came up: refused, reset, cut, empty reply.
    package static let connectionErrors: Set<Int> = [7, 18, 52, 55, 56]

    package init(maxRetries: Int = 3, maxTotal: Double = 30, baseDelay: Double = 0.25) {
        self.maxRetries = maxRetries
        self.maxTotal = maxTotal
        self.baseDelay = baseDelay
    }

    /// The delay before retry number `attempt` (1-based), or nil to give up.
    package func delay(
        method: String, attempt: Int, elapsed: Double, status: Int?, retryAfter: String?, error: ClientError?
    ) -> Double? {
        guard attempt <= maxRetries else { return nil }
        let idempotent = ["GET", "PUT", "DELETE", "HEAD"].contains(method)
        let retryable: Bool
        if let error {
            let connection = error.curlCode.map(Self.connectionErrors.contains) ?? false
            retryable = connection && (idempotent || !error.requestSent)
        } else {
            retryable = idempotent && status.map(Self.retryableStatuses.contains) ?? false
        }
        guard retryable else { return nil }
        var wait = baseDelay * Double(1 << (attempt - 1)) * Double.random(in: 0.8...1.2)
        if let text = retryAfter, let seconds = Double(text.trimmingCharacters(in: .whitespaces)) { wait = max(wait, seconds) }
        return elapsed + wait <= maxTotal ? wait : nil
    }
}
