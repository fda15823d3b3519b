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
        // Rows are drawn on every core for a long table; each line depends on its row alone.
        let (widthsNow, shown) = (widths, visible)
        lines += Chunks.map(rowCount) { range in
            range.map { row in
                var text = String(row).padded(to: indexWidth, right: true)
                for n in shown {
                    let width = widthsNow[n]
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
                return text.trimmingTrailingSpaces
            }
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

    /// An id column with each id as short as it can be while no two look alike: a head, an ellipsis, the last
    /// four characters. The head is six characters, or one more than the longest prefix two ids share (found
    /// between neighbours in sorted order), at most 64.
    static func shortenedIDs(_ column: Column) -> Column {
        guard column.cut == .identifier, column.cells.contains(where: { $0.text.utf8.count > 12 }) else { return column }
        // Ids are ASCII (hex, alphanumerics): bytes are characters. Anything else is measured in scalars.
        let isASCII = column.cells.allSatisfy { $0.text.utf8.allSatisfy { $0 < 0x80 } }
        var shortened = column
        shortened.cut = .never
        // Distinct ids almost always differ in their first six characters: then one set of the short forms says so.
        let shortest = column.cells.map { Self.shortened($0, head: 6, isASCII: isASCII) }
        if Set(shortest.map(\.text)).count == column.cells.count {
            shortened.cells = shortest
            return shortened
        }
        let sorted = Set(column.cells.map(\.text)).sorted()
        var shared = 0
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            let common = isASCII ? zip(a.utf8, b.utf8).prefix { $0 == $1 }.count : zip(a.unicodeScalars, b.unicodeScalars).prefix { $0 == $1 }.count
            shared = max(shared, common)
        }
        let head = min(64, max(6, shared + 1))
        shortened.cells = column.cells.map { Self.shortened($0, head: head, isASCII: isASCII) }
        shortened.cut = .never
        return shortened
    }

    /// An id as its first `head` characters, an ellipsis and its last four (unchanged when that is no shorter).
    private static func shortened(_ cell: Cell, head: Int, isASCII: Bool) -> Cell {
        let text = cell.text
        if isASCII {
            let bytes = text.utf8
            guard bytes.count > head + 5 else { return cell }
            let front = text[..<bytes.index(bytes.startIndex, offsetBy: head)]
            let back = text[bytes.index(bytes.endIndex, offsetBy: -4)...]
            return Cell(front + "…" + back, cell.emphasis)
        }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > head + 5 else { return cell }
        var short = String(String.UnicodeScalarView(scalars[..<head])) + "…"
        short.unicodeScalars.append(contentsOf: scalars[(scalars.count - 4)...])
        return Cell(short, cell.emphasis)
    }

}
