import Client
import Foundation
import SafeFile
import Shell

/// `record --install-service` and `--uninstall-service`: a systemd user unit, `ccsh-record-PROFILE.service` in
/// `$XDG_CONFIG_HOME/systemd/user` (docs/history.md, "As a service"), that runs `ccsh --profile PROFILE record` with
/// the `--db` and `--share` given and the XDG directories of the shell that wrote it, restarts it when it fails, and
/// stops it with SIGTERM (it finishes the write in progress and exits 0). The unit holds no secret: the profile's come from its `file:` or `cmd:` sources, which a
/// service can read; an `env:` or `prompt` secret is refused, since a service has neither.
struct RecordService {
    let profile: Profile
    /// ccsh's own absolute path.
    let executable: String
    /// `record`'s arguments in the unit (`--db PATH`, `--share 25%`).
    let arguments: [String]
    let environment: [String: String]

    /// `ccsh-record-NAME.service`, the profile's name escaped as systemd-escape does.
    var name: String {
        let escaped = profile.name.utf8.map { byte -> String in
            let scalar = Character(Unicode.Scalar(byte))
            return scalar.isLetter && byte < 0x80 || scalar.isNumber && byte < 0x80 || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                ? String(scalar) : String(format: "\\x%02x", byte)
        }
        return "ccsh-record-\(escaped.joined()).service"
    }

    /// `$XDG_CONFIG_HOME/systemd/user`, else `~/.config/systemd/user`.
    var directory: String {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? (environment["HOME"] ?? "") + "/.config"
        return config + "/systemd/user"
    }

    var path: String { directory + "/" + name }

    /// The unit's text.
    var text: String {
        let command = ([executable, "--profile", profile.name, "record"] + arguments).map(Self.quoted).joined(separator: " ")
        return """
            # Written by `ccsh record --install-service`; `ccsh record --uninstall-service` removes it.
            [Unit]
            Description=ccsh record: the history of profile \(profile.name)'s cars
            After=network-online.target
            Wants=network-online.target

            [Service]
            Type=simple
            \(directories)ExecStart=\(command)
            # SIGTERM ends it after the write in progress, with status 0.
            KillSignal=SIGTERM
            TimeoutStopSec=30
            Restart=on-failure
            RestartSec=60

            [Install]
            WantedBy=default.target

            """
    }

    /// `Environment=` lines for the XDG directories set where the unit was written, so that the service finds the
    /// same config, tokens and database (none of them is a secret).
    private var directories: String {
        ["XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"].compactMap { name in
            environment[name].map { "Environment=" + Self.quoted(name + "=" + $0) + "\n" }
        }.joined()
    }

    /// Why a service could not run this profile, if it could not: a secret it would have to be given by hand.
    var refusal: String? {
        for (what, secret) in [("client secret", profile.clientSecret), ("key password", profile.keyPassword)] {
            switch secret {
            case .environment(let variable)?:
                return "the profile's \(what) comes from $\(variable), which a service does not have; give it as file:PATH or cmd:COMMAND"
            case .prompt?:
                return "the profile's \(what) is asked for at the terminal, which a service does not have; give it as file:PATH or cmd:COMMAND"
            default: continue
            }
        }
        return nil
    }

    /// Writes the unit (atomically, mode 0644: systemd reads it, nothing in it is secret).
    func install() throws(SafeFileError) {
        try SafeFile.makeDirectory(directory)
        try SafeFile.write(Array(text.utf8), to: path, mode: 0o644)
    }

    /// Removes the unit; false when there was none.
    func uninstall() -> Bool { unlink(path) == 0 }

    /// Runs `systemctl --user ARGUMENTS` when there is one; false when it is missing or fails (no user manager, as in a
    /// container).
    static func systemctl(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["systemctl", "--user"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// An argument as systemd reads `ExecStart=`: in double quotes, with `\`, `"`, `%` and `$` escaped.
    static func quoted(_ argument: String) -> String {
        let escapes: [Character: String] = ["\\": "\\\\", "\"": "\\\"", "%": "%%", "$": "$$"]
        return "\"" + argument.map { escapes[$0] ?? String($0) }.joined() + "\""
    }

}
