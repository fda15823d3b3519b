import Client
import Foundation

extension APIContext {
    /// Whether `line` holds a secret seen in this session — a password typed for `login --user`, the session's
    /// tokens, client secret or key password, or the tokens stored for the profile not yet opened — so that the
    /// interactive shell keeps it out of its history.
    package func isRevealed(in line: String) -> Bool {
        if typedSecrets.contains(where: { line.contains($0) }) { return true }
        if let open = openSession { return open.isRevealed(in: line) }
        guard let profiles, let profile = try? profiles.selected(flag: pendingProfile),
            let tokens = try? TokenStore(directory: profiles.tokenDirectory, profile: profile.name).read()
        else { return false }
        return ([tokens.accessToken] + [tokens.refreshToken].compactMap { $0 }).contains { $0.count >= 4 && line.contains($0) }
    }
}
