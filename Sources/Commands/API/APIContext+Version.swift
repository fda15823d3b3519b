import APIContract
import Shell

extension APIContext {
    /// The API version commands speak: `--api-version` or `set api-version`, else the profile's `api_version`.
    package var apiVersion: APIVersion { apiVersionOverride ?? (try? session)?.profile.apiVersion ?? .v40 }

    /// Fails a command that exists in one version of the API only, saying which and how to switch.
    func require(_ versions: Set<APIVersion>, _ call: Call) throws {
        let speaking = apiVersion
        guard !versions.contains(speaking), let version = versions.first else { return }
        let profile = (try? session).map { "profile '\($0.profile.name)'" } ?? "this session"
        let since =
            version == .v417 ? "exists from API 4.10 on (callbacks, remote actions and alarms came with 4.10–4.17)" : "exists in API v4.0 only"
        throw call.error(
            "'\(call.name)' \(since), and \(profile) speaks \(speaking.rawValue)",
            hint: "`set api-version \(version.rawValue)` for this session, or api_version = \"\(version.rawValue)\" in the profile "
                + "(`profile add NAME … --api-version \(version.rawValue)`)")
    }
}
