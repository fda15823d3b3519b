import Client
import Foundation

/// What the interactive prompt shows about the session: the profile in use and its brand, and whether tokens are
/// stored for it.
package struct SessionSummary: Equatable, Sendable {
    package var profile: String
    package var brand: String
    package var isLoggedIn: Bool
}

extension APIContext {
    /// The profile in use, or the one a command would open, without opening it (no secret is asked for); nil
    /// when there is none (no config file, or no default). Reads `config.toml` and checks the token file: well
    /// under a millisecond, so it can run before every prompt.
    package var summary: SessionSummary? {
        if let open = openSession {
            return SessionSummary(
                profile: open.profile.name, brand: open.profile.brand.key,
                isLoggedIn: FileManager.default.fileExists(atPath: open.keeper.store.file.path))
        }
        guard let profiles, let profile = try? profiles.selected(flag: pendingProfile) else { return nil }
        let tokens = TokenStore(directory: profiles.tokenDirectory, profile: profile.name)
        return SessionSummary(profile: profile.name, brand: profile.brand.key, isLoggedIn: FileManager.default.fileExists(atPath: tokens.file.path))
    }
}
