/// Charts of a numeric series for a terminal: a line chart on a braille canvas with its axes, the maximum labelled
/// on the top row and the minimum on the bottom one; horizontal bars, one a row; or a one-line sparkline.
package enum Chart {
    /// One point of a series; `label` names it on the x axis (a date, an index).
    package struct Point: Sendable, Equatable {
        package var x: Double
        package var y: Double
        package var label: String

        package init(x: Double, y: Double, label: String) {
            self.x = x
            self.y = y
            self.label = label
        }
    }

    /// A line chart `height` rows high in `width` columns: y labels, `┤`, the plot; under it the x axis with the
    /// first and last labels.
    package static func line(_ points: [Point], width: Int, height: Int, unicode: Bool) -> [String] {
        guard let minY = points.map(\.y).min(), let maxY = points.map(\.y).max(), let minX = points.map(\.x).min(),
            let maxX = points.map(\.x).max()
        else { return [] }
        let top = Units.number(maxY, digits: 2, trimmed: true)
        let bottom = Units.number(minY, digits: 2, trimmed: true)
        let middle = Units.number((maxY + minY) / 2, digits: 2, trimmed: true)
        let labelWidth = max(top.count, bottom.count, middle.count)
        let rows = max(2, height)
        var canvas = Canvas(columns: max(4, width - labelWidth - 2), rows: rows, unicode: unicode)
        let dots = points.map { point -> (Int, Int) in
            let x = maxX == minX ? canvas.dotsWide / 2 : Int(((point.x - minX) / (maxX - minX) * Double(canvas.dotsWide - 1)).rounded())
            let y = maxY == minY ? canvas.dotsHigh / 2 : Int(((maxY - point.y) / (maxY - minY) * Double(canvas.dotsHigh - 1)).rounded())
            return (x, y)
        }
        if dots.count == 1, let only = dots.first { canvas.plot(only.0, only.1) }
        for (a, b) in zip(dots, dots.dropFirst()) { canvas.line(a.0, a.1, b.0, b.1) }
        let (tick, corner, rule) = unicode ? ("┤", "└", "─") : ("|", "+", "-")
        var lines: [String] = []
        for (n, row) in canvas.lines().enumerated() {
            let label = n == 0 ? top : n == rows - 1 ? bottom : n == rows / 2 && rows > 4 ? middle : ""
            lines.append((label.padded(to: labelWidth, right: true) + " " + tick + row).trimmingTrailingSpaces)
        }
        lines.append(String(repeating: " ", count: labelWidth + 1) + corner + String(repeating: rule, count: canvas.columns))
        let first = points.min { $0.x < $1.x }?.label ?? ""
        let last = points.max { $0.x < $1.x }?.label ?? ""
        let gap = canvas.columns - first.terminalWidth - last.terminalWidth
        lines.append(
            String(repeating: " ", count: labelWidth + 2) + first + (gap > 0 && first != last ? String(repeating: " ", count: gap) + last : ""))
        return lines.map { $0.cutAtEnd(width) }
    }

    /// One bar a point: its label, the bar (eighths of a block in Unicode), the value.
    package static func bars(_ points: [Point], width: Int, unicode: Bool) -> [String] {
        let labelWidth = min(24, points.map { $0.label.terminalWidth }.max() ?? 0)
        let values = points.map { Units.number($0.y, digits: 2, trimmed: true) }
        let valueWidth = values.map(\.count).max() ?? 0
        let room = max(4, width - labelWidth - valueWidth - 4)
        let largest = max(points.map { abs($0.y) }.max() ?? 0, .leastNonzeroMagnitude)
        return zip(points, values).map { point, value in
            let eighths = Int((abs(point.y) / largest * Double(room * 8)).rounded())
            var bar = String(repeating: unicode ? "█" : "#", count: eighths / 8)
            if unicode, eighths % 8 > 0, let partial = Unicode.Scalar(0x2590 - UInt32(eighths % 8)) { bar.unicodeScalars.append(partial) }
            return
                (point.label.cutAtEnd(labelWidth).padded(to: labelWidth) + "  " + bar.padded(to: room) + "  "
                + value.padded(to: valueWidth, right: true))
                .trimmingTrailingSpaces
        }
    }

    /// `▁▃▅█▂  1 … 9`: each value as one character's height, then the minimum and maximum.
    package static func spark(_ values: [Double], unicode: Bool) -> String {
        guard let low = values.min(), let high = values.max() else { return "" }
        let levels = unicode ? Array("▁▂▃▄▅▆▇█") : Array("_.-=+*#@")
        let line = String(values.map { value in levels[high == low ? levels.count / 2 : Int(((value - low) / (high - low) * 7).rounded())] })
        return line + "  " + Units.number(low, digits: 2, trimmed: true) + (unicode ? " … " : " .. ") + Units.number(high, digits: 2, trimmed: true)
    }
}
