import Shell

/// `chart FIELD [--by FIELD]`: a numeric field of each row as a line chart, bars or a sparkline.
struct ChartCommand: Command {
    var signature: Signature {
        Signature("chart", summary: "Chart a numeric field over a list: a line chart with axes, bars (--bars) or a sparkline (--spark).")
            .input("list of records (or numbers)")
            .output("string (the picture)")
            .optional("field", .cellPath, "The numeric field to chart, e.g. `distance` (leave out for a list of numbers).")
            .flag("by", .cellPath, "The x axis: a number or an instant of each row, e.g. `startedAt` (default: the row's position).")
            .switch("bars", "One horizontal bar a row, labelled with --by.")
            .switch("spark", "One line: a sparkline with the minimum and the maximum.")
            .flag("height", .int, "Rows of the line chart (default 10).")
            .discussion("Rows without a number there are left out. With --by, points are in the order of that field (oldest first for instants).")
            .example("trips 0 | chart distance --by startedAt", "Each trip's distance over time.")
            .example("telemetry 0 | first 50 | chart vehicle.energy.0.level", "The battery over the last 50 messages.")
            .example("[3, 1, 4, 1, 5] | chart --spark", "A sparkline: ▅▁▆▁█  1 … 5.")
            .example("trips 0 | first 10 | chart distance --by startedAt --bars", "The last ten trips as bars.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let rows = try call.list(input)
        let field = call.cellPath("field")
        let by = call.cellPath("by")
        var points: [Chart.Point] = []
        for (n, row) in rows.enumerated() {
            guard let y = (field.map { row.lookup($0) } ?? row)?.number else { continue }
            var x = Double(n)
            var label = String(n)
            if let by, let value = row.lookup(by) {
                if let instant = value.stringValue.flatMap(Instant.init) {
                    x = Double(instant.seconds)
                    label = Instant.day(instant, context.interpreter.presentation)
                } else if let number = value.number {
                    x = number
                    label = value.text
                } else {
                    label = value.text
                }
            }
            points.append(Chart.Point(x: x, y: y, label: label))
        }
        guard !points.isEmpty else {
            let what = field.map { "no row has a number at '\($0)'" } ?? "the input holds no numbers"
            throw call.error("nothing to chart: \(what)", hint: "name a numeric field, e.g. `trips 0 | chart distance`", code: .badArgument)
        }
        if by != nil { points.sort { $0.x < $1.x } }
        let presentation = context.interpreter.presentation
        if call.isSet("spark") { return .value(.string(Chart.spark(points.map(\.y), unicode: presentation.unicode))) }
        if call.isSet("bars") {
            return .value(.string(Chart.bars(points, width: presentation.width, unicode: presentation.unicode).joined(separator: "\n")))
        }
        let height = call.int("height") ?? 10
        guard (2...200).contains(height) else {
            throw call.error("--height must be from 2 to 200, got \(height)", argument: "height", code: .badArgument)
        }
        return .value(.string(Chart.line(points, width: presentation.width, height: height, unicode: presentation.unicode).joined(separator: "\n")))
    }
}
