/// A table ready to draw: titled columns of formatted cells. It fits itself to a width — dropping the
/// lowest-priority columns (and naming them on a last line) before any column gets narrower than its title, cutting
/// prose at its end and ids in their middle — and never draws a line longer than the width.
struct Table {
    struct Column {
        var title: String
        var cells: [Cell]
        var alignsRight = false
        var cut = Shell.Column.Content.Cut.end
        /// 1 is kept longest; higher numbers are dropped first.
        var priority = 1
    }

    var columns: [Column]
    var rowCount: Int

    /// Prose is never cut below this many columns (or its title); a narrower table drops columns instead.
    static let shortestProse = 12

    /// The lines of the table in `presentation.width` columns (every column with `showsAllColumns`), the `#`
    /// column first, and a last line naming the columns left out. Box drawing whatever the locale, as ccsh always
    /// drew tables; pictures are what fall back to ASCII.
    func lines(_ presentation: Presentation) -> [String] {
        let columns = self.columns.filter { column in column.cells.contains { !$0.text.isEmpty } }.map(Self.shortenedIDs)
        guard !columns.isEmpty else { return [] }
        let indexWidth = max(1, String(max(0, rowCount - 1)).utf8.count)
        // Each cell is measured once: the fitting, the cutting and the padding all read these.
        let cellWidths = columns.map { column in column.cells.map(\.text.terminalWidth) }
        let natural = columns.indices.map { n in cellWidths[n].reduce(columns[n].title.terminalWidth, max) }
        let minimal = columns.indices.map { n in
            columns[n].cut == .end ? min(natural[n], max(columns[n].title.terminalWidth, Self.shortestProse)) : natural[n]
        }
        func overhead(_ count: Int) -> Int { indexWidth + 3 * count }
        // Drop the lowest-priority columns (the rightmost first among equals) until the rest fit at their minimum.
        var visible = Array(columns.indices)
        var dropped: [Int] = []
        if !presentation.showsAllColumns {
            while visible.count > 1, visible.reduce(overhead(visible.count), { $0 + minimal[$1] }) > presentation.width {
                guard let worst = visible.indices.max(by: { a, b in (columns[visible[a]].priority, a) < (columns[visible[b]].priority, b) })
                else { break }
                dropped.append(visible.remove(at: worst))
            }
        }
        // Then narrow the widest prose columns, down to their minimum, until the table fits.
        var widths = natural
        var excess = visible.reduce(overhead(visible.count)) { $0 + natural[$1] } - presentation.width
        while excess > 0 {
            guard let widest = visible.filter({ widths[$0] > minimal[$0] }).max(by: { widths[$0] < widths[$1] })
            else { break }
            widths[widest] -= 1
            excess -= 1
        }
        if excess > 0, visible.count == 1, let only = visible.first {
            // One column left that still does not fit: it is cut, whatever it holds.
            widths[only] = max(1, presentation.width - overhead(1))
        }

        let separator = " │ "
        func line(_ first: String, _ texts: [(String, Int)]) -> String {
            var row = first.padded(to: indexWidth, right: true)
            for (text, n) in texts {
                let width = widths[n]
                let cut = text.terminalWidth > width ? Self.cut(text, width, columns[n].cut) : text
                row += separator + cut.padded(to: width, right: columns[n].alignsRight)
            }
            return row.trimmingTrailingSpaces
        }
        var lines: [String] = []
        lines.reserveCapacity(rowCount + 3)
        let header = line("#", visible.map { (columns[$0].title, $0) })
        lines.append(presentation.paint(header, .title))
        let (horizontal, cross) = ("─", "┼")
        var rule = String(repeating: horizontal, count: indexWidth + 1)
        for n in visible { rule += cross + String(repeating: horizontal, count: widths[n] + 2) }
        lines.append(String(rule.dropLast()))
        for row in 0..<rowCount {
            var text = String(row).padded(to: indexWidth, right: true)
            for n in visible {
                let width = widths[n]
                let cell = columns[n].cells[row]
                var fitted = cell.text
                var used = cellWidths[n][row]
                if used > width {
                    fitted = Self.cut(cell.text, width, columns[n].cut)
                    used = fitted.terminalWidth
                }
                // Padding goes outside the color, so escape codes never count as columns.
                let fill = String(repeating: " ", count: max(0, width - used))
                let painted = presentation.paint(fitted, cell.emphasis)
                text += separator + (columns[n].alignsRight ? fill + painted : painted + fill)
            }
            lines.append(text.trimmingTrailingSpaces)
        }
        if !dropped.isEmpty {
            let names = dropped.sorted().map { columns[$0].title }.joined(separator: ", ")
            let footer = "+\(dropped.count) column\(dropped.count == 1 ? "" : "s"): \(names)"
            let hint = " | to table --all"
            let fitted =
                footer.terminalWidth + hint.terminalWidth <= presentation.width
                ? footer + hint : footer.cutAtEnd(max(1, presentation.width - hint.terminalWidth)) + hint
            lines.append(presentation.paint(fitted.terminalWidth <= presentation.width ? fitted : fitted.cutAtEnd(presentation.width), .faint))
        }
        return lines
    }

    private static func cut(_ text: String, _ width: Int, _ cut: Shell.Column.Content.Cut) -> String {
        switch cut {
        case .end, .never: text.cutAtEnd(width)
        case .identifier: text.cutInMiddle(width)
        }
    }

    /// An id column with each id as short as it can be while no two look alike: six characters, an ellipsis, four.
    static func shortenedIDs(_ column: Column) -> Column {
        guard column.cut == .identifier else { return column }
        let texts = column.cells.map(\.text)
        guard texts.contains(where: { $0.count > 12 }) else { return column }
        for head in 6...64 {
            let short = texts.map { text in text.count > head + 5 ? String(text.prefix(head)) + "…" + String(text.suffix(4)) : text }
            if Set(short).count == Set(texts).count || head == 64 {
                var shortened = column
                shortened.cells = zip(column.cells, short).map { Cell($1, $0.emphasis) }
                shortened.cut = .never
                return shortened
            }
        }
        return column
    }
}
