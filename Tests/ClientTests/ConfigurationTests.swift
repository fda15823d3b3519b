import Client
import Foundation
import Testing

/// config.toml: profiles, defaults from the brand table, secret sources, and errors that name line and key.
struct ConfigurationTests {
    static let example = """
        default_profile = "mine"

        [profiles.mine]
        brand = "peugeot"
        client_id = "1eebc2d5-0000-4000-8000-000000000001"
        client_secret = "env:CCSH_CLIENT_SECRET"
        cert = "~/certs/client.crt"
        key = "~/certs/client.key"
        key_password = "file:~/certs/key.pass"
        cacert = "/etc/ccsh/ca.crt"
        locale = "fr-FR"
        db = "~/car/history.sqlite"

        [profiles.work]
        brand = "Vauxhall"
        realm = "OTPVauxhall"
        api_base = "https://api.groupe-psa.com/connectedcar/v4/"
        client_id = "abc"
        client_secret = "literal-secret"
        insecure = true
        """

    @Test("a full file: defaults come from the brand table, paths expand ~, order is kept")
    func example() throws {
        let configuration = try Configuration.parse(Self.example, file: "config.toml")
        #expect(configuration.profiles.map(\.name) == ["mine", "work"])
        let mine = try configuration.profile(named: nil, environment: [:])
        #expect(mine.name == "mine")
        #expect(mine.realm == "clientsB2CPeugeot")
        #expect(mine.apiBase == "https://api-cert.groupe-psa.com/connectedcar/v4")
        #expect(mine.idpBase == "https://idpcvs.peugeot.com/am/oauth2")
        #expect(mine.redirectURI == "mymap://oauth2redirect/fr")
        #expect(mine.clientSecret == .environment("CCSH_CLIENT_SECRET"))
        #expect(mine.keyPassword == .file(("~/certs/key.pass")))
        #expect(mine.tls.certificateFile == NSHomeDirectory() + "/certs/client.crt")
        #expect(mine.tls.insecure == false)
        #expect(mine.database == NSHomeDirectory() + "/car/history.sqlite")
        let work = try configuration.profile(named: "work", environment: [:])
        #expect(work.database == nil)
        #expect(work.brand.tld == "vauxhall.co.uk")
        #expect(work.realm == "OTPVauxhall")
        #expect(work.apiBase == "https://api.groupe-psa.com/connectedcar/v4")
        #expect(work.idpBase == "https://idpcvs.vauxhall.co.uk/am/oauth2")
        #expect(work.redirectURI == "mymvxsdk://oauth2redirect/gb")
        #expect(work.tls.insecure)
    }

    @Test("profile choice: --profile, then CCSH_PROFILE, then default_profile")
    func selection() throws {
        let configuration = try Configuration.parse(Self.example, file: "c")
        #expect(try configuration.profile(named: "work", environment: ["CCSH_PROFILE": "mine"]).name == "work")
        #expect(try configuration.profile(named: nil, environment: ["CCSH_PROFILE": "work"]).name == "work")
        let error = #expect(throws: ClientError.self) { try configuration.profile(named: "nope", environment: [:]) }
        #expect(error?.hint == "profiles: mine, work")
    }

    @Test(
        "errors name the file, the line and the key",
        arguments: [
            ("[profiles.a]\nbrand = \"fiat\"\nclient_id = \"x\"\nclient_secret = \"y\"", "c.toml:2", "profiles.a.brand", "one of peugeot"),
            ("[profiles.a]\nbrand = \"ds\"\nclient_secret = \"y\"", "c.toml:1", "profiles.a.client_id: is required", nil),
            (
                "[profiles.a]\nbrand = \"ds\"\nclient_id = \"x\"\nclient_secret = \"y\"\ncertificate = \"z\"", "c.toml:5", "unknown setting",
                "did you mean cert?"
            ),
            (
                "[profiles.a]\nbrand = \"ds\"\nclient_id = 42\nclient_secret = \"y\"", "c.toml:3",
                "profiles.a.client_id: expected a non-empty string", nil
            ),
            ("[profiles.a]\nbrand = \"ds\"\nclient_id = \"x\"\nclient_secret = \"y\"\ninsecure = \"yes\"", "c.toml:5", "expected true or false", nil),
            ("[profiles.a]\nbrand = \"ds\"\nclient_id = \"x\"\nclient_secret = \"y\"\napi_base = \"ftp://x\"", "c.toml:5", "not an http(s) URL", nil),
            (
                "default_profile = \"b\"\n[profiles.a]\nbrand = \"ds\"\nclient_id = \"x\"\nclient_secret = \"y\"", "c.toml:1",
                "no profile is named 'b'", nil
            ),
            ("[profiles.a]\nbrand = \"ds\nclient_id = \"x\"", "c.toml:2:", "", "fix that line"),
        ] as [(String, String, String, String?)])
    func errors(text: String, place: String, message: String, hint: String?) {
        let error = #expect(throws: ClientError.self) { try Configuration.parse(text, file: "c.toml") }
        #expect(error?.code == .configuration)
        #expect(error?.request.hasPrefix(place) == true, "\(error?.request ?? "")")
        if !message.isEmpty { #expect(error?.message.contains(message) == true, "\(error?.message ?? "")") }
        if let hint { #expect(error?.hint?.contains(hint) == true, "\(error?.hint ?? "")") }
    }

    @Test("secret sources: literal, env:, file:, prompt")
    func secrets() throws {
        #expect(try Secret("abc").resolve(named: "s") == "abc")
        #expect(try Secret("env:X").resolve(named: "s", environment: ["X": "from-env"]) == "from-env")
        let missing = #expect(throws: ClientError.self) { try Secret("env:NOPE").resolve(named: "client_secret", environment: [:]) }
        #expect(missing?.message.contains("$NOPE") == true)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID())")
        try "from-file\nsecond line\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try Secret("file:\(file.path)").resolve(named: "s") == "from-file")
        #expect(try Secret("prompt").resolve(named: "s", ask: { _ in "typed" }) == "typed")
        #expect(throws: ClientError.self) { try Secret("prompt").resolve(named: "s") }
        #expect("\(Secret("hunter2"))" == "<literal secret>")
    }

    @Test("cmd: runs a program without a shell (quotes and backslashes split words, nothing else), takes its first line")
    func commandSecrets() throws {
        let path = ["PATH": "/usr/bin:/bin"]
        #expect(try Secret("cmd:printf %s s3cret").resolve(named: "s", environment: path) == "s3cret")
        #expect(try Secret(#"cmd:printf '%s\nsecond' "a b""#).resolve(named: "s", environment: path) == "a b")
        #expect(try Secret("cmd:echo $HOME *").resolve(named: "s", environment: path) == "$HOME *", "no variables, no globs")
        #expect(try Secret(#"cmd:/bin/echo it\'s"#).resolve(named: "s", environment: path) == "it's")
        let failed = #expect(throws: ClientError.self) {
            try Secret("cmd:sh -c 'echo locked >&2; exit 2'").resolve(named: "client_secret", environment: path)
        }
        #expect(failed?.message == "client_secret comes from `sh`, which failed (exit 2): locked")
        let empty = #expect(throws: ClientError.self) { try Secret("cmd:true").resolve(named: "s", environment: path) }
        #expect(empty?.message.contains("printed nothing") == true)
        let missing = #expect(throws: ClientError.self) { try Secret("cmd:no-such-tool x").resolve(named: "s", environment: path) }
        #expect(missing?.message.contains("not a program on $PATH") == true)
        #expect(throws: ClientError.self) { try Secret("cmd:").resolve(named: "s", environment: path) }
        #expect("\(Secret("cmd:printf %s s3cret"))" == "cmd:printf …", "the arguments may hold the secret")
    }

    @Test("a literal secret in a file others can read gets a warning; 0600 does not")
    func permissions() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID()).toml")
        try Self.example.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(try Configuration.load(from: file).warnings.first?.contains("chmod 600") == true)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        #expect(try Configuration.load(from: file).warnings.isEmpty)
    }

    @Test("the config path follows CCSH_CONFIG, then XDG_CONFIG_HOME, then $HOME (even for root, whose passwd home Foundation prefers)")
    func path() {
        #expect(Configuration.path(environment: ["CCSH_CONFIG": "/x/c.toml"]).path == "/x/c.toml")
        #expect(Configuration.path(environment: ["XDG_CONFIG_HOME": "/y"]).path == "/y/ccsh/config.toml")
        #expect(Configuration.path(environment: [:]).path == NSHomeDirectory() + "/.config/ccsh/config.toml")
        #expect(TokenStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/s"]).path == "/s/ccsh/tokens")
        #expect(Configuration.path(environment: ["HOME": "/h"]).path == "/h/.config/ccsh/config.toml")
        #expect(Configuration.path(environment: ["CCSH_CONFIG": "~/c.toml", "HOME": "/h"]).path == "/h/c.toml")
        #expect(TokenStore.defaultDirectory(environment: ["HOME": "/h"]).path == "/h/.local/state/ccsh/tokens")
        #expect(HomeDirectory.expanding("~/certs/a.crt", environment: ["HOME": "/h"]) == "/h/certs/a.crt")
        #expect(HomeDirectory.expanding("a/~b", environment: ["HOME": "/h"]) == "a/~b")
    }
}
