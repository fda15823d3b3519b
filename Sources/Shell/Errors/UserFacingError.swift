/// An error a user can act on (docs/architecture.md §5.4): what happened, how to fix it, and where. The drivers print
/// these through ``DiagnosticPrinter``; any other error reaching them is an internal bug and says so.
///
/// `Client`'s errors conform in `Commands` (Shell knows nothing of HTTP); the interpreter turns every such error
/// into a ``ShellError`` at the command that raised it, so that it gains a place in the source.
package protocol UserFacingError: Error {
    /// What went wrong, with specifics (for a request: its line, status and the server's message).
    var userMessage: String { get }
    var hint: String? { get }
    /// The error's code as `try`/`catch` shows it: `"http"`, `"syntax"`, `"unknown-command"`…
    var codeName: String { get }
    /// The HTTP status, for errors that came with a response.
    var httpStatus: Int? { get }
    /// The process exit status a script ends with when this error stops it (README, "Exit codes").
    var exitStatus: Int32 { get }
}
