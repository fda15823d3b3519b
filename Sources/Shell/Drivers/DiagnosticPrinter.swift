/// The one place errors are formatted for people (architecture.md §5.5, §5.7):
///
///     tour.ccsh:3:9: error: unknown command 'vehicels'
///       let v = vehicels | first
///               ^~~~~~~~
///     hint: did you mean 'vehicles'?
///
/// The caret line copies the source line's tabs so that it stays aligned; the underline stops at the end of the
/// line. Colors (bold red `error:`, the caret in green) only when asked for — the REPL asks unless `NO_COLOR`.
package struct DiagnosticPrinter: Sendable {
    package var useColor: Bool

    package init(useColor: Bool = false) { self.useColor = useColor }

    /// An error with a place in `source`.
    package func format(message: String, hint: String?, range: SourceRange, in source: Source) -> String {
        let (line, column) = source.location(range.start)
        let text = source.line(containing: range.start)
        let characters = Array(text)
        let before = characters.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
        let (endLine, endColumn) = source.location(max(range.start, range.end))
        let width = endLine == line ? max(1, endColumn - column) : max(1, characters.count - (column - 1))
        let underline = "^" + String(repeating: "~", count: max(0, min(width, max(1, characters.count - (column - 1))) - 1))
        var lines = ["\(source.name):\(line):\(column): \(paint("error:", "1;31")) \(message)", "  " + text, "  " + before + paint(underline, "32")]
        if let hint { lines.append(format(hint: hint)) }
        return lines.joined(separator: "\n")
    }

    /// A syntax diagnostic.
    package func format(_ diagnostic: Diagnostic, in source: Source) -> String {
        format(message: diagnostic.message, hint: diagnostic.hint, range: diagnostic.range, in: source)
    }

    /// An error without a place (a failed request, a bad flag): `error: message` and the hint.
    package func format(message: String, hint: String?) -> String {
        ["\(paint("error:", "1;31")) \(message)", hint.map(format(hint:))].compactMap { $0 }.joined(separator: "\n")
    }

    /// `hint: …`, on a line of its own.
    package func format(hint: String) -> String { "\(paint("hint:", "1;36")) \(hint)" }

    private func paint(_ text: String, _ code: String) -> String { useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}
