import Foundation

/// One thing TAB can put in place of the word at the cursor.
package struct CompletionCandidate: Equatable, Sendable {
    /// The text that replaces the word (`vehicles`, `--locale`, a vehicle's full VIN).
    package var text: String
    /// How the candidate is listed (a vehicle shows its VIN, label and a short id).
    package var display: String
    /// A few words on what it is (a command's summary, a flag's help).
    package var description: String

    package init(_ text: String, display: String? = nil, description: String = "") {
        self.text = text
        self.display = display ?? text
        self.description = description
    }
}

/// TAB's answer at a cursor: the word being completed (it starts at UTF-8 offset `start`) and what could replace it.
package struct Completion: Equatable, Sendable {
    package var start: Int
    package var word: String
    package var candidates: [CompletionCandidate]
    /// Why there are no candidates yet, for the user (`loading the vehicles… press TAB again`).
    package var note: String?

    package init(start: Int, word: String, candidates: [CompletionCandidate], note: String? = nil) {
        self.start = start
        self.word = word
        self.candidates = candidates
        self.note = note
    }

    /// What to put in place of the word now: the one candidate and a space, else the candidates' common prefix
    /// when it says more than the word; nil when TAB can only list.
    package var replacement: String? {
        if candidates.count == 1, let only = candidates.first { return only.text + (only.text.hasSuffix("/") ? "" : " ") }
        guard let first = candidates.first.map({ Array($0.text.utf8) }) else { return nil }
        // Byte by byte over contiguous UTF-8: thousands of candidates (a large fleet) take well under a millisecond.
        var end = first.count
        for candidate in candidates.dropFirst() {
            end =
                candidate.text.utf8.withContiguousStorageIfAvailable { bytes in
                    var index = 0
                    while index < min(end, bytes.count), bytes[index] == first[index] { index += 1 }
                    return index
                } ?? zip(first.prefix(end), candidate.text.utf8).prefix { $0 == $1 }.count
            if end == 0 { return nil }
        }
        // Not inside a character's bytes: back off to the start of the last whole one.
        while end < first.count, end > 0, first[end] & 0xC0 == 0x80 { end -= 1 }
        let common = String(decoding: first[..<end], as: UTF8.self)
        return common.count > word.count && common.hasPrefix(word) ? common : nil
    }
}

/// What a completion source throws when it cannot answer within TAB's time (the server is slow, the listing goes
/// on in the background) or at all: the message shows under the line instead of candidates.
package struct CompletionNote: Error, Equatable, Sendable {
    package var message: String

    package init(_ message: String) { self.message = message }
}

/// Works out what TAB offers on a partial line (docs/architecture.md §5.6): command names at the start of a pipeline
/// stage, subcommands, flags with their help, flag values, `$variables` and their field paths, file paths, and
/// the application's own values (vehicles, monitors, profiles, locales) through `sources`. Pure: it reads the
/// registry, a scope and the sources, and sends nothing — the line reader only applies its answer.
package struct Completer {
    package let registry: CommandRegistry
    package let scope: Scope
    /// Candidates for parameters and flags of each ``ParameterKind`` (vehicle, locale, monitor, profile): given the
    /// word typed so far and the command's words before it. A source that cannot answer now throws a
    /// ``CompletionNote``. A parameter's name plays no part: only its declared kind does.
    package var sources: [ParameterKind: (_ word: String, _ words: [String]) throws(CompletionNote) -> [CompletionCandidate]] = [:]
    /// Entries of a directory, for file parameters (`name/` for a directory); the file system by default.
    package var listDirectory: (String) -> [String] = Completer.directoryEntries

    package init(registry: CommandRegistry, scope: Scope) {
        self.registry = registry
        self.scope = scope
    }

    /// The words that start statements, besides command names.
    static let keywords = ["let", "def", "if", "for", "try"]

    package func complete(_ line: String, cursor: Int) -> Completion {
        let bytes = Array(line.utf8.prefix(cursor))
        let start = Self.wordStart(bytes)
        let word = String(decoding: bytes[start...], as: UTF8.self)
        let words = Self.commandWords(String(decoding: bytes[..<start], as: UTF8.self))
        var completion = Completion(start: start, word: word, candidates: [])
        do throws(CompletionNote) {
            if word.hasPrefix("$") {
                completion.candidates = variables(word)
            } else if words.isEmpty {
                completion.candidates = commandNames(word)
            } else {
                completion.candidates = try arguments(word, words: words)
            }
        } catch {
            completion.note = error.message
        }
        return completion
    }

    // MARK: What is being typed

    /// Where the word at the end starts: after the last space or pipeline punctuation outside quotes.
    static func wordStart(_ bytes: [UInt8]) -> Int {
        var start = 0
        var quote: UInt8?
        for (index, byte) in bytes.enumerated() {
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
                start = index
            } else if " \t\n|;({[".utf8.contains(byte) {
                start = index + 1
            }
        }
        return start
    }

    /// The words of the command the cursor is in (the pipeline stage since the last `|`, `;`, `(` or `{` still
    /// open), quotes removed; empty when the cursor is where a command name goes.
    static func commandWords(_ text: String) -> [String] {
        var stages: [[Token]] = [[]]
        for token in Lexer.tokens(text) {
            switch token.kind {
            case .pipe, .semicolon, .newline: stages[stages.count - 1] = []
            case .leftParen, .leftBrace: stages.append([])
            case .rightParen, .rightBrace: if stages.count > 1 { stages.removeLast() }
            case .end: break
            default: stages[stages.count - 1].append(token)
            }
        }
        let tokens = stages.last ?? []
        // `let v = (…` or `let v = cmd`: what follows `=` is an expression whose first word is a command.
        if case .word("let")? = tokens.first?.kind, let equals = tokens.firstIndex(where: { $0.kind == .assign }) {
            return tokens[(equals + 1)...].map(text(of:))
        }
        return tokens.map(text(of:))
    }

    private static func text(of token: Token) -> String {
        switch token.kind {
        case .word(let word): word
        case .string(let text), .rawString(let text): text
        case .int(let int): String(int)
        case .float(let double): String(double)
        case .flag(let name, let value): "--" + name + (value.map { "=" + $0 } ?? "")
        case .variable(let name, let path): "$" + ([name] + path).joined(separator: ".")
        default: ""
        }
    }

    // MARK: Candidates

    private func commandNames(_ word: String) -> [CompletionCandidate] {
        var seen = Set<String>()
        var candidates: [CompletionCandidate] = []
        for name in registry.names {
            let first = String(name.split(separator: " ").first ?? "")
            guard first.hasPrefix(word), seen.insert(first).inserted else { continue }
            let summary =
                registry.command(named: first)?.signature.summary ?? "subcommands: " + registry.subcommands(of: first).joined(separator: ", ")
            candidates.append(CompletionCandidate(first, description: summary))
        }
        for name in scope.commandNames.sorted() where name.hasPrefix(word) && seen.insert(name).inserted {
            candidates.append(CompletionCandidate(name, description: "defined with def"))
        }
        for keyword in Self.keywords where keyword.hasPrefix(word) && !seen.contains(keyword) {
            candidates.append(CompletionCandidate(keyword, description: "keyword"))
        }
        return candidates.sorted { $0.text < $1.text }
    }

    /// A command named as an argument (`help monitors create`): a command's first word, then its subcommands.
    private func commandNames(_ word: String, after named: [String]) -> [CompletionCandidate] {
        guard let group = named.first else { return commandNames(word).filter { !Self.keywords.contains($0.text) } }
        guard named.count == 1 else { return [] }
        return registry.subcommands(of: group).filter { $0.hasPrefix(word) }.map {
            CompletionCandidate($0, description: registry.command(named: group + " " + $0)?.signature.summary ?? "")
        }
    }

    /// The command's signature (a subcommand's when its second word names one) and how many words name it.
    private func signature(for words: [String]) -> (Signature, Int)? {
        if words.count >= 2, let sub = registry.command(named: words[0] + " " + words[1]) { return (sub.signature, 2) }
        if let command = registry.command(named: words[0]) { return (command.signature, 1) }
        if let user = scope.command(named: words[0]) { return (user.signature, 1) }
        return nil
    }

    private func arguments(_ word: String, words: [String]) throws(CompletionNote) -> [CompletionCandidate] {
        guard let (signature, nameWords) = signature(for: words) else {
            // `monitors <TAB>` where `monitors` alone is no command: its subcommands.
            return words.count == 1 ? registry.subcommands(of: words[0]).filter { $0.hasPrefix(word) }.map { CompletionCandidate($0) } : []
        }
        var candidates: [CompletionCandidate] = []
        if nameWords == 1, words.count == 1, registry.hasSubcommands(words[0]) {
            for sub in registry.subcommands(of: words[0]) where sub.hasPrefix(word) {
                candidates.append(CompletionCandidate(sub, description: registry.command(named: words[0] + " " + sub)?.signature.summary ?? ""))
            }
        }
        let arguments = Array(words.dropFirst(nameWords))
        if word.hasPrefix("-") {
            if let equals = word.firstIndex(of: "="), let flag = signature.flag(named: String(word.dropFirst(2).prefix { $0 != "=" })) {
                let prefix = String(word[...equals])
                return try values(shape: flag.shape, String(word[word.index(after: equals)...]), words: words).map {
                    CompletionCandidate(prefix + $0.text, display: $0.display, description: $0.description)
                }
            }
            return signature.flags.filter { ("--" + $0.name).hasPrefix(word) }.map {
                CompletionCandidate("--" + $0.name, description: $0.help)
            }
        }
        if let last = arguments.last, last.hasPrefix("--"), !last.contains("="), let flag = signature.flag(named: String(last.dropFirst(2))),
            flag.shape != nil
        {
            return try values(shape: flag.shape, word, words: words)
        }
        let position = Self.positionalCount(arguments, signature)
        let parameter =
            position < signature.positionals.count ? signature.positionals[position] : signature.positionals.last.flatMap { $0.isRest ? $0 : nil }
        if let parameter { candidates += try values(shape: parameter.shape, word, words: words) }
        return candidates
    }

    /// How many positional arguments the words hold (flags and their values left out).
    private static func positionalCount(_ arguments: [String], _ signature: Signature) -> Int {
        var count = 0
        var skipNext = false
        for argument in arguments {
            if skipNext {
                skipNext = false
                continue
            }
            if argument.hasPrefix("--") {
                let name = String(argument.dropFirst(2))
                skipNext = !name.contains("=") && signature.flag(named: name)?.shape != nil
                continue
            }
            count += 1
        }
        return count
    }

    /// Values for a parameter or flag: its kind's source, its choices, or files.
    private func values(shape: Shape?, _ word: String, words: [String]) throws(CompletionNote) -> [CompletionCandidate] {
        switch shape {
        case .kind(.command)?: return commandNames(word, after: Array(words.dropFirst()))
        case .kind(let kind)?: return try sources[kind]?(word, words) ?? []
        case .oneOf(let choices)?: return choices.filter { $0.hasPrefix(word) }.map { CompletionCandidate($0) }
        case .bool?: return ["true", "false"].filter { $0.hasPrefix(word) }.map { CompletionCandidate($0) }
        case .file?: return files(word)
        default: return []
        }
    }

    /// `$name` and `$name.field.path`: variables, then the fields of the value at the path.
    private func variables(_ word: String) -> [CompletionCandidate] {
        let path = word.dropFirst().split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard path.count > 1 else {
            let names = scope.variableNames.union(["env", "args"]).filter { $0.hasPrefix(path.first ?? "") }.sorted()
            return names.map { name in CompletionCandidate("$" + name, description: scope.lookup(name)?.kindPhrase ?? "") }
        }
        guard let root = scope.lookup(path[0]), let value = root.lookup(CellPath(Array(path[1..<(path.count - 1)]))) else { return [] }
        let stem = "$" + path.dropLast().joined(separator: ".") + "."
        let last = path[path.count - 1]
        switch value {
        case .record(let record):
            return record.fields.filter { $0.name.hasPrefix(last) }.map { CompletionCandidate(stem + $0.name, description: $0.value.kindPhrase) }
        case .list(let items):
            return items.indices.map(String.init).filter { $0.hasPrefix(last) }.prefix(50).map {
                CompletionCandidate(stem + $0, description: items[Int($0) ?? 0].kindPhrase)
            }
        default:
            return []
        }
    }

    private func files(_ word: String) -> [CompletionCandidate] {
        let slash = word.lastIndex(of: "/")
        let directory = slash.map { String(word[...$0]) } ?? ""
        let prefix = slash.map { String(word[word.index(after: $0)...]) } ?? word
        return listDirectory(directory.isEmpty ? "." : (directory as NSString).expandingTildeInPath).filter {
            $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix("."))
        }.sorted().map { CompletionCandidate(directory + $0, display: $0) }
    }

    /// A directory's entries, directories with a trailing `/`.
    package static func directoryEntries(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).map { name in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            return exists && isDirectory.boolValue ? name + "/" : name
        }
    }
}
