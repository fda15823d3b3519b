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
        guard let (profile, tokens) = currentProfile else { return nil }
        return SessionSummary(profile: profile.name, brand: profile.brand.key, isLoggedIn: FileManager.default.fileExists(atPath: tokens.file.path))
    }

    /// The profile in use (the open session's, or the one a command would open, not opened) and its token store.
    var currentProfile: (Profile, TokenStore)? {
        if let open = openSession { return (open.profile, open.keeper.store) }
        guard let profiles, let profile = try? profiles.selected(flag: pendingProfile) else { return nil }
        return (profile, TokenStore(directory: profiles.tokenDirectory, profile: profile.name))
    }
}
