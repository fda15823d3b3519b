import Client
import Foundation

/// Lines the history must not keep: a literal secret typed after `--client-secret`, `--key-password` or
/// `--password` or `--secret` (listen), or any line holding the value of `$CCSH_PASSWORD`, `$CCSH_CLIENT_SECRET` or `$CCSH_KEY_PASSWORD`.
/// (Secrets the session has seen — tokens, typed passwords — are `APIContext.isRevealed(in:)`'s part.)
enum SecretLine {
    static let flags = ["--client-secret", "--key-password", "--password", "--secret"]
    static let variables = ["CCSH_PASSWORD", "CCSH_CLIENT_SECRET", "CCSH_KEY_PASSWORD"]

    static func holdsSecret(_ line: String, environment: [String: String]) -> Bool {
        for variable in variables {
            if let value = environment[variable], Secret.appears(value, in: line) { return true }
        }
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        for (index, word) in words.enumerated() {
            guard let flag = flags.first(where: { word == $0 || word.hasPrefix($0 + "=") }) else { continue }
            let value = word == flag ? (index + 1 < words.count ? words[index + 1] : "") : String(word.dropFirst(flag.count + 1))
            let unquoted = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if !(unquoted.hasPrefix("env:") || unquoted.hasPrefix("file:") || unquoted == "prompt" || unquoted.isEmpty) { return true }
        }
        return false
    }
}
