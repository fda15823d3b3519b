import Commands
import Foundation
import Shell

extension CommandRegistry {
    /// Every command, with a context that never opens a session: for what only asks their signatures (the man page,
    /// the hint that `ccsh vehicles` names a command, not a script).
    static func offline() -> CommandRegistry {
        let api = APIContext(profile: nil, cacheDirectory: FileManager.default.temporaryDirectory) {
            throw UsageError("this context opens no session", showsUsage: false)
        }
        return CommandRegistry.standard(api: api)
    }
}
