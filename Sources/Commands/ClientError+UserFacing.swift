import Client
import Shell

/// The client's errors as the shell reports them: the request line and the message (`GET /user → 401: Token is
/// invalid`), the client's hint, a code name for `try`/`catch`, and exit status 3 when a login is required
/// (README, "Exit codes"). Shell never imports Client; this conformance is the bridge.
extension ClientError: UserFacingError {
    package var codeName: String {
        switch code {
        case .loginRequired: "login-required"
        // Ctrl-C: the same code as an interrupted loop, so that `try` does not catch it and the run stops.
        case .cancelled: "interrupted"
        default: code.description
        }
    }

    /// `GET /connectedcar/v4/user → 401: Token is invalid`; never headers or secrets (the client leaves them out).
    package var userMessage: String { (status.map { "\(request) → \($0)" } ?? request) + ": " + message }

    package var httpStatus: Int? { status }

    package var exitStatus: Int32 {
        switch code {
        case .loginRequired: ExitStatus.loginRequired
        case .cancelled: ExitStatus.interrupted
        case .configuration: ExitStatus.usage
        default: ExitStatus.failure
        }
    }
}
