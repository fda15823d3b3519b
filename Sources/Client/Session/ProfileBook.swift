import Foundation

/// The profiles ccsh can use: the tables of `config.toml` (read afresh each time, so an edit shows at once), plus
/// the `sandbox` profile under `ccsh --sandbox`. Opens sessions on them (resolving `env:`, `file:` and `prompt`
/// secrets), and adds or removes profiles by editing the file as text — comments and order stay — written
/// atomically with mode 0600 (``ConfigFile``), each edit read, changed and written under the file's lock, so that
/// two ccsh adding profiles at once both land.
package final class ProfileBook {
    package let configFile: URL
    package let tokenDirectory: URL
    private let environment: [String: String]
    /// The bundled sandbox's profile and secret, under `ccsh --sandbox`.
    private let sandbox: (profile: Profile, secret: String)?
    /// Stops the transfers of every session opened here (Ctrl-C in the executable).
    package var cancellation: Cancellation?

    package init(
        configFile: URL, tokenDirectory: URL, environment: [String: String] = ProcessEnvironment.snapshot,
        sandbox: (profile: Profile, secret: String)? = nil
    ) {
        self.configFile = configFile
        self.tokenDirectory = tokenDirectory
        self.environment = environment
        self.sandbox = sandbox
    }

    /// The config file's contents; an absent file is an empty configuration.
    package func configuration() throws -> Configuration {
        guard FileManager.default.fileExists(atPath: configFile.path) else { return try Configuration.parse("", file: configFile.path) }
        return try Configuration.load(from: configFile)
    }

    /// Every profile: the sandbox's first, then the file's in order.
    package func all() throws -> [Profile] {
        (sandbox.map { [$0.profile] } ?? []) + (try configuration().profiles)
    }

    /// The profile to start with: the sandbox's under `--sandbox`, else `--profile`, `$CCSH_PROFILE`,
    /// `default_profile` or the only one.
    package func selected(flag: String?) throws -> Profile {
        if let sandbox, flag == nil || flag == sandbox.profile.name { return sandbox.profile }
        return try configuration().profile(named: flag, environment: environment)
    }

    /// The profile named `name`, or an error listing the others.
    package func profile(named name: String) throws -> Profile {
        let profiles = try all()
        guard let profile = profiles.first(where: { $0.name == name }) else {
            throw ClientError(
                code: .configuration, request: "profile", message: "no profile is named '\(name)'",
                hint: profiles.isEmpty ? "add one with `profile add`" : "profiles: " + profiles.map(\.name).joined(separator: ", "))
        }
        return profile
    }

    /// A session on `profile`, its secrets resolved (`ask` reads a `prompt` secret without echo).
    package func open(_ profile: Profile, ask: ((String) -> String?)? = nil) throws -> Session {
        let secret = try clientSecret(of: profile, ask: ask)
        var tls = profile.tls
        tls.keyPassword = try keyPassword(of: profile, ask: ask)
        return try Session(profile: profile, clientSecret: secret, tls: tls, tokenDirectory: tokenDirectory, cancellation: cancellation)
    }

    /// The profile's client secret, from wherever it comes (the bundled sandbox's is held in memory).
    package func clientSecret(of profile: Profile, ask: ((String) -> String?)? = nil) throws(ClientError) -> String {
        if let sandbox, profile.name == sandbox.profile.name { return sandbox.secret }
        return try profile.clientSecret.resolve(named: "client_secret", environment: environment, ask: ask)
    }

    /// The profile's key password, when it has one.
    package func keyPassword(of profile: Profile, ask: ((String) -> String?)? = nil) throws(ClientError) -> String? {
        if let sandbox, profile.name == sandbox.profile.name { return profile.tls.keyPassword }
        return try profile.keyPassword?.resolve(named: "key_password", environment: environment, ask: ask)
    }

    // MARK: Editing config.toml

    /// Appends `[profiles.NAME]` with `fields` (TOML keys and values, in order) and checks that the file still reads.
    package func add(_ name: String, fields: [(key: String, value: String)]) throws {
        try ConfigFile(configFile).edit { existing in
            let probe = try? Configuration.parse(existing, file: configFile.path)
            if probe?.profiles.contains(where: { $0.name == name }) == true || sandbox?.profile.name == name {
                throw ClientError(
                    code: .configuration, request: "profile", message: "a profile is already named '\(name)'",
                    hint: "remove it first (`profile remove \(name)`) or pick another name")
            }
            let text = ConfigFile.appending(
                "profiles.\(ConfigFile.key(name))", fields: fields.map { ($0.key, ConfigFile.quoted($0.value)) }, to: existing)
            _ = try Configuration.parse(text, file: configFile.path).profile(named: name)
            return text
        }
    }

    /// Removes the `[profiles.NAME]` table (up to the next table) and the profile's stored tokens.
    package func remove(_ name: String) throws {
        try ConfigFile(configFile).edit { text in
            guard let kept = ConfigFile.removing(section: "profiles", name: name, from: text) else {
                throw ClientError(
                    code: .configuration, request: "profile",
                    message: sandbox?.profile.name == name ? "the sandbox profile is not in the config file" : "no profile is named '\(name)'",
                    hint: "`profile list` shows the profiles")
            }
            return kept
        }
        TokenStore(directory: tokenDirectory, profile: name).delete()
    }
}
