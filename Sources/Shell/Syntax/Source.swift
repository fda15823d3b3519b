/// A piece of ccsh source and its name (`<repl>`, `-c`, or a file path), with line and column lookup.
package struct Source: Sendable, Equatable {
    package var name: String
    package var text: String
    private let lineStarts: [Int]

    package init(name: String, text: String) {
        self.name = name
        self.text = text
        var starts = [0]
        for (offset, byte) in text.utf8.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// 1-based line and column (in characters) of a byte offset.
    package func location(_ offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let bytes = Array(text.utf8)
        let start = lineStarts[low]
        let column = bytes[start..<min(max(offset, start), bytes.count)].filter { $0 & 0xC0 != 0x80 }.count + 1
        return (low + 1, column)
    }

    /// The same source with the bytes of `range` shown as `*` (offsets, and so every other range, stay valid).
    package func masking(_ range: SourceRange) -> Source {
        var bytes = Array(text.utf8)
        for index in max(0, range.start)..<min(bytes.count, max(range.start, range.end)) { bytes[index] = UInt8(ascii: "*") }
        return Source(name: name, text: String(decoding: bytes, as: UTF8.self))
    }

    /// The text of the line holding `offset`, without its newline.
    package func line(containing offset: Int) -> String {
        let (line, _) = location(offset)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(line - 1).first.map(String.init) ?? ""
    }
}

/// Byte offsets `start..<end` into a ``Source``.
package struct SourceRange: Sendable, Equatable, Hashable {
    package var start: Int
    package var end: Int

    package init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    /// The range spanning both.
    package func union(_ other: SourceRange) -> SourceRange { SourceRange(min(start, other.start), max(end, other.end)) }
}
