/// A request or session step that could not be completed, in terms a user can act on. Carries the request line
/// (`GET /user/vehicles`) but never headers, tokens, passwords or the client secret.
package struct ClientError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure; a struct over a private enum so that kinds can be added without breaking callers.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String {
            case transport, certificate, timeout, cancelled, http, loginRequired, authentication, configuration, decoding, sandbox
        }
        private let wrapped: Wrapped
        /// The connection could not be made or broke (refused, reset, cut mid-response).
        package static let transport = Code(wrapped: .transport)
        /// TLS trust or client-certificate trouble.
        package static let certificate = Code(wrapped: .certificate)
        package static let timeout = Code(wrapped: .timeout)
        /// Stopped by the user (Ctrl-C).
        package static let cancelled = Code(wrapped: .cancelled)
        /// The server answered with an error status; see `status` and `message`.
        package static let http = Code(wrapped: .http)
        /// No usable tokens: the user has to log in (again).
        package static let loginRequired = Code(wrapped: .loginRequired)
        /// The IDP refused the client or the credentials.
        package static let authentication = Code(wrapped: .authentication)
        /// A profile or config file problem.
        package static let configuration = Code(wrapped: .configuration)
        /// A response that is not what the API sends.
        package static let decoding = Code(wrapped: .decoding)
        /// The local sandbox (`ccsh --sandbox`) could not be started, found or logged in to.
        package static let sandbox = Code(wrapped: .sandbox)
        package var description: String { wrapped.rawValue }
    }

    package var code: Code
    /// The request line, e.g. `GET /connectedcar/v4/user`, or the step (`login`, `config`).
    package var request: String
    package var message: String
    package var hint: String?
    /// The HTTP status, for `.http` errors.
    package var status: Int?
    /// libcurl's error number, for transport errors.
    package var curlCode: Int?
    /// False when the failure happened before any byte of the request was sent (so even a POST may be retried).
    package var requestSent = true

    package init(
        code: Code, request: String, message: String, hint: String? = nil, status: Int? = nil, curlCode: Int? = nil,
        requestSent: Bool = true
    ) {
        self.code = code
        self.request = request
        self.message = message
        self.hint = hint
        self.status = status
        self.curlCode = curlCode
        self.requestSent = requestSent
    }

    package var description: String {
        let head = status.map { "\(request) → \($0)" } ?? request
        return "\(head): \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}
