import Shell

extension View {
    /// A month's report (`report`): its figures with their change since the month before, a calendar strip of
    /// driving and charging days, the efficiency by day, and the month's drives on a map.
    static let monthReport = View("month report", matching: .test { $0["previousMonth"] != nil && $0["days"] != nil && $0["change"] != nil })
        .card { record, presentation in
            var lines: [View.Line] = []
            let car = [record.string("vehicle"), record.string("vin")].compactMap { $0 }.joined(separator: " · ")
            lines.append(View.Line("month", (record.string("month") ?? "") + (car.isEmpty ? "" : " — " + car)))
            let before = record.string("previousMonth") ?? "before"
            for figure in ReportFigures.all {
                lines.append(View.Line(figure.label, ReportFigures.text(figure, record, before: before)))
            }
            lines.append(View.Line("days", ReportFigures.calendar(record.records("days")).joined(separator: "\n")))
            let points = record.records("efficiencyByDay").enumerated().compactMap { index, day -> Chart.Point? in
                day.number("kWhPer100km").map { Chart.Point(x: Double(index), y: $0, label: String(day.string("day")?.suffix(2) ?? "")) }
            }
            // The card's titles take about 20 columns.
            let width = max(20, presentation.width - 22)
            if points.count > 1 {
                let chart = Chart.line(points, width: width, height: 6, unicode: presentation.unicode)
                lines.append(View.Line("efficiency by day", chart.joined(separator: "\n")))
            }
            let tracks = GeoTrack.tracks(from: record["paths"] ?? .list([])).filter { $0.points.count > 1 }
            if !tracks.isEmpty {
                // The frame without the legend: a month's drives are too many to list.
                let plot = MapPlot(tracks: tracks, width: width, height: 12, unicode: presentation.unicode)
                lines.append(View.Line("drives", plot.lines(width: width).prefix(plot.canvas.rows + 2).joined(separator: "\n")))
            }
            return lines
        }
}

/// The report's figures as the card and the page show them.
enum ReportFigures {
    struct Figure {
        var name: String
        var label: String
        var unit: String
        var digits: Int
    }

    static let all = [
        Figure(name: "km", label: "driven", unit: "km", digits: 0), Figure(name: "drives", label: "drives", unit: "", digits: 0),
        Figure(name: "kWh", label: "charged", unit: "kWh", digits: 1), Figure(name: "cost", label: "cost", unit: "", digits: 2),
        Figure(name: "efficiency", label: "efficiency", unit: "kWh/100 km", digits: 1),
        Figure(name: "homeCharges", label: "charges at home", unit: "", digits: 0),
        Figure(name: "publicCharges", label: "charges elsewhere", unit: "", digits: 0),
        Figure(name: "drain", label: "drain parked", unit: "%/day", digits: 2), Figure(name: "co2", label: "CO₂", unit: "kg", digits: 1),
    ]

    /// `612 km   +12.5 % since 2026-10 (544 km)`; a figure not known is `–`.
    static func text(_ figure: Figure, _ record: Record, before: String) -> String {
        let unit = figure.name == "cost" ? record.string("currency") ?? "" : figure.unit
        func shown(_ value: Double?) -> String {
            guard let value else { return "–" }
            return Units.number(value, digits: figure.digits, unit: unit.isEmpty ? nil : unit)
        }
        let value = record.number(figure.name)
        let previous = record.number("previous.\(figure.name)")
        return shown(value) + "   " + change(value, previous) + " since \(before) (\(shown(previous)))"
    }

    /// `+12.5 %`, `−3 %`, `=`; `from 0` from nothing.
    static func change(_ value: Double?, _ previous: Double?) -> String {
        guard let value, let previous else { return "–" }
        if value == previous { return "=" }
        guard previous != 0 else { return "from 0" }
        let percent = (value - previous) / abs(previous) * 100
        return (percent > 0 ? "+" : "−") + Units.fixed(abs(percent), digits: abs(percent) < 10 ? 1 : 0) + " %"
    }

    /// The calendar strip: a cell a day — `█` drove and charged, `▀` drove, `▄` charged, `·` neither — over the
    /// day numbers every fifth day.
    static func calendar(_ days: [Record]) -> [String] {
        var strip = ""
        var numbers = ""
        for (index, day) in days.enumerated() {
            let drove = (day.number("km") ?? 0) > 0
            let charged = (day.number("kWh") ?? 0) > 0
            strip.append(drove && charged ? "█" : drove ? "▀" : charged ? "▄" : "·")
            if index % 5 == 0 {
                let number = String(Int(day.string("day")?.suffix(2) ?? "") ?? index + 1)
                numbers += number + String(repeating: " ", count: max(0, 5 - number.count))
            }
        }
        return [strip, numbers.trimmingTrailingSpaces(), "▀ drove  ▄ charged  █ both"]
    }
}

extension String {
    /// The text without the spaces that end it.
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
