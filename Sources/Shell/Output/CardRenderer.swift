/// Draws a card: titles in a column of their own, values beside them, each line cut to the width (a value of
/// several lines continues under itself).
struct CardRenderer {
    var presentation: Presentation

    func lines(_ card: [View.Line]) -> [String] {
        let titleWidth = card.map { Self.capitalized($0.title).terminalWidth }.max() ?? 0
        let valueWidth = max(8, presentation.width - titleWidth - 2)
        var lines: [String] = []
        for line in card {
            if line.title.isEmpty, lines.isEmpty {
                // A heading: the card's subject, from the first column.
                lines.append(presentation.paint(line.value.cutAtEnd(presentation.width), line.emphasis ?? .title))
                continue
            }
            for (n, part) in line.value.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let title = n == 0 ? Self.capitalized(line.title) : ""
                let value = String(part).cutAtEnd(valueWidth)
                let text =
                    title.isEmpty && value.isEmpty
                    ? "" : presentation.paint(title.padded(to: titleWidth), .title) + "  " + presentation.paint(value, line.emphasis)
                lines.append(text.trimmingTrailingSpaces)
            }
        }
        return lines
    }

    /// `started` → `Started`.
    static func capitalized(_ title: String) -> String { title.prefix(1).uppercased() + title.dropFirst() }
}
