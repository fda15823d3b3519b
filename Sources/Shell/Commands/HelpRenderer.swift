/// Renders `help <command>` from a ``Signature`` (architecture.md §5.3): summary, usage, arguments, flags, input
/// and examples — nothing is written twice.
package struct HelpRenderer: Sendable {
    package init() {}

    package func render(_ signature: Signature) -> String {
        var lines = ["\(signature.name) — \(signature.summary)", ""]
        if !signature.discussion.isEmpty { lines += [signature.discussion, ""] }
        lines += ["Usage:", "  \(signature.usage)"]
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
        if let input = signature.input { lines += ["", "Input:", "  \(input)"] }
        if let output = signature.output { lines += ["", "Output:", "  \(output)"] }
        if !signature.examples.isEmpty {
            lines += ["", "Examples:"]
            for (n, example) in signature.examples.enumerated() {
                if n > 0 { lines.append("") }
                lines += ["  \(example.description)", "  > \(example.source)"]
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `help`: every command with its summary.
    package func overview(_ signatures: [Signature]) -> String {
        var lines = ["Commands:"]
        lines += table(signatures.map { ($0.name, $0.summary) })
        lines += ["", "`help <command>` or `<command> --help` for one command's arguments, flags and examples."]
        return lines.joined(separator: "\n")
    }

    private func describe(_ help: String, _ shape: Shape) -> String {
        switch shape {
        case .any, .predicate, .closure: help
        default: help.isEmpty ? "(\(shape.description))" : "\(help) (\(shape.description))"
        }
    }

    private func valueName(_ shape: Shape) -> String {
        switch shape {
        case .oneOf: "value"
        default: shape.description.replacingOccurrences(of: " ", with: "-")
        }
    }

    private func table(_ rows: [(String, String)]) -> [String] {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { left, right in
            right.isEmpty ? "  \(left)" : "  " + left + String(repeating: " ", count: width - left.count) + "   " + right
        }
    }
}
