/// The one place errors are formatted for people (docs/architecture.md §5.5, §5.4):
///
///     tour.ccsh:3:9: error: unknown command 'vehicels'
///       let v = vehicels | first
///               ^~~~~~~~
///     hint: did you mean 'vehicles'?
///
/// The caret line copies the source line's tabs so that it stays aligned; the underline stops at the end of the
/// line, and a line longer than ``lineWidth`` characters is shown around the place only. Colors (bold red `error:`,
/// the caret in green) only when asked for — the REPL asks unless `NO_COLOR`.
package struct DiagnosticPrinter: Sendable {
    package var useColor: Bool
    /// The most characters of a source line shown; a longer one is cut around the place. At a terminal, what fits
    /// its width beside the indent and the `…` marks, so that the line and its caret stay one line each.
    package var lineWidth: Int

    package init(useColor: Bool = false, lineWidth: Int = 120) {
        self.useColor = useColor
        self.lineWidth = max(20, lineWidth)
    }

    /// A printer for a terminal `columns` wide: the source line, indented and marked where cut, fits.
    package static func forTerminal(columns: Int, useColor: Bool) -> DiagnosticPrinter {
        DiagnosticPrinter(useColor: useColor, lineWidth: columns - 4)
    }

    /// An error with a place in `source`.
    package func format(message: String, hint: String?, range: SourceRange, in source: Source) -> String {
        let (line, column) = source.location(range.start)
        let (endLine, endColumn) = source.location(max(range.start, range.end))
        var characters = Array(source.line(containing: range.start))
        var at = column - 1
        var width = endLine == line ? max(1, endColumn - column) : max(1, characters.count - at)
        // A long line shows as a window around the place, `…` on the sides it was cut.
        if characters.count > lineWidth {
            let start = min(max(0, at - lineWidth / 4), characters.count - lineWidth)
            let end = start + lineWidth
            let marker = start > 0 ? 1 : 0
            characters = (start > 0 ? ["…"] : []) + characters[start..<end] + (end < characters.count ? ["…"] : [])
            width = min(width, end - at)
            at = at - start + marker
        }
        let before = characters.prefix(max(0, at)).map { $0 == "\t" ? "\t" : " " }.joined()
        let underline = "^" + String(repeating: "~", count: max(0, min(width, max(1, characters.count - at)) - 1))
        var lines = [
            "\(source.name):\(line):\(column): \(paint("error:", "1;31")) \(message)", "  " + String(characters),
            "  " + before + paint(underline, "32"),
        ]
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
