import Client
import Foundation
import Shell

/// Sends a POST so that a lost answer never makes two of what it creates (a monitor, a callback, a remote action).
/// A POST is not idempotent: when its answer is lost — the connection broke after the request went out, the
/// request timed out, or a gateway answered 500/502/503/504 — the thing may or may not exist, and sending it again
/// blindly could create a second one. So before any retry ccsh looks for it (``lookup``): found, it is what the
/// lost POST made and is returned; not found, the POST is sent again. At most ``maxAttempts`` POSTs, each preceded
/// (after the first) by that check.
struct PostOnce {
    let requests: Requests
    let request: APIRequest
    /// What the lost POST would have made (nil: it was not made).
    let lookup: () throws -> Value?
    /// POSTs at most.
    var maxAttempts = defaultAttempts
    static let defaultAttempts = 4

    /// Sends the POST, reconciling before each retry.
    func run() throws -> Value {
        var attempt = 1
        while true {
            do {
                return try requests.send(request)
            } catch let error as ClientError where Self.outcomeIsUnknown(error) && attempt < maxAttempts {
                attempt += 1
                if let existing = try persistently(lookup) { return existing }
            }
        }
    }

    /// Runs a lookup until it gets an answer: sending the POST again without knowing would risk a second one. The
    /// client already retries each GET; a lookup that still fails on a 5xx or a broken connection is tried again
    /// after a pause, up to five times, before the error stands (and nothing is sent again).
    private func persistently<T>(_ body: () throws -> T) throws -> T {
        var failures = 0
        while true {
            do {
                return try body()
            } catch let error as ClientError where Self.outcomeIsUnknown(error) && failures < 5 {
                failures += 1
                Thread.sleep(forTimeInterval: 0.5 * Double(failures))
            }
        }
    }

    /// Whether a failed POST may still have been carried out by the server.
    static func outcomeIsUnknown(_ error: ClientError) -> Bool {
        if error.code == .http { return error.status.map([500, 502, 503, 504].contains) ?? false }
        return (error.code == .transport || error.code == .timeout) && error.requestSent
    }
}
