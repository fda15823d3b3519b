import APIContract
import Foundation
import TOMLKit

/// `config.toml`: named profiles and the default one.
///
/// ```toml
/// default_profile = "mine"
/// [profiles.mine]
/// brand = "peugeot"
/// client_id = "…"
/// client_secret = "env:CCSH_CLIENT_SECRET"
/// cert = "~/certs/client.crt"
/// ```
/// Errors name the file, the line and the key. A file holding a literal secret while readable by group or
/// others yields a warning.
package struct Configuration: Sendable {
    package var defaultProfile: String?
    /// Profiles in file order.
    package var profiles: [Profile]
    package var warnings: [String] = []
    /// The file it was read from (named when it has no profile).
    package var file = ""

    /// The keys a profile may have.
    static let profileKeys = [
        "brand", "realm", "api_base", "idp_base", "client_id", "client_secret", "cert", "key", "key_password", "cacert", "locale",
        "redirect_uri", "insecure", "api_version", "remote_callback", "db",
    ]

    /// `$CCSH_CONFIG`, else `$XDG_CONFIG_HOME/ccsh/config.toml`, else `~/.config/ccsh/config.toml`.
    package static func path(environment: [String: String] = ProcessEnvironment.snapshot) -> URL {
        if let path = environment["CCSH_CONFIG"], !path.isEmpty {
            return URL(fileURLWithPath: HomeDirectory.expanding(path, environment: environment))
        }
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: HomeDirectory.path(environment: environment)).appendingPathComponent(".config")
        return base.appendingPathComponent("ccsh/config.toml")
    }

    /// Reads and checks a config file.
    package static func load(from url: URL) throws(ClientError) -> Configuration {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw ClientError(
                code: .configuration, request: url.path, message: "cannot read the config file",
                hint: "create it (see the README) or set CCSH_CONFIG")
        }
        var configuration = try parse(text, file: url.path)
        // stat(2), not FileManager's attributes, which also look the owner and group names up in the user database.
        var info = stat()
        let mode = stat(url.path, &info) == 0 ? Int(info.st_mode) : 0
        if mode & 0o077 != 0, let holder = configuration.profiles.first(where: { $0.clientSecret.isLiteral || $0.keyPassword?.isLiteral == true }) {
            configuration.warnings.append(
                "\(url.path) holds a literal secret (profile \(holder.name)) and is readable by others: run chmod 600 \(url.path), "
                    + "or use env:NAME / file:PATH / cmd:COMMAND")
        }
        return configuration
    }

    /// Parses config text; `file` names it in errors.
    package static func parse(_ text: String, file: String) throws(ClientError) -> Configuration {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ClientError(
                code: .configuration, request: "\(file):\(error.source.begin.line):\(error.source.begin.column)", message: error.description,
                hint: "fix that line (TOML: key = \"value\", quotes closed), or move the file away and use `profile add`")
        } catch {
            throw ClientError(code: .configuration, request: file, message: "not a TOML file")
        }
        let lines = KeyLines(text)
        func fail(_ table: String?, _ key: String, _ message: String, hint: String? = nil) -> ClientError {
            let line = lines.line(of: key, in: table).map { ":\($0)" } ?? ""
            let name = table.map { "\($0).\(key)" } ?? key
            return ClientError(code: .configuration, request: "\(file)\(line)", message: "\(name): \(message)", hint: hint)
        }
        // `[tariffs.NAME]` and `[emissions]` are the history's (docs/history.md, "Tariffs and costs", "Efficiency and
        // health"), read by the commands that use them.
        for key in table.keys where !["default_profile", "profiles", "tariffs", "emissions"].contains(key) {
            throw fail(
                nil, key, "unknown setting", hint: "the top level has default_profile, [profiles.NAME], [tariffs.NAME] and [emissions] tables")
        }
        var defaultProfile: String?
        if let value = table["default_profile"] {
            guard let name = value.string else { throw fail(nil, "default_profile", "expected a string") }
            defaultProfile = name
        }
        var profiles: [Profile] = []
        if let value = table["profiles"] {
            guard let section = value.table else { throw fail(nil, "profiles", "expected [profiles.NAME] tables") }
            for name in lines.order(of: "profiles", section.keys) {
                guard let entry = section[name]?.table else { throw fail("profiles", name, "expected a [profiles.\(name)] table") }
                profiles.append(try profile(name, entry, fail: { key, message, hint in fail("profiles.\(name)", key, message, hint: hint) }))
            }
        }
        if let name = defaultProfile, !profiles.contains(where: { $0.name == name }) {
            throw fail(nil, "default_profile", "no profile is named '\(name)'", hint: "profiles: \(profiles.map(\.name).joined(separator: ", "))")
        }
        return Configuration(defaultProfile: defaultProfile, profiles: profiles, file: file)
    }

    private static func profile(
        _ name: String, _ entry: TOMLTable, fail: (String, String, String?) -> ClientError
    ) throws(ClientError) -> Profile {
        for key in entry.keys where !profileKeys.contains(key) {
            let guess = profileKeys.min { EditDistance.between($0, key) < EditDistance.between($1, key) }
            throw fail(key, "unknown setting", guess.map { "did you mean \($0)?" })
        }
        func string(_ key: String, required: Bool = false) throws(ClientError) -> String? {
            guard let value = entry[key] else {
                if required { throw fail(key, "is required", nil) }
                return nil
            }
            guard let text = value.string, !text.isEmpty else { throw fail(key, "expected a non-empty string", nil) }
            return text
        }
        func path(_ key: String) throws(ClientError) -> String? { try string(key).map { HomeDirectory.expanding($0) } }
        func url(_ key: String) throws(ClientError) -> String? {
            guard let text = try string(key) else { return nil }
            guard text.hasPrefix("https://") || text.hasPrefix("http://") else { throw fail(key, "'\(text)' is not an http(s) URL", nil) }
            return text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        guard let brandName = try string("brand", required: true), let brand = Brand.named(brandName) else {
            throw fail("brand", "'\(entry["brand"]?.string ?? "")' is not a brand", "one of \(Brand.all.map(\.key).joined(separator: ", "))")
        }
        var insecure = false
        if let value = entry["insecure"] {
            guard let flag = value.bool else { throw fail("insecure", "expected true or false", nil) }
            insecure = flag
        }
        var apiVersion = APIVersion.v40
        // `api_version = 4.17` without quotes is a TOML float; it means the same.
        var written = entry["api_version"]?.double.map { String($0) }
        if written == nil { written = try string("api_version") }
        if let text = written {
            guard let version = APIVersion(rawValue: text) else {
                throw fail("api_version", "'\(text)' is not an API version ccsh speaks", "write \"4.0\" (the seed's) or \"4.17\" (today's)")
            }
            apiVersion = version
        }
        let tls = TLSOptions(caFile: try path("cacert"), certificateFile: try path("cert"), keyFile: try path("key"), insecure: insecure)
        return Profile(
            name: name, brand: brand, realm: try string("realm"), apiBase: try url("api_base"), idpBase: try url("idp_base"),
            clientID: try string("client_id", required: true) ?? "", clientSecret: Secret(try string("client_secret", required: true) ?? ""),
            tls: tls, keyPassword: try string("key_password").map(Secret.init), locale: try string("locale"),
            redirectURI: try string("redirect_uri"), apiVersion: apiVersion, remoteCallback: try string("remote_callback"),
            database: try path("db"))
    }

    /// The profile to use: the `--profile` flag, else `$CCSH_PROFILE`, else `default_profile`, else the only one.
    package func profile(
        named flag: String?, environment: [String: String] = ProcessEnvironment.snapshot
    ) throws(ClientError) -> Profile {
        let wanted = flag ?? environment["CCSH_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultProfile
        if let wanted {
            guard let profile = profiles.first(where: { $0.name == wanted }) else {
                throw ClientError(
                    code: .configuration, request: "profile", message: "no profile is named '\(wanted)'",
                    hint: profiles.isEmpty
                        ? "add a [profiles.\(wanted)] table to the config" : "profiles: \(profiles.map(\.name).joined(separator: ", "))")
            }
            return profile
        }
        guard !profiles.isEmpty else {
            throw ClientError(
                code: .configuration, request: "profile", message: "no profile is set up\(file.isEmpty ? "" : " in \(file)")",
                hint: "add one with `profile add NAME --brand … --client-id … --client-secret env:VAR --cert … --key …` (`help profile`), "
                    + "try the bundled sandbox with `ccsh --sandbox`, and check a set-up with `ccsh doctor`")
        }
        guard profiles.count == 1, let only = profiles.first else {
            throw ClientError(
                code: .configuration, request: "profile", message: "several profiles and no default",
                hint: "set default_profile, CCSH_PROFILE or --profile")
        }
        return only
    }
}

/// Where keys stand in the config text, for error messages (TOMLKit reports positions only for syntax errors).
package struct KeyLines {
    /// (table, key) → 1-based line.
    private var lines: [String: Int] = [:]
    private var tables: [String] = []

    package init(_ text: String) {
        var table: String?
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Self.trimmed(raw)
            if line.hasPrefix("["), let end = line.firstIndex(of: "]") {
                let name = Self.trimmed(line[line.index(after: line.startIndex)..<end]).filter { $0 != "\"" }
                table = name
                tables.append(name)
                lines["\u{1F}\(name)"] = lines["\u{1F}\(name)"] ?? n + 1
                // `[profiles.mine]` also stands for the key `mine` of the table `profiles`.
                if let dot = name.firstIndex(of: ".") {
                    let key = "\(name[..<dot])\u{1F}\(name[name.index(after: dot)...])"
                    lines[key] = lines[key] ?? n + 1
                }
                continue
            }
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            let key = Self.trimmed(line[..<equals]).filter { $0 != "\"" }
            lines["\(table ?? "")\u{1F}\(key)"] = lines["\(table ?? "")\u{1F}\(key)"] ?? n + 1
        }
    }

    /// `text` without spaces and tabs around it (plain Swift: Foundation's trimming costs its setup at every start).
    private static func trimmed(_ text: Substring) -> Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) }) else { return "" }
        return text[first...last]
    }

    /// The key's line, or the line of its table's header when the key is missing.
    package func line(of key: String, in table: String?) -> Int? { lines["\(table ?? "")\u{1F}\(key)"] ?? table.flatMap { lines["\u{1F}\($0)"] } }

    /// The names of a section's tables (`profiles`, `tariffs`) in the order they appear (TOMLKit's key order is not
    /// the file's).
    package func order(of section: String, _ names: [String]) -> [String] {
        let ordered = tables.compactMap { $0.hasPrefix(section + ".") ? String($0.dropFirst(section.count + 1)) : nil }.filter(names.contains)
        return ordered + names.filter { !ordered.contains($0) }.sorted()
    }
}
