import Foundation
import Shell

/// A month's report (``ReportCommand``) as one self-contained HTML page (`report … | to html`): the card as a
/// table, and three inline SVG pictures — the calendar strip, the efficiency by day, the drives on a map. No script,
/// no font, no image, nothing fetched: it opens the same without a network. Each part has colours of its own
/// (docs/history.md, "The monthly report"), which the browser test looks for in a screenshot.
package enum ReportPage {
    /// The parts' colours.
    package enum Colour {
        package static let cardBand = "#1a365d"
        package static let drove = "#2b6cb0"
        package static let charged = "#38a169"
        package static let both = "#805ad5"
        package static let idle = "#e2e8f0"
        package static let efficiencyLine = "#dd6b20"
        package static let efficiencyBackground = "#fffaf0"
        package static let mapBackground = "#e6fffa"
        package static let mapPath = "#c53030"
    }

    /// The page of `record` when it is a month's report, else nil.
    static func page(_ value: Value) -> String? {
        guard case .record(let record) = value, View.monthReport.matches(record) else { return nil }
        let month = record.string("month") ?? ""
        let car = [record.string("vehicle"), record.string("vin")].compactMap { $0 }.joined(separator: " · ")
        let before = record.string("previousMonth") ?? "before"
        var rows = ""
        for figure in ReportFigures.all {
            let unit = figure.name == "cost" ? record.string("currency") ?? "" : figure.unit
            let value = record.number(figure.name).map { Units.number($0, digits: figure.digits, unit: unit.isEmpty ? nil : unit) } ?? "–"
            let previous =
                record.number("previous.\(figure.name)").map { Units.number($0, digits: figure.digits, unit: unit.isEmpty ? nil : unit) } ?? "–"
            rows += "<tr><th>\(Markup.escaped(figure.label))</th><td class=\"value\">\(Markup.escaped(value))</td>"
            rows += "<td>\(Markup.escaped(ReportFigures.change(record.number(figure.name), record.number("previous.\(figure.name)"))))</td>"
            rows += "<td class=\"before\">\(Markup.escaped(previous))</td></tr>\n"
        }
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escaped(month)) — \(Markup.escaped(car.isEmpty ? "ccsh report" : car))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 24px auto; max-width: 960px; color: #1a202c; background: #ffffff; }
            section { margin: 0 0 28px 0; }
            h1 { margin: 0; font-size: 28px; } h2 { font-size: 18px; margin: 0 0 8px 0; }
            .band { background: \(Colour.cardBand); color: #ffffff; padding: 16px 20px; border-radius: 8px 8px 0 0; }
            .card table { width: 100%; border-collapse: collapse; border: 2px solid \(Colour.cardBand); }
            .card th, .card td { text-align: left; padding: 6px 12px; border-bottom: 1px solid #e2e8f0; }
            .card td.value { font-weight: 600; } .card td.before { color: #4a5568; }
            svg { display: block; width: 100%; height: auto; }
            .legend span { display: inline-block; margin-right: 16px; } .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; }
            </style>
            </head>
            <body>
            <section class="card" id="card">
            <div class="band"><h1>\(Markup.escaped(month))</h1><div>\(Markup.escaped(car))</div></div>
            <table>
            <tr><th>figure</th><th>\(Markup.escaped(month))</th><th>change</th><th>\(Markup.escaped(before))</th></tr>
            \(rows)</table>
            </section>
            <section id="calendar"><h2>Driving and charging days</h2>
            \(calendar(record.records("days")))
            <div class="legend"><span><i style="background:\(Colour.drove)"></i>drove</span><span><i style="background:\(Colour.charged)"></i>charged</span><span><i style="background:\(Colour.both)"></i>both</span></div>
            </section>
            <section id="efficiency"><h2>Efficiency by day (kWh/100 km)</h2>
            \(efficiency(record.records("efficiencyByDay")))
            </section>
            <section id="map"><h2>Drives</h2>
            \(map(record.records("paths")))
            </section>
            <footer>Made by ccsh from the history database; `report --explain` gives each number's query.</footer>
            </body>
            </html>

            """
    }

    /// A row of day cells, numbered.
    private static func calendar(_ days: [Record]) -> String {
        let cell = 28.0
        var svg = "<svg viewBox=\"0 0 \(Int(cell) * max(1, days.count)) 52\" role=\"img\" aria-label=\"days\">"
        for (index, day) in days.enumerated() {
            let drove = (day.number("km") ?? 0) > 0
            let charged = (day.number("kWh") ?? 0) > 0
            let colour = drove && charged ? Colour.both : drove ? Colour.drove : charged ? Colour.charged : Colour.idle
            let x = Double(index) * cell
            svg +=
                "<rect x=\"\(x + 1)\" y=\"0\" width=\"\(cell - 2)\" height=\"32\" rx=\"3\" fill=\"\(colour)\"><title>\(Markup.escaped(day.string("day") ?? ""))</title></rect>"
            svg += "<text x=\"\(x + cell / 2)\" y=\"48\" font-size=\"11\" text-anchor=\"middle\">\(index + 1)</text>"
        }
        return svg + "</svg>"
    }

    /// A line through each day's kWh/100 km, over its background and axis labels.
    private static func efficiency(_ days: [Record]) -> String {
        let (width, height, margin) = (900.0, 240.0, 40.0)
        let points = days.compactMap { day in day.number("kWhPer100km").map { (String(day.string("day")?.suffix(2) ?? ""), $0) } }
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"efficiency\">"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"\(Colour.efficiencyBackground)\"/>"
        guard !points.isEmpty else { return svg + "<text x=\"20\" y=\"40\">no drive to measure</text></svg>" }
        let low = (points.map(\.1).min() ?? 0) * 0.9
        let high = max(low + 1, (points.map(\.1).max() ?? 1) * 1.1)
        func x(_ index: Int) -> Double { margin + Double(index) * (width - 2 * margin) / Double(max(1, points.count - 1)) }
        func y(_ value: Double) -> Double { height - margin - (value - low) / (high - low) * (height - 2 * margin) }
        let line = points.enumerated().map { "\(fixed(x($0.offset))),\(fixed(y($0.element.1)))" }.joined(separator: " ")
        svg += "<polyline points=\"\(line)\" fill=\"none\" stroke=\"\(Colour.efficiencyLine)\" stroke-width=\"4\"/>"
        for (index, point) in points.enumerated() {
            svg +=
                "<circle cx=\"\(fixed(x(index)))\" cy=\"\(fixed(y(point.1)))\" r=\"5\" fill=\"\(Colour.efficiencyLine)\"><title>\(Markup.escaped(point.0)): \(fixed(point.1))</title></circle>"
            svg +=
                "<text x=\"\(fixed(x(index)))\" y=\"\(Int(height - 12))\" font-size=\"11\" text-anchor=\"middle\">\(Markup.escaped(point.0))</text>"
        }
        svg +=
            "<text x=\"4\" y=\"\(fixed(y(high) + 12))\" font-size=\"11\">\(fixed(high))</text><text x=\"4\" y=\"\(fixed(y(low)))\" font-size=\"11\">\(fixed(low))</text>"
        return svg + "</svg>"
    }

    /// The drives' paths, projected so that a km is as long north as east.
    private static func map(_ drives: [Record]) -> String {
        let (width, height, margin) = (900.0, 480.0, 20.0)
        let paths = drives.map { drive in
            drive.records("path").compactMap { point in point.number("latitude").flatMap { lat in point.number("longitude").map { (lat, $0) } } }
        }.filter { $0.count > 1 }
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"drives\">"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"\(Colour.mapBackground)\"/>"
        let all = paths.flatMap { $0 }
        guard let minLat = all.map(\.0).min(), let maxLat = all.map(\.0).max(), let minLon = all.map(\.1).min(), let maxLon = all.map(\.1).max()
        else {
            return svg + "<text x=\"20\" y=\"40\">no drive with a path</text></svg>"
        }
        let squash = cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = max(1e-6, (maxLon - minLon) * squash)
        let spanY = max(1e-6, maxLat - minLat)
        let scale = min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY)
        for path in paths {
            let line = path.map { "\(fixed(margin + ($0.1 - minLon) * squash * scale)),\(fixed(height - margin - ($0.0 - minLat) * scale))" }
            svg +=
                "<polyline points=\"\(line.joined(separator: " "))\" fill=\"none\" stroke=\"\(Colour.mapPath)\" stroke-width=\"5\" stroke-linejoin=\"round\"/>"
        }
        return svg + "</svg>"
    }

    private static func fixed(_ value: Double) -> String { String(format: "%.1f", value) }
}
