/// A request that could not be completed, in terms a user can act on. Carries the request line
/// (`GET /user/vehicles`) but never headers, tokens or passwords.
package struct ClientError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure: open for growth without breaking callers.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String { case transport, certificate, timeout, aborted }
        private let wrapped: Wrapped
        /// The connection could not be made or broke (refused, reset, cut mid-response).
        package static let transport = Code(wrapped: .transport)
        /// TLS trust or client-certificate trouble.
        package static let certificate = Code(wrapped: .certificate)
        package static let timeout = Code(wrapped: .timeout)
        /// Stopped by the user (Ctrl-C).
        package static let aborted = Code(wrapped: .aborted)
        package var description: String { wrapped.rawValue }
    }

    package var code: Code
    /// The request line, e.g. `GET /connectedcar/v4/user`.
    package var request: String
    package var message: String
    package var hint: String?
    /// libcurl's error number, for diagnostics.
    package var curlCode: Int

    package var description: String {
        "\(request): \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}
