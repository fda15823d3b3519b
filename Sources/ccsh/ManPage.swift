import Commands
import Foundation
import Shell

/// `ccsh --man`: the man page ccsh(1), in roff, generated from what ccsh already says about itself — the launch
/// options' table, and every command's `Signature` (summary, usage, flags, examples) — so it cannot drift from them.
/// `make install` writes it to share/man/man1/ccsh.1.
enum ManPage {
    static func render(version: String) -> String {
        let registry = CommandRegistry.offline()
        var page = [
            #".TH CCSH 1 "" "ccsh \#(version)" "User Commands""#, ".SH NAME", "ccsh \\- \(escape(LaunchOptions.summary))", ".SH SYNOPSIS",
        ]
        for line in LaunchOptions.usage.split(separator: "\n") {
            page += [".nf", escape(line.trimmingCharacters(in: .whitespaces)), ".fi"]
        }
        page += [".SH DESCRIPTION", escape(LaunchOptions.description.replacingOccurrences(of: "\n", with: " ")), ".SH OPTIONS"]
        for option in LaunchOptions.table {
            page += [
                ".TP", "\\fB" + escape(option.names.joined(separator: ", ")) + "\\fR" + (option.value.map { " \\fI\(escape($0))\\fR" } ?? ""),
                escape(option.help),
            ]
        }
        page += [
            ".SH COMMANDS",
            "Inside the shell and in scripts; \\fBhelp\\fR \\fIcommand\\fR shows the same at the prompt. Commands take input from a pipe "
                + "(\\fBvehicles | where brand == \"Peugeot\" | count\\fR) and values in variables (\\fBlet v = (vehicles | first)\\fR).",
        ]
        for name in registry.names.sorted() {
            guard let signature = registry.command(named: name)?.signature else { continue }
            page += [".SS \(escape(signature.name))", escape(signature.summary), ".PP", "\\fB" + escape(signature.usage) + "\\fR"]
            if !signature.discussion.isEmpty { page += [".PP", escape(signature.discussion)] }
            for positional in signature.positionals { page += [".TP", "\\fI\(escape(positional.name))\\fR", escape(positional.help)] }
            for flag in signature.flags {
                let short = flag.short.map { "-\($0), " } ?? ""
                page += [
                    ".TP", "\\fB" + escape("\(short)--\(flag.name)") + "\\fR" + (flag.shape.map { " \\fI\(escape($0.description))\\fR" } ?? ""),
                    escape(flag.help),
                ]
            }
            for example in signature.examples {
                page += [".PP", ".RS 4", ".nf", "\\fB" + escape(example.source) + "\\fR", ".fi", escape(example.description), ".RE"]
            }
        }
        page += [
            ".SH EXIT STATUS", escape(LaunchOptions.exitStatus.replacingOccurrences(of: "\n", with: " ")),
            ".SH ENVIRONMENT",
            ".TP", "\\fBCCSH_CONFIG\\fR", "The config file (default: $XDG_CONFIG_HOME/ccsh/config.toml, else ~/.config/ccsh/config.toml).",
            ".TP", "\\fBCCSH_PROFILE\\fR", "The profile to use when --profile is not given.",
            ".TP", "\\fBCCSH_PASSWORD\\fR", "The password of \\fBlogin --user\\fR (the legacy password grant).",
            ".TP", "\\fBXDG_STATE_HOME\\fR", "Where tokens (mode 0600), the history and caches live, under ccsh/ (default: ~/.local/state).",
            ".TP", "\\fBNO_COLOR\\fR", "No colors on the terminal.",
            ".SH FILES",
            ".TP", "\\fI~/.config/ccsh/config.toml\\fR",
            escape(
                "Profiles: brand, realm, client_id, client_secret (a literal, env:NAME, file:PATH, cmd:COMMAND or prompt), cert, key, key_password, cacert, api_version."
            ),
            ".TP", "\\fI~/.local/state/ccsh/tokens/PROFILE.json\\fR", "The profile's tokens, mode 0600.",
            ".SH SEE ALSO", "\\fBcurl\\fR(1), \\fBccsh-sandbox\\fR \\-\\-help",
        ]
        return page.joined(separator: "\n") + "\n"
    }

    /// Text safe in roff: backslashes as `\e`, dashes as dashes, anything past ASCII as `\[uXXXX]` (no locale needed),
    /// and a leading `.` or `'` kept from reading as a request.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\e"
            case "-": escaped += "\\-"
            case _ where scalar.isASCII: escaped.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            }
        }
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }
}
