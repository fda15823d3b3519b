/// Renders `help` from the commands' ``Signature``s and the ``LanguageTopic``s (docs/architecture.md §5.2): the
/// overview grouped by family, one line a command; one command's summary, usage, arguments, flags, subcommands and
/// examples; a language page. Nothing is written twice, and every line is wrapped at word boundaries to `width`,
/// a table's second column under itself.
package struct HelpRenderer: Sendable {
    /// The terminal's columns.
    package var width: Int

    package init(width: Int = 80) { self.width = max(40, width) }

    package func render(_ signature: Signature, subcommands: [Signature] = []) -> String {
        var lines = paragraph("\(signature.name) — \(signature.summary)") + [""]
        if !signature.discussion.isEmpty { lines += paragraph(signature.discussion) + [""] }
        lines += ["Usage:"] + paragraph(signature.usage, indent: 2)
        if !signature.positionals.isEmpty {
            lines += ["", "Arguments:"]
            let rows = signature.positionals.map { positional -> (String, String) in
                let name = positional.isRest ? "<\(positional.name)>..." : positional.isOptional ? "[\(positional.name)]" : "<\(positional.name)>"
                return (name, describe(positional.help, positional.shape))
            }
            lines += table(rows)
        }
        lines += ["", "Flags:"]
        var flagRows = signature.flags.map { flag -> (String, String) in
            let short = flag.short.map { "-\($0), " } ?? "    "
            let value = flag.shape.map { " <\(valueName($0))>" } ?? ""
            let repeated = flag.isRepeatable ? " (repeatable)" : ""
            return (short + "--" + flag.name + value, (flag.shape.map { describe(flag.help, $0) } ?? flag.help) + repeated)
        }
        flagRows.append(("-h, --help", "Show this help."))
        lines += table(flagRows)
        if !subcommands.isEmpty {
            lines += ["", "Subcommands:"] + table(subcommands.map { ($0.name, $0.summary) })
        }
        if let input = signature.input { lines += ["", "Input:"] + paragraph(input, indent: 2) }
        if let output = signature.output { lines += ["", "Output:"] + paragraph(output, indent: 2) }
        lines += examples(signature.examples)
        return lines.joined(separator: "\n")
    }

    /// `help let`: a language page.
    package func render(_ topic: LanguageTopic) -> String {
        var lines = paragraph("\(topic.name) — \(topic.summary)") + ["", "Syntax:"]
        for form in topic.forms { lines += paragraph(form, indent: 2) }
        lines += [""] + paragraph(topic.text)
        lines += examples(topic.examples)
        return lines.joined(separator: "\n")
    }

    /// `help`: each family's commands, one line each (a group of subcommands on one line), user commands, then the
    /// language's pages.
    package func overview(_ registry: CommandRegistry, user: [Signature] = [], topics: [LanguageTopic] = LanguageTopic.all) -> String {
        var groups: [(title: String, rows: [(String, String)])] = (registry.families + [""]).map { ($0, []) }
        var seen = Set<String>()
        for name in registry.names {
            let first = String(name.split(separator: " ").first ?? "")
            guard seen.insert(first).inserted else { continue }
            let subcommands = registry.subcommands(of: first)
            let row: (String, String)
            if let command = registry.command(named: first) {
                row = (first, command.signature.summary + (subcommands.isEmpty ? "" : " Also: " + subcommands.joined(separator: ", ") + "."))
            } else {
                row = (first + " …", subcommands.joined(separator: ", ") + ": `help \(first)`.")
            }
            let family = registry.family(of: name) ?? ""
            let index = groups.firstIndex { $0.title == family } ?? groups.count - 1
            groups[index].rows.append(row)
        }
        var lines: [String] = []
        for group in groups where !group.rows.isEmpty {
            lines += [group.title.isEmpty ? "Commands" : group.title] + table(group.rows) + [""]
        }
        if !user.isEmpty { lines += ["Defined with def"] + table(user.map { ($0.name, $0.summary) }) + [""] }
        if !topics.isEmpty { lines += ["The language"] + table(topics.map { ($0.name, $0.summary) }) + [""] }
        lines += paragraph("`help NAME` or `NAME --help` for a command's arguments, flags and examples; `help let`, `help blocks`… for the language.")
        return lines.joined(separator: "\n")
    }

    /// `help to`: a group's commands, one line each.
    package func list(_ signatures: [Signature]) -> String {
        let footer = paragraph("`help NAME` or `NAME --help` for a command's arguments, flags and examples.")
        return (["Commands:"] + table(signatures.map { ($0.name, $0.summary) }) + [""] + footer).joined(separator: "\n")
    }

    private func examples(_ examples: [Signature.Example]) -> [String] {
        guard !examples.isEmpty else { return [] }
        var lines = ["", "Examples:"]
        for (n, example) in examples.enumerated() {
            if n > 0 { lines.append("") }
            lines += paragraph(example.description, indent: 2) + paragraph("> " + example.source, indent: 2, hanging: 4)
        }
        return lines
    }

    private func describe(_ help: String, _ shape: Shape) -> String {
        switch shape {
        case .any, .predicate, .closure, .kind: help
        default: help.isEmpty ? "(\(shape.description))" : "\(help) (\(shape.description))"
        }
    }

    private func valueName(_ shape: Shape) -> String {
        switch shape {
        case .oneOf: "value"
        default: shape.description.replacingOccurrences(of: " ", with: "-")
        }
    }

    /// Two columns, the second wrapped under itself; when the first leaves it too little room, the second starts on
    /// the next line.
    private func table(_ rows: [(String, String)]) -> [String] {
        let left = min(rows.map(\.0.terminalWidth).max() ?? 0, width / 3)
        return rows.flatMap { name, text -> [String] in
            guard !text.isEmpty else { return ["  " + name] }
            let column = 2 + left + 3
            if name.terminalWidth > left { return ["  " + name] + paragraph(text, indent: column) }
            let wrapped = Self.wrap(text, width - column)
            return wrapped.enumerated().map { n, line in
                (n == 0 ? "  " + name + String(repeating: " ", count: left - name.terminalWidth + 3) : String(repeating: " ", count: column)) + line
            }
        }
    }

    /// `text` wrapped to the width after `indent` spaces; later lines `hanging` spaces further in.
    private func paragraph(_ text: String, indent: Int = 0, hanging: Int = 0) -> [String] {
        Self.wrap(text, width - indent, then: width - indent - hanging).enumerated().map { n, line in
            String(repeating: " ", count: indent + (n == 0 ? 0 : hanging)) + line
        }
    }

    /// Lines of at most `width` characters (`then` after the first), broken at spaces; a word longer than the
    /// width has a line of its own.
    static func wrap(_ text: String, _ width: Int, then later: Int? = nil) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let limit = max(1, lines.isEmpty ? width : later ?? width)
            if line.isEmpty {
                line = String(word)
            } else if line.terminalWidth + 1 + String(word).terminalWidth <= limit {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        lines.append(line)
        return lines
    }
}
