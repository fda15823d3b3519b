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
    /// The number shown beside each row when it is not its place (a vehicle's position in the account's listing;
    /// nil: none); see ``ShownTables``.
    var numbers: [Int?]?

    /// Prose is never cut below this many columns (or its title); a narrower table drops columns instead.
    static let shortestProse = 12

    /// The lines of the table in `presentation.width` columns (every column with `showsAllColumns`), the `#`
    /// column first, and a last line naming the columns left out. Box drawing whatever the locale, as ccsh always
    /// drew tables; pictures are what fall back to ASCII.
    func lines(_ presentation: Presentation) -> [String] {
        let columns = self.columns.filter { column in column.cells.contains { !$0.text.isEmpty } }.map(Self.shortenedIDs)
        guard !columns.isEmpty else { return [] }
        let indexWidth = max(1, String(max(0, numbers.map { $0.compactMap { $0 }.max() ?? 0 } ?? rowCount - 1)).utf8.count)
        // Each cell is measured once: the fitting, the cutting and the padding all read these.
        let cellWidths = columns.map { column in column.cells.map(\.width) }
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
        // Rows are drawn on every core for a long table; each line depends on its row alone, and is written as
        // bytes into one buffer per chunk (appending to a String grows and checks it cell by cell).
        let (widthsNow, shown, numbers) = (widths, visible, numbers)
        lines += Chunks.map(rowCount) { range in
            var line: [UInt8] = []
            line.reserveCapacity(presentation.width * 2)
            return range.map { row in
                line.removeAll(keepingCapacity: true)
                let index = numbers.map { $0[row].map(String.init) ?? "" } ?? String(row)
                line.appendSpaces(indexWidth - index.utf8.count)
                line.append(index)
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
                    line.append(separator)
                    if columns[n].alignsRight { line.appendSpaces(width - used) }
                    line.append(presentation.paint(fitted, cell.emphasis))
                    if !columns[n].alignsRight { line.appendSpaces(width - used) }
                }
                while line.last == UInt8(ascii: " ") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
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
        // As many columns as bytes: every scalar is one ASCII byte (any other takes more bytes than columns).
        let isASCII = column.cells.allSatisfy { $0.width == $0.text.utf8.count }
        var shortened = column
        shortened.cut = .never
        // Distinct ids almost always differ in their first six characters: then one set of the short forms says so.
        let shortest = Chunks.map(column.cells.count) { range in column.cells[range].map { Self.shortened($0, head: 6, isASCII: isASCII) } }
        if Self.allDistinct(shortest, longIDs: isASCII && column.cells.allSatisfy { $0.text.utf8.count > 11 }) {
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

    /// Whether no two cells show the same text. For long ASCII ids shortened to six characters, an ellipsis and
    /// four, the set holds those ten bytes as two integers: hashing the texts themselves (not ASCII, because of the
    /// ellipsis) would normalize each one.
    private static func allDistinct(_ cells: [Cell], longIDs: Bool) -> Bool {
        guard longIDs else { return Set(cells.map(\.text)).count == cells.count }
        /// Bytes 0–5 and the last four bytes of a short id.
        struct Key: Hashable {
            var head: UInt64
            var tail: UInt32
        }
        var keys = Set<Key>(minimumCapacity: cells.count)
        for cell in cells {
            let bytes = cell.text.utf8
            var head: UInt64 = 0
            for byte in bytes.prefix(6) { head = head << 8 | UInt64(byte) }
            var tail: UInt32 = 0
            for byte in bytes.suffix(4) { tail = tail << 8 | UInt32(byte) }
            guard keys.insert(Key(head: head, tail: tail)).inserted else { return false }
        }
        return true
    }

    /// An id as its first `head` characters, an ellipsis and its last four (unchanged when that is no shorter).
    private static func shortened(_ cell: Cell, head: Int, isASCII: Bool) -> Cell {
        let text = cell.text
        if isASCII {
            guard text.utf8.count > head + 5 else { return cell }
            var source = text
            let short = source.withUTF8 { bytes in
                TextWriter.text(capacity: head + 7) { writer in
                    for byte in bytes[..<head] { writer.write(byte) }
                    writer.write("…")
                    for byte in bytes[(bytes.count - 4)...] { writer.write(byte) }
                }
            }
            return Cell(short, cell.emphasis)
        }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > head + 5 else { return cell }
        var short = String(String.UnicodeScalarView(scalars[..<head])) + "…"
        short.unicodeScalars.append(contentsOf: scalars[(scalars.count - 4)...])
        return Cell(short, cell.emphasis)
    }

}

extension [UInt8] {
    /// Appends `count` spaces (none when `count` is not positive).
    fileprivate mutating func appendSpaces(_ count: Int) {
        if count > 0 { append(contentsOf: repeatElement(UInt8(ascii: " "), count: count)) }
    }

    /// Appends the text's UTF-8 bytes, copied as one block.
    fileprivate mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}
