import APIContract
import Client
import Foundation
import Shell

/// Lines the history must not keep: a literal secret typed after `--client-secret`, `--key-password` or
/// `--password` or `--secret` (listen), or any line holding the value of `$CCSH_PASSWORD`, `$CCSH_CLIENT_SECRET` or `$CCSH_KEY_PASSWORD`.
/// (Secrets the session has seen — tokens, typed passwords — are `APIContext.isRevealed(in:)`'s part.)
///
/// Lines it keeps are ``masked(_:)`` first: the value of a `--header`, `--body` or `--query` attribute whose name
/// looks like a credential (`--header 'X-Ccsh-Secret=…'`, `--header 'Authorization=Basic …'`) is written as `***`.
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

    /// The flags whose `NAME=VALUE` attributes are masked when NAME looks like a credential.
    static let attributeFlags: Set<String> = ["header", "body", "query"]
    /// What in an attribute's name (lowercased) makes it a credential.
    static let credentialWords = ["authorization", "secret", "token", "key", "password"]

    /// `line` with the value of every credential-like attribute replaced by `***`, quotes kept.
    static func masked(_ line: String) -> String {
        var bytes = Array(line.utf8)
        let tokens = Lexer.tokens(line)
        var spans: [Range<Int>] = []
        for (index, token) in tokens.enumerated() {
            guard case .flag(let name, let inline) = token.kind, attributeFlags.contains(name) else { continue }
            if inline != nil {
                // `--header=NAME=VALUE`: the attribute follows the flag's own `=`.
                spans.append((token.range.start + name.utf8.count + 3)..<token.range.end)
                continue
            }
            // `--header NAME=VALUE`, quoted or not: the tokens that follow with no space between them.
            var end = index + 1
            while end + 1 < tokens.count, tokens[end + 1].range.start == tokens[end].range.end, tokens[end + 1].kind != .end { end += 1 }
            guard end < tokens.count, tokens[index + 1].kind != .end else { continue }
            spans.append(tokens[index + 1].range.start..<tokens[end].range.end)
        }
        for span in spans.reversed() where span.lowerBound < span.upperBound && span.upperBound <= bytes.count {
            let text = Array(bytes[span])
            let quote = text.first.flatMap { $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\"") ? $0 : nil }
            guard let equals = text.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = String(decoding: text[(quote == nil ? 0 : 1)..<equals], as: UTF8.self).lowercased()
            guard credentialWords.contains(where: name.contains) else { continue }
            let valueEnd = quote != nil && text.count > equals + 1 && text.last == quote ? text.count - 1 : text.count
            bytes.replaceSubrange((span.lowerBound + equals + 1)..<(span.lowerBound + valueEnd), with: Array(Redaction.mark.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
