import Foundation

/// The user's home: `$HOME`, as every Unix tool reads it, else the password database's. Foundation on Linux reads
/// only the latter for root (NSHomeDirectory, `~` expansion), so `HOME=/tmp/x ccsh` would have read /root's config.
package enum HomeDirectory {
    package static func path(environment: [String: String] = ProcessEnvironment.snapshot) -> String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }

    /// `~` and `~/…` on the home above; `~user/…` through Foundation; anything else unchanged.
    package static func expanding(_ path: String, environment: [String: String] = ProcessEnvironment.snapshot) -> String {
        if path == "~" { return Self.path(environment: environment) }
        if path.hasPrefix("~/") { return Self.path(environment: environment) + path.dropFirst() }
        return path.hasPrefix("~") ? (path as NSString).expandingTildeInPath : path
    }
}
