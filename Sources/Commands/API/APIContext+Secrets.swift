import Client
import Foundation

extension APIContext {
    /// Whether `line` holds a secret seen in this session — a password typed for `login --user`, the session's
    /// tokens, client secret or key password, or the tokens stored for the profile not yet opened — so that the
    /// interactive shell keeps it out of its history.
    package func isRevealed(in line: String) -> Bool {
        if typedSecrets.contains(where: { Secret.appears($0, in: line) }) { return true }
        if let open = openSession { return open.isRevealed(in: line) }
        guard let stored = try? currentProfile?.1.read() else { return false }
        return stored.isRevealed(in: line)
    }
}
