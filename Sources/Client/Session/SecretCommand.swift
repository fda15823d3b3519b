import Foundation

/// A `cmd:` secret's command: split into words as a shell would (quotes and backslashes, nothing else: no
/// variables, globs or pipes), run without a shell, the first line of its standard output taken. It inherits the
/// terminal, so a password manager can ask for its own passphrase; its standard error is kept for the error when it
/// fails. Nothing of it is stored.
struct SecretCommand {
    let words: [String]
    /// The setting it serves (`client_secret`), for errors.
    let name: String
    let environment: [String: String]

    init(_ command: String, name: String, environment: [String: String]) {
        self.words = Self.words(command)
        self.name = name
        self.environment = environment
    }

    /// `printf '%s' "a b"` → [printf, %s, a b].
    static func words(_ command: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in command {
            if escaped {
                word.append(character)
                escaped = false
            } else if character == "\\" && quote != "'" {
                escaped = true
                inWord = true
            } else if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// The first line the command prints.
    func run() throws(ClientError) -> String {
        guard let program = words.first else { throw failure("is `cmd:` with no command", hint: "write cmd:COMMAND, e.g. cmd:pass show ccsh/client") }
        guard let executable = Self.executable(program, environment: environment) else {
            throw failure("comes from `\(program)`, which is not a program on $PATH", hint: "install it, or write its full path after cmd:")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = Array(words.dropFirst())
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw failure("comes from `\(program)`, which could not start: \(error.localizedDescription)", hint: "check that it is executable")
        }
        // Standard error is read on another thread, so that a command writing much to it cannot block on a full pipe.
        let errorText = ErrorText()
        let reader = Thread { errorText.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = errorText.wait()
        guard process.terminationStatus == 0 else {
            let reason = stderr.isEmpty ? "" : ": " + stderr
            throw failure(
                "comes from `\(program)`, which failed (exit \(process.terminationStatus))\(reason)",
                hint: "run the command yourself to see why; it must print the secret on its first line")
        }
        guard let line = String(decoding: printed, as: UTF8.self).split(whereSeparator: \.isNewline).first, !line.isEmpty else {
            throw failure("comes from `\(program)`, which printed nothing", hint: "it must print the secret on its first line")
        }
        return String(line)
    }

    private func failure(_ message: String, hint: String) -> ClientError {
        ClientError(code: .configuration, request: "config", message: "\(name) \(message)", hint: hint)
    }

    /// `program` itself when it holds a slash, else the first executable of that name on `$PATH`.
    static func executable(_ program: String, environment: [String: String]) -> URL? {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        if program.contains("/") {
            let expanded = HomeDirectory.expanding(program, environment: environment)
            return FileManager.default.isExecutableFile(atPath: expanded) ? URL(fileURLWithPath: expanded) : nil
        }
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }
}

/// A command's standard error, read on another thread: its last lines, trimmed, at most 2 000 characters.
private final class ErrorText: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var text = ""

    func set(_ data: Data) {
        let all = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        text = all.count > 2000 ? "…" + String(all.suffix(2000)) : all
        done.signal()
    }

    /// The text, once the reader is done (the semaphore orders the write before this read).
    func wait() -> String {
        done.wait()
        return text
    }
}
