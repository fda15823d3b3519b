/// A grid of dots for terminal pictures: Unicode braille, 2 × 4 dots a character, or in ASCII one dot a
/// character (`*`). Characters can also carry a marker letter (a trip's start, a vehicle) over the dots.
package struct Canvas: Sendable {
    /// Size in characters.
    package let columns: Int
    package let rows: Int
    package let unicode: Bool
    private var cells: [UInt8]
    private var markers: [Int: Character] = [:]

    package init(columns: Int, rows: Int, unicode: Bool) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        self.unicode = unicode
        cells = Array(repeating: 0, count: self.columns * self.rows)
    }

    /// Dots across and down.
    package var dotsWide: Int { unicode ? columns * 2 : columns }
    package var dotsHigh: Int { unicode ? rows * 4 : rows }

    /// The character cell holding dot (x, y).
    package func cell(ofDot x: Int, _ y: Int) -> (column: Int, row: Int) { unicode ? (x / 2, y / 4) : (x, y) }

    /// Lights dot (x, y); dots outside the canvas are ignored.
    package mutating func plot(_ x: Int, _ y: Int) {
        guard x >= 0, y >= 0, x < dotsWide, y < dotsHigh else { return }
        let (column, row) = cell(ofDot: x, y)
        guard unicode else {
            cells[row * columns + column] = 1
            return
        }
        // Braille dot numbering: 1 2 3 7 down the left column, 4 5 6 8 down the right.
        let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        cells[row * columns + column] |= bits[x % 2][y % 4]
    }

    /// Lights the dots of a straight line (Bresenham).
    package mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) {
        var (x, y) = (x0, y0)
        let dx = abs(x1 - x0)
        let dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1
        let sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        while true {
            plot(x, y)
            if x == x1 && y == y1 { break }
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x += sx
            }
            if doubled <= dx {
                error += dx
                y += sy
            }
        }
    }

    /// Puts `marker` in a character cell, over its dots.
    package mutating func mark(column: Int, row: Int, _ marker: Character) {
        guard column >= 0, row >= 0, column < columns, row < rows else { return }
        markers[row * columns + column] = marker
    }

    /// Whether a character cell shows anything (a dot or a marker).
    package func isLit(column: Int, row: Int) -> Bool {
        guard column >= 0, row >= 0, column < columns, row < rows else { return false }
        return cells[row * columns + column] != 0 || markers[row * columns + column] != nil
    }

    /// The marker in a character cell, if any.
    package func marker(column: Int, row: Int) -> Character? { markers[row * columns + column] }

    /// The canvas as lines of text (trailing blanks kept, so that lines line up under a frame).
    package func lines() -> [String] {
        (0..<rows).map { row in
            var line = ""
            line.unicodeScalars.reserveCapacity(columns)
            for column in 0..<columns {
                let index = row * columns + column
                if let marker = markers[index] {
                    line.append(marker)
                } else if unicode {
                    line.unicodeScalars.append(cells[index] == 0 ? " " : Unicode.Scalar(0x2800 + UInt32(cells[index])) ?? " ")
                } else {
                    line.append(cells[index] == 0 ? " " : "*")
                }
            }
            return line
        }
    }
}
