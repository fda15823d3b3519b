import Foundation

/// Where ccsh keeps what it learns at run time (tokens, the vehicle cache, the bundled sandbox's state):
/// `$XDG_STATE_HOME/ccsh`, or `~/.local/state/ccsh` when the variable is unset or empty (XDG Base Directory).
package enum StateDirectory {
    package static func url(environment: [String: String] = ProcessEnvironment.snapshot) -> URL {
        let state =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: HomeDirectory.path(environment: environment)).appendingPathComponent(".local/state")
        return state.appendingPathComponent("ccsh")
    }
}
