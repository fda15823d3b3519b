import Client
import Foundation
import Shell

/// What `doctor` checks, in the order a first request needs it (docs/api.md §14: set-up is what users of this API
/// trip over most): the config and the profile, brand/realm/client_id, every secret source, the client
/// certificate, its dates and key, the CA file — then, on the network, the API host, a TLS handshake with the
/// client certificate, the IDP, the clock, and the stored tokens. A check whose cause already failed is skipped,
/// so a broken set-up shows one failing line, naming the cause and the fix. Secrets are resolved, never shown.
struct Checkup {
    let book: ProfileBook
    /// `--profile`, else the profile in use; nil: the one a command would open.
    let profileName: String?
    /// Reads a `prompt` secret without echo; nil when there is no terminal.
    let ask: ((String) -> String?)?
    var now = Date()

    /// A certificate expiring sooner than this is a warning.
    static let renewalWindow: Double = 30 * 86400
    /// The largest difference between this machine's clock and the server's that is fine.
    static let clockTolerance: Double = 60

    /// Every finding, in order.
    func run() -> [Finding] {
        var findings: [Finding] = []
        let profile: Profile
        let bundled: Bool
        do {
            profile = try profileName.map(book.profile(named:)) ?? book.selected(flag: nil)
            // `ccsh --sandbox`'s profile is in no config file.
            let configuration = try? book.configuration()
            bundled = configuration?.profiles.contains { $0.name == profile.name } != true
            findings.append(.ok("config", Self.configDetail(profile, bundled ? nil : configuration, file: book.configFile)))
        } catch {
            let error = ClientError.wrapping(error)
            findings.append(.fail("config", "\(error.request): \(error.message)", hint: error.hint))
            return findings
        }
        findings.append(Self.brandAndRealm(profile))
        findings.append(Self.clientID(profile.clientID))
        var tls = profile.tls
        let secretSource = bundled ? "held by the bundled sandbox" : nil
        findings.append(
            secretFinding("client_secret", profile.clientSecret, source: secretSource) { () throws(ClientError) in
                _ = try book.clientSecret(of: profile, ask: ask)
            })
        if let source = profile.keyPassword {
            findings.append(
                secretFinding("key_password", source, source: nil) { () throws(ClientError) in
                    tls.keyPassword = try book.keyPassword(of: profile, ask: ask)
                })
        }
        let credentials = certificateFindings(tls) + [Self.caFile(tls)]
        findings += credentials
        // What TLS needs: a failure there would fail the handshake for the same reason.
        let tlsFailure = (findings.filter { $0.check == "key_password" } + credentials).first { $0.result == .fail }
        findings += Network(profile: profile, tls: tls, now: now).findings(skippingTLSBecause: tlsFailure.map { "\($0.check) failed" })
        findings.append(tokens(profile))
        return findings
    }

    /// Where the profile comes from, and the config's warnings; `configuration` nil: the bundled sandbox's.
    private static func configDetail(_ profile: Profile, _ configuration: Configuration?, file: URL) -> String {
        guard let configuration else { return "profile '\(profile.name)' of the bundled sandbox" }
        return (["profile '\(profile.name)' in \(shortPath(file.path))"] + configuration.warnings).joined(separator: "; ")
    }

    /// The realm is one of the brand's two (docs/api.md §3.2).
    static func brandAndRealm(_ profile: Profile) -> Finding {
        let brand = profile.brand
        if profile.realm == brand.realm || profile.realm == brand.otpRealm {
            return .ok("brand and realm", "\(brand.name), realm \(profile.realm)")
        }
        if let owner = Brand.all.first(where: { $0.realm == profile.realm || $0.otpRealm == profile.realm }) {
            return .fail(
                "brand and realm", "realm \(profile.realm) is \(owner.name)'s, and the profile's brand is \(brand.name)",
                hint: "remove `realm` from the profile (it follows the brand), or set brand = \"\(owner.key)\" if the account is \(owner.name)'s")
        }
        return .fail(
            "brand and realm", "realm \(profile.realm) is no brand's realm (\(brand.name)'s is \(brand.realm))",
            hint: "remove `realm` from the profile: it follows the brand")
    }

    /// The API's `client_id` pattern is `([0-9a-fA-F]|-|_)*`; real ones are UUIDs (docs/api.md §3.1).
    static func clientID(_ id: String) -> Finding {
        let allowed = id.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || $0 == "-" || $0 == "_" }
        guard allowed, !id.isEmpty else {
            return .fail(
                "client_id", "'\(id)' has characters the API refuses (it takes hex digits, - and _)",
                hint: "copy the client id of your application from the Stellantis developer portal")
        }
        guard UUID(uuidString: id) != nil else {
            return .warn("client_id", "\(id.count) characters; real client ids are UUIDs (36)", hint: "check it against the developer portal")
        }
        return .ok("client_id", "a UUID, as the API's are")
    }

    /// Resolves a secret (running its command, reading its file…) to prove it can be; says only where it comes from.
    private func secretFinding(_ name: String, _ secret: Secret, source: String?, resolve: () throws(ClientError) -> Void) -> Finding {
        do {
            try resolve()
            return .ok(name, source ?? (secret.isLiteral ? "written in the config" : "from \(secret.description)"))
        } catch {
            return .fail(name, error.message, hint: error.hint)
        }
    }
}

extension ClientError {
    /// `error` as a ClientError (the profile book throws nothing else; anything else keeps its description).
    static func wrapping(_ error: any Error) -> ClientError {
        error as? ClientError ?? ClientError(code: .configuration, request: "config", message: "\(error)")
    }
}
