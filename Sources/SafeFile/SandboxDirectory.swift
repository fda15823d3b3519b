import Foundation

/// How processes share one sandbox state directory: one `ccsh-sandbox` holds it, any number of `ccsh --sandbox` use
/// it. The sandbox takes ``instance`` for its whole life (a second one on the same directory is refused) and
/// writes ``readyFile`` once it serves; each ccsh that uses it holds ``users`` shared, and a sandbox whose
/// parent is gone goes on serving until it can take ``users`` alone.
package struct SandboxDirectory: Sendable {
    package let path: String

    package init(_ path: String) { self.path = path }

    /// Locked (exclusively) by the running sandbox: `DIR/.sandbox.json.lock`.
    package var instance: String { path + "/sandbox.json" }
    /// Written when the sandbox serves (its READY line), removed when a new one starts: `DIR/ready`.
    package var readyFile: String { path + "/ready" }
    /// Locked shared by each ccsh using the sandbox: `DIR/.users.lock`.
    package var users: String { path + "/users" }

    /// Whether a ccsh uses the sandbox now (holds ``users``).
    package var isUsed: Bool {
        do { return try FileLock(tryingFor: users) == nil } catch { return false }
    }

    /// Whether a sandbox holds the directory now (taking the lock for an instant tells; an error reads as not).
    package var isHeld: Bool {
        do { return try FileLock(tryingFor: instance) == nil } catch { return false }
    }
}
