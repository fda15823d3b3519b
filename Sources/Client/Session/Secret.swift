import Foundation

/// Where a secret comes from: written in the config (`"s3cr3t"`), an environment variable (`env:NAME`), a file
/// (`file:PATH`, first line), the terminal (`prompt`), or a password manager's command (`cmd:COMMAND`, the first
/// line of its output, as git's credential helpers and the AWS CLI's credential_process). Its description never
/// shows the value, nor a command's arguments (they may hold it).
package enum Secret: Sendable, Equatable, CustomStringConvertible {
    case literal(String)
    case environment(String)
    case file(String)
    case prompt
    case command(String)

    /// Reads the config spelling.
    package init(_ text: String) {
        if text.hasPrefix("env:") {
            self = .environment(String(text.dropFirst(4)))
        } else if text.hasPrefix("file:") {
            self = .file(String(text.dropFirst(5)))
        } else if text == "prompt" {
            self = .prompt
        } else if text.hasPrefix("cmd:") {
            self = .command(String(text.dropFirst(4)))
        } else {
            self = .literal(text)
        }
    }

    package var isLiteral: Bool { if case .literal = self { true } else { false } }

    /// The value. `ask` reads a prompted secret without echo; `environment` is the process environment.
    package func resolve(
        named name: String, environment: [String: String] = ProcessEnvironment.snapshot, ask: ((String) -> String?)? = nil
    ) throws(ClientError) -> String {
        switch self {
        case .literal(let value):
            return value
        case .environment(let variable):
            guard let value = environment[variable], !value.isEmpty else {
                throw ClientError(
                    code: .configuration, request: "config", message: "\(name) comes from $\(variable), which is not set",
                    hint: "export \(variable)=… or change \(name) in the profile")
            }
            return value
        case .file(let path):
            let expanded = HomeDirectory.expanding(path, environment: environment)
            guard let text = try? String(contentsOfFile: expanded, encoding: .utf8),
                let line = text.split(whereSeparator: \.isNewline).first, !line.isEmpty
            else {
                throw ClientError(code: .configuration, request: "config", message: "\(name) comes from \(path), which cannot be read or is empty")
            }
            return String(line)
        case .prompt:
            guard let ask, let value = ask("\(name): "), !value.isEmpty else {
                throw ClientError(
                    code: .configuration, request: "config", message: "\(name) is set to prompt, but there is no terminal to ask on",
                    hint: "use env:NAME, file:PATH or cmd:COMMAND for scripts")
            }
            return value
        case .command(let command):
            return try SecretCommand(command, name: name, environment: environment).run()
        }
    }

    package var description: String {
        switch self {
        case .literal: "<literal secret>"
        case .environment(let name): "env:\(name)"
        case .file(let path): "file:\(path)"
        case .prompt: "prompt"
        case .command(let command): "cmd:" + (SecretCommand.words(command).first.map { "\($0) …" } ?? "")
        }
    }
}

extension Secret {
    /// Whether `text` shows the secret `value` — the one rule for history filters and secret checks. Values under
    /// 4 characters do not count: they match ordinary text by chance.
    package static func appears(_ value: String, in text: String) -> Bool { value.count >= 4 && text.contains(value) }
}
