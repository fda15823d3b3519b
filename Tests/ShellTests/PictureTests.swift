import Foundation
import Shell
import Testing

/// Maps and charts: what they draw is where the data says.
struct PictureTests {
    /// A path that bends: east, then north-east, then north (Turin's ring road, roughly).
    static let waypoints: [GeoPoint] = (0..<40).map { n in
        let t = Double(n)
        return n < 15
            ? GeoPoint(longitude: 7.60 + t * 0.01, latitude: 45.00)
            : n < 28
                ? GeoPoint(longitude: 7.74 + (t - 14) * 0.008, latitude: 45.00 + (t - 14) * 0.008)
                : GeoPoint(longitude: 7.85, latitude: 45.10 + (t - 27) * 0.01)
    }

    @Test("map: every waypoint's projected cell is lit, S at the first point and E at the last, within the width", arguments: [true, false])
    func map(unicode: Bool) {
        let plot = MapPlot(tracks: [GeoTrack(points: Self.waypoints, isPath: true)], width: 80, height: 20, unicode: unicode)
        for point in Self.waypoints {
            let cell = plot.cell(point)
            #expect(plot.canvas.isLit(column: cell.column, row: cell.row), "\(point) at \(cell)")
        }
        let start = plot.cell(Self.waypoints[0])
        let end = plot.cell(Self.waypoints[Self.waypoints.count - 1])
        #expect(plot.canvas.marker(column: start.column, row: start.row) == "S")
        #expect(plot.canvas.marker(column: end.column, row: end.row) == "E")
        // North is up, east is right: the last point (north-east) is above and right of the first.
        #expect(end.row < start.row && end.column > start.column)
        // Nothing lit far from the path: the top-left corner is north-west of everything.
        #expect(!plot.canvas.isLit(column: 0, row: 0))
        let lines = plot.lines(width: 80)
        #expect(lines.allSatisfy { $0.terminalWidth <= 80 })
        #expect(lines[0].hasPrefix("45.2") && lines[0].hasSuffix(unicode ? "N ↑" : "N ^"), "\(lines[0])")
        #expect(lines.contains { $0.contains(" km") && $0.hasPrefix(unicode ? "├" : "|") }, "a scale bar")
        #expect(lines.last?.hasPrefix("S start, E end: 40 points") == true, "\(lines.last ?? "")")
    }

    @Test("map: the scale bar's length matches the projection")
    func scale() throws {
        let plot = MapPlot(
            tracks: [GeoTrack(points: [GeoPoint(longitude: 2.0, latitude: 48.0), GeoPoint(longitude: 2.5, latitude: 48.0)], isPath: true)],
            width: 100,
            height: 10, unicode: false)
        let bar = try #require(plot.lines(width: 100).first { $0.hasPrefix("|") })
        let columns = try #require(bar.split(separator: " ").first).count
        let km = try #require(Double(bar.split(separator: " ")[1]))
        // 0.5° of longitude at 48° N is 37.2 km over the path's cells.
        let from = plot.cell(GeoPoint(longitude: 2.0, latitude: 48.0)).column
        let to = plot.cell(GeoPoint(longitude: 2.5, latitude: 48.0)).column
        let kmPerColumn = 37.2 / Double(to - from)
        #expect(abs(Double(columns) * kmPerColumn - km) <= 2 * kmPerColumn, "\(bar): \(columns) columns for \(km) km")
    }

    @Test("map: rows tagged with a vin are one marker each, named in the legend")
    func markers() {
        let rows: Value = .list([
            ["vin": "VIN1", "type": "Feature", "geometry": ["type": "Point", "coordinates": [7.6, 45.0]]],
            ["vin": "VIN2", "type": "Feature", "geometry": ["type": "Point", "coordinates": [7.7, 45.1]]],
        ])
        let tracks = GeoTrack.tracks(from: rows)
        #expect(tracks.count == 2 && tracks.allSatisfy { !$0.isPath })
        let lines = MapPlot(tracks: tracks, width: 60, height: 12, unicode: true).lines(width: 60)
        #expect(lines.contains { $0.hasPrefix("A  VIN1") } && lines.contains { $0.hasPrefix("B  VIN2") }, "\(lines)")
    }

    @Test("map --points: a place's row is named in the legend by its place, beside its coordinates")
    func placeNames() {
        let rows: Value = .list([
            ["place": "home", "visits": 3, "latitude": 45.0781, "longitude": 7.6987],
            ["place": "45.162, 7.540", "visits": 1, "latitude": 45.1623, "longitude": 7.5404],
        ])
        let tracks = GeoTrack.tracks(from: rows, points: true)
        #expect(tracks.map(\.label) == ["home", "45.162, 7.540"])
        let lines = MapPlot(tracks: tracks, width: 60, height: 12, unicode: true).lines(width: 60)
        #expect(lines.contains { $0.hasPrefix("A  home  45.07810, 7.69870") }, "\(lines)")
        #expect(GeoTrack.tracks(from: rows).count == 1, "without --points, the rows are one path, as before")
    }

    @Test("chart: the maximum is on the top row and the minimum on the bottom one, each labelled there")
    func chart() {
        let series: [Double] = [3, 7, 1, 9, 5]
        let points = series.enumerated().map { Chart.Point(x: Double($0.offset), y: $0.element, label: String($0.offset)) }
        let lines = Chart.line(points, width: 40, height: 5, unicode: true)
        #expect(lines.count == 7, "5 rows, the axis, the labels")
        #expect(lines[0].hasPrefix("9 ┤"), "\(lines[0])")
        #expect(lines[4].hasPrefix("1 ┤"), "\(lines[4])")
        // The plot is 37 columns (74 dots) across: point n is at dot n × 73 / 4; its cell must be lit on its row.
        func lit(_ row: Int, _ n: Int) -> Bool {
            let line = Array(lines[row].dropFirst(3))
            let column = Int((Double(n) * 73 / 4).rounded()) / 2
            return column < line.count && line[column] != " "
        }
        #expect(lit(0, 3), "9 (point 3) on the top row: \(lines[0])")
        #expect(lit(4, 2), "1 (point 2) on the bottom row: \(lines[4])")
        #expect(!lit(0, 2) && !lit(4, 3))
        #expect(lines[6].hasSuffix("4"), "the last x label: \(lines[6])")
        #expect(lines.allSatisfy { $0.terminalWidth <= 40 })
    }

    @Test("chart: bars in proportion, a sparkline with its range")
    func barsAndSpark() {
        let points = [Chart.Point(x: 0, y: 2, label: "a"), Chart.Point(x: 1, y: 4, label: "bb")]
        let bars = Chart.bars(points, width: 30, unicode: false)
        #expect(bars == ["a   ###########              2", "bb  #######################  4"], "\(bars)")
        #expect(Chart.spark([3, 1, 4, 1, 5], unicode: true) == "▅▁▆▁█  1 … 5")
        #expect(Chart.spark([3, 1, 4, 1, 5], unicode: false) == "+_*_@  1 .. 5")
    }
}
