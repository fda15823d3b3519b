import Foundation

/// When and how long to wait before sending a failed request again: idempotent methods on 500, 502, 503, 504 and
/// broken connections; every method on 429 (the gateway refused it before the backend saw it); a POST on a broken
/// connection only when its request never left. Exponential backoff with jitter, honouring `Retry-After`; at most
/// `maxRetries` retries and `maxTotal` seconds. A POST whose answer was lost is the caller's to reconcile
/// (`monitors create` looks for the monitor before sending it again).
package struct RetryPolicy: Sendable {
    package var maxRetries = 3
    package var maxTotal = 30.0
    package var baseDelay = 0.25

    /// Statuses an idempotent request is sent again on: 500 too, which the API answers for a backend that did not
    /// (the vehicle data service, docs/api.md §5.2.3) and which is usually gone on the next try.
    package static let retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]
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
            retryable = status == 429 || (idempotent && status.map(Self.retryableStatuses.contains) ?? false)
        }
        guard retryable else { return nil }
        var wait = baseDelay * Double(1 << (attempt - 1)) * Double.random(in: 0.8...1.2)
        if let text = retryAfter, let seconds = Double(text.trimmingCharacters(in: .whitespaces)) { wait = max(wait, seconds) }
        return elapsed + wait <= maxTotal ? wait : nil
    }
}
