/// Text measured and cut in terminal columns: what a table needs to line cells up. ASCII is one column a byte;
/// other scalars use their East Asian width (wide CJK and emoji take two, combining marks none).
extension String {
    /// Columns the text takes on a terminal.
    package var terminalWidth: Int {
        if isASCII { return utf8.count }
        // Decoded by hand from the bytes (the text is valid UTF-8): the unicode scalar view costs several times
        // more, and a table measures every cell (`31 Oct 14:22 · 3 h ago`, `78 → 23 %`).
        var text = self
        return text.withUTF8 { bytes in
            var width = 0
            var at = 0
            while at < bytes.count {
                let lead = bytes[at]
                if lead < 0x80 {
                    width += lead < 0x20 || lead == 0x7F ? 0 : 1
                    at += 1
                    continue
                }
                let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                var value = UInt32(lead < 0x80 ? lead : lead < 0xE0 ? lead & 0x1F : lead < 0xF0 ? lead & 0x0F : lead & 0x07)
                var next = at + 1
                while next < min(at + length, bytes.count) {
                    value = value << 6 | UInt32(bytes[next] & 0x3F)
                    next += 1
                }
                at = next
                width += Unicode.Scalar(value)?.terminalWidth ?? 1
            }
            return width
        }
    }

    /// Whether every byte is ASCII, read eight bytes at a time where the text is contiguous (every cell of a table
    /// is measured, and ids are 129 characters long).
    var isASCII: Bool {
        let checked = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress else { return true }
            var at = 0
            while at + 8 <= bytes.count {
                if UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                at += 8
            }
            while at < bytes.count {
                if bytes[at] >= 0x80 { return false }
                at += 1
            }
            return true
        }
        return checked ?? utf8.allSatisfy { $0 < 0x80 }
    }

    /// The text cut to at most `width` columns, an ellipsis at its end (prose: "Low fuel l…").
    package func cutAtEnd(_ width: Int) -> String {
        guard terminalWidth > width else { return self }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var kept = String.UnicodeScalarView()
        var used = 0
        for scalar in unicodeScalars {
            let next = scalar.terminalWidth
            if used + next > width - 1 { break }
            kept.append(scalar)
            used += next
        }
        return String(kept) + "…"
    }

    /// The text cut to at most `width` columns in its middle (ids: "227b04…f816"), keeping both ends.
    package func cutInMiddle(_ width: Int) -> String {
        guard terminalWidth > width else { return self }
        guard width > 2 else { return cutAtEnd(width) }
        let scalars = Array(unicodeScalars)
        let headWidth = width / 2
        let tailWidth = width - 1 - headWidth
        var head = String.UnicodeScalarView()
        var used = 0
        for scalar in scalars {
            if used + scalar.terminalWidth > headWidth { break }
            head.append(scalar)
            used += scalar.terminalWidth
        }
        var tail: [Unicode.Scalar] = []
        used = 0
        for scalar in scalars.reversed() {
            if used + scalar.terminalWidth > tailWidth { break }
            tail.append(scalar)
            used += scalar.terminalWidth
        }
        var result = String(head) + "…"
        result.unicodeScalars.append(contentsOf: tail.reversed())
        return result
    }

    /// The text padded with spaces to `width` columns, on the right (or on the left when `right`).
    package func padded(to width: Int, right: Bool = false) -> String {
        let fill = width - terminalWidth
        guard fill > 0 else { return self }
        let spaces = String(repeating: " ", count: fill)
        return right ? spaces + self : self + spaces
    }

    /// Table cells and card values are one line: newlines show as `⏎`, tabs as a space.
    package var singleLine: String {
        guard utf8.contains(where: { $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) else { return self }
        return split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "⏎")
            .replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r", with: "")
    }

    /// Without trailing spaces.
    package var trimmingTrailingSpaces: String {
        // Over bytes: a space is one byte and never part of a longer character, and `last` on characters would
        // look for a grapheme boundary at the end of every line of a table.
        let bytes = utf8
        guard bytes.last == UInt8(ascii: " ") else { return self }
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: " ") { end = bytes.index(before: end) }
        return String(self[..<end])
    }
}

extension Unicode.Scalar {
    /// Columns this scalar takes: 0 for controls, combining marks and zero-width formats, 2 for wide ones.
    var terminalWidth: Int {
        let v = value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        // Punctuation, arrows, symbols, box drawing, blocks, braille: one column, but for the zero-width formats.
        if v >= 0x2010, v < 0x2E80 { return (0x2028...0x202E).contains(v) || (0x2060...0x206F).contains(v) ? 0 : 1 }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        let isWide =
            (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x3FFFD).contains(v)
        return isWide ? 2 : 1
    }
}
