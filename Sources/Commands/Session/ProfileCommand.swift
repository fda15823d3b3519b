import APIContract
import Client
import Foundation
import Shell

/// `profile list|show|use|add|remove`: the profiles of `config.toml` (and `sandbox` under `ccsh --sandbox`). Secrets
/// are never shown: a literal one reads `***`, `env:NAME`, `file:PATH` and `cmd:PROGRAM …` say where it comes from.
struct ProfileCommand: Command {
    enum Action: String, CaseIterable { case list, show, use, add, remove }

    let api: APIContext
    let action: Action

    /// `profile add` flags: TOML key, flag, help.
    static let fields: [(key: String, flag: String, help: String)] = [
        ("brand", "brand", "peugeot, citroen, ds, opel or vauxhall (required)."),
        ("client_id", "client-id", "The application's client id (required)."),
        (
            "client_secret", "client-secret",
            "Where the client secret comes from: env:NAME, file:PATH, cmd:COMMAND or prompt (never the secret itself)."
        ),
        ("cert", "cert", "The client certificate (PEM, or .p12/.pfx)."),
        ("key", "key", "The certificate's private key (PEM)."),
        ("key_password", "key-password", "Where the key password comes from: env:NAME, file:PATH, cmd:COMMAND or prompt."),
        ("cacert", "cacert", "CA certificates to trust instead of the system's."),
        ("realm", "realm", "The realm (default: the brand's)."),
        ("api_base", "api-base", "The API base URL (default: production's)."),
        ("idp_base", "idp-base", "The OAuth2 base URL (default: the brand's)."),
        ("locale", "locale", "Default language of texts, e.g. fr-FR."),
        ("redirect_uri", "redirect-uri", "The OAuth2 redirect URI (default: the brand's)."),
        ("api_version", "api-version", "The API version the account speaks: 4.0 (default, the seed's) or 4.17."),
        ("remote_callback", "remote-callback", "The callback id remote actions report to (default: one ccsh creates)."),
    ]

    var signature: Signature {
        switch action {
        case .list:
            return Signature("profile list", summary: "List the profiles: the one in use, and the default.")
                .example("profile list | select name brand current", "Which profile is in use.")
                .output("list of records")
        case .show:
            return Signature("profile show", summary: "Show a profile (the one in use by default), secrets redacted.")
                .optional("name", .kind(.profile), "The profile.")
                .example("profile show | get api_base", "Where requests go.")
                .output("record")
        case .use:
            return Signature("profile use", summary: "Switch this session to another profile.")
                .required("name", .kind(.profile), "The profile.")
                .example("profile use sandbox | get name", "Back to the sandbox.", result: "sandbox")
                .output("record: the profile now in use")
        case .add:
            var signature = Signature(
                "profile add", summary: "Add a profile to config.toml (mode 0600); secrets as env:NAME, file:PATH, cmd:COMMAND or prompt."
            )
            .required("name", .string, "The new profile's name.")
            // `--api-version 4.17` is a number to the lexer: the flag takes either, as text.
            for field in Self.fields { signature = signature.flag(field.flag, field.key == "api_version" ? .any : .string, field.help) }
            return signature.example(
                "profile add work --brand peugeot --client-id abc --client-secret env:WORK_SECRET --cert ~/c.pem --key ~/k.pem | get name",
                "A Peugeot profile whose secret comes from $WORK_SECRET."
            )
            .output("record: the new profile")
        case .remove:
            return Signature("profile remove", summary: "Remove a profile from config.toml and delete its stored tokens.")
                .required("name", .kind(.profile), "The profile.")
                .example("profile remove work", "Forget the work profile.")
        }
    }

    /// `profile list` rows (the details of `profile show` read best as the generic record).
    var view: View? {
        guard action == .list else { return nil }
        return View("profile", matching: .fields(["name", "brand", "realm", "client_id", "current", "default"]))
            .column(
                "profile",
                .custom { record, _ in
                    record.string("name").map {
                        Cell($0 + (record.bool("current") == true ? " (current)" : ""), record.bool("current") == true ? .good : nil)
                    }
                }
            )
            .column("brand", .text("brand"))
            .column("realm", .text("realm"))
            .column("default", .yesNo("default", yes: "default"))
            .column("client id", .identifier("client_id"), priority: 2)
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        guard let book = api.profiles else {
            throw call.error("profiles are not available in this shell", hint: "start ccsh itself, with a config file or --sandbox")
        }
        let current = (try? api.session)?.profile.name
        switch action {
        case .list:
            let defaultName = try? book.configuration().defaultProfile
            return .value(.list(try book.all().map { Self.row($0, current: current, defaultName: defaultName) }))
        case .show:
            guard let name = call.string("name") ?? current else {
                throw call.error("no profile is in use", hint: "name one: `profile show NAME`", code: .badArgument)
            }
            return .value(Self.details(try book.profile(named: name), current: current, book: book))
        case .use:
            let profile = try book.profile(named: call.string("name") ?? "")
            api.use(try book.open(profile, ask: context.interpreter.ask.map { ask in { ask($0, true) } }))
            return .value(Self.details(profile, current: profile.name, book: book))
        case .add:
            let name = call.string("name") ?? ""
            var fields: [(key: String, value: String)] = []
            for field in Self.fields {
                guard let value = call.value(field.flag)?.text else { continue }
                if field.key == "api_version", APIVersion(rawValue: value) == nil {
                    throw call.error(
                        "--api-version: '\(value)' is not an API version ccsh speaks", hint: "4.0 (the seed's) or 4.17 (today's)",
                        argument: field.flag,
                        code: .badArgument)
                }
                if field.key.hasSuffix("secret") || field.key.hasSuffix("password"), Secret(value).isLiteral {
                    var error = call.error(
                        "--\(field.flag) takes where the secret comes from, not the secret", hint: "write env:NAME, file:PATH, cmd:COMMAND or prompt",
                        argument: field.flag, code: .badArgument)
                    error.concealed = call.flagValues[field.flag]?.last?.range
                    throw error
                }
                fields.append((field.key, value))
            }
            try book.add(name, fields: fields)
            return .value(Self.details(try book.profile(named: name), current: current, book: book))
        case .remove:
            let name = call.string("name") ?? ""
            if name == current {
                throw call.error("'\(name)' is in use", hint: "switch first: `profile use OTHER`", argument: "name", code: .badArgument)
            }
            try book.remove(name)
            return .empty
        }
    }

    private static func row(_ profile: Profile, current: String?, defaultName: String?) -> Value {
        .record(
            Record([
                .init(name: "name", value: .string(profile.name)), .init(name: "brand", value: .string(profile.brand.name)),
                .init(name: "realm", value: .string(profile.realm)), .init(name: "client_id", value: .string(profile.clientID)),
                .init(name: "current", value: .bool(profile.name == current)), .init(name: "default", value: .bool(profile.name == defaultName)),
            ]))
    }

    /// Every setting of a profile; a literal secret is `***` (``Redaction``), others say where they come from.
    private static func details(_ profile: Profile, current: String?, book: ProfileBook) -> Value {
        func secret(_ secret: Secret?) -> Value {
            guard let secret else { return .null }
            return .string(secret.isLiteral ? Redaction.mark : secret.description)
        }
        let tokens = try? TokenStore(directory: book.tokenDirectory, profile: profile.name).read()
        return .record(
            Record([
                .init(name: "name", value: .string(profile.name)), .init(name: "current", value: .bool(profile.name == current)),
                .init(name: "brand", value: .string(profile.brand.name)), .init(name: "realm", value: .string(profile.realm)),
                .init(name: "api_base", value: .string(profile.apiBase)), .init(name: "idp_base", value: .string(profile.idpBase)),
                .init(name: "client_id", value: .string(profile.clientID)), .init(name: "client_secret", value: secret(profile.clientSecret)),
                .init(name: "cert", value: profile.tls.certificateFile.map(Value.string) ?? .null),
                .init(name: "key", value: profile.tls.keyFile.map(Value.string) ?? .null),
                .init(name: "key_password", value: secret(profile.keyPassword)),
                .init(name: "cacert", value: profile.tls.caFile.map(Value.string) ?? .null),
                .init(name: "locale", value: profile.locale.map(Value.string) ?? .null),
                .init(name: "redirect_uri", value: .string(profile.redirectURI)),
                .init(name: "api_version", value: .string(profile.apiVersion.rawValue)),
                .init(name: "remote_callback", value: profile.remoteCallback.map(Value.string) ?? .null),
                .init(name: "logged_in", value: .bool((tokens ?? nil) != nil)),
            ]))
    }
}
