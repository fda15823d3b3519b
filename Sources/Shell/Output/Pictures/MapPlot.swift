import Foundation

/// A map on a terminal canvas: paths (a trip's waypoints, a LineString) drawn as lines from an `S` to an `E`,
/// single positions as lettered markers, in an equirectangular projection around the middle latitude, sized to
/// the window; with a north arrow, a scale bar in km and the bounding box's corners. No tiles: the shape of the
/// route is the picture.
package struct MapPlot {
    package let tracks: [GeoTrack]
    package private(set) var canvas: Canvas
    private let west: Double, east: Double, south: Double, north: Double
    /// Dots per projected degree, across and down.
    private let scaleX: Double, scaleY: Double
    private let offsetX: Double, offsetY: Double
    private let cosine: Double
    private let unicode: Bool

    /// Lays out `tracks` on a canvas at most `width` characters wide and `height` high.
    package init(tracks: [GeoTrack], width: Int, height: Int, unicode: Bool) {
        self.tracks = tracks
        self.unicode = unicode
        let all = tracks.flatMap(\.points)
        var west = all.map(\.longitude).min() ?? 0
        var east = all.map(\.longitude).max() ?? 0
        var south = all.map(\.latitude).min() ?? 0
        var north = all.map(\.latitude).max() ?? 0
        // At least half a kilometre across, and a margin, so one point or a straight line still has a map around it.
        let middle = (south + north) / 2
        let cosine = max(0.01, cos(middle * .pi / 180))
        let minimumSpan = 0.5 / 111.32
        if north - south < minimumSpan { (south, north) = (middle - minimumSpan / 2, middle + minimumSpan / 2) }
        if (east - west) * cosine < minimumSpan {
            let center = (west + east) / 2
            (west, east) = (center - minimumSpan / cosine / 2, center + minimumSpan / cosine / 2)
        }
        let marginLat = (north - south) * 0.04
        let marginLon = (east - west) * 0.04
        (west, east, south, north) = (west - marginLon, east + marginLon, south - marginLat, north + marginLat)
        self.cosine = cosine

        // Braille dots are square; an ASCII character is about twice as tall as wide.
        let dotAspect = unicode ? 1.0 : 2.0
        let maxColumns = max(10, width)
        let maxRows = max(4, height)
        let dotsPerColumn = unicode ? 2.0 : 1.0
        let dotsPerRow = unicode ? 4.0 : 1.0
        let spanX = (east - west) * cosine
        let spanY = north - south
        let scale = min(Double(maxColumns) * dotsPerColumn / spanX, Double(maxRows) * dotsPerRow * dotAspect / spanY)
        let columns = min(maxColumns, max(40, Int((spanX * scale / dotsPerColumn).rounded(.up))))
        let rows = min(maxRows, max(3, Int((spanY * scale / dotAspect / dotsPerRow).rounded(.up))))
        canvas = Canvas(columns: columns, rows: rows, unicode: unicode)
        scaleX = scale * cosine
        scaleY = scale / dotAspect
        offsetX = (Double(canvas.dotsWide) - spanX * scale) / 2
        offsetY = (Double(canvas.dotsHigh) - spanY * scale / dotAspect) / 2
        (self.west, self.east, self.south, self.north) = (west, east, south, north)
        draw()
    }

    /// The dot a point falls on.
    package func dot(_ point: GeoPoint) -> (x: Int, y: Int) {
        let x = Int((offsetX + (point.longitude - west) * scaleX).rounded(.down))
        let y = Int((offsetY + (north - point.latitude) * scaleY).rounded(.down))
        return (min(max(0, x), canvas.dotsWide - 1), min(max(0, y), canvas.dotsHigh - 1))
    }

    /// The character cell a point falls on.
    package func cell(_ point: GeoPoint) -> (column: Int, row: Int) {
        let (x, y) = dot(point)
        return canvas.cell(ofDot: x, y)
    }

    /// The letter each point track gets in the legend (`A`, `B`, …), and the markers of a path.
    static let letters = Array("ABCDFGHIJKLMNOPQRTUVWXYZ")

    private mutating func draw() {
        var letter = 0
        for track in tracks where track.isPath && track.points.count > 1 {
            for (a, b) in zip(track.points, track.points.dropFirst()) {
                let (x0, y0) = dot(a)
                let (x1, y1) = dot(b)
                canvas.line(x0, y0, x1, y1)
            }
        }
        for track in tracks {
            if track.isPath && track.points.count > 1, let first = track.points.first, let last = track.points.last {
                let start = cell(first)
                let end = cell(last)
                canvas.mark(column: end.column, row: end.row, "E")
                canvas.mark(column: start.column, row: start.row, "S")
            } else {
                let marker = tracks.count == 1 && track.points.count == 1 ? Character(unicode ? "●" : "o") : Self.letters[letter % Self.letters.count]
                for point in track.points {
                    let (column, row) = cell(point)
                    canvas.mark(column: column, row: row, marker)
                }
                letter += 1
            }
        }
    }

    /// The map with its frame: the north-west corner and a north arrow above, the scale bar and the south-east
    /// corner below, then the legend.
    package func lines(width: Int) -> [String] {
        let north = unicode ? "N ↑" : "N ^"
        let top = Self.corner(latitude: self.north, longitude: west)
        var lines = [top + String(repeating: " ", count: max(1, canvas.columns - top.count - north.count)) + north]
        lines += canvas.lines().map(\.trimmingTrailingSpaces)
        let bar = scaleBar()
        let bottom = Self.corner(latitude: south, longitude: east)
        lines.append(bar + String(repeating: " ", count: max(1, canvas.columns - bar.terminalWidth - bottom.count)) + bottom)
        lines += legend()
        return lines.map { $0.cutAtEnd(width) }
    }

    /// `├────┤ 5 km`: a round length, at most a quarter of the map's width.
    private func scaleBar() -> String {
        let kmPerColumn = Double(unicode ? 2 : 1) / scaleX * 111.32 * cosine
        let widest = kmPerColumn * Double(max(4, canvas.columns / 4))
        var length = 1.0
        while length * 10 <= widest { length *= 10 }
        while length > widest, length > 0.001 { length /= 10 }
        for step in [5.0, 2.0] where length * step <= widest {
            length *= step
            break
        }
        let columns = max(2, Int((length / kmPerColumn).rounded()))
        let (left, fill, right) = unicode ? ("├", "─", "┤") : ("|", "-", "|")
        let label = length >= 1 ? Units.number(length, digits: 0, unit: "km") : Units.number(length * 1000, digits: 0, unit: "m")
        return left + String(repeating: fill, count: max(0, columns - 2)) + right + " " + label
    }

    private func legend() -> [String] {
        var lines: [String] = []
        var letter = 0
        for track in tracks {
            if track.isPath && track.points.count > 1 {
                let length = zip(track.points, track.points.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
                lines.append(
                    "S start, E end: \(track.points.count) points, " + Units.number(length, digits: 1, unit: "km")
                        + (track.label.map { " · " + $0 } ?? ""))
            } else if tracks.count > 1 || track.label != nil {
                let marker = tracks.count == 1 && track.points.count == 1 ? (unicode ? "●" : "o") : String(Self.letters[letter % Self.letters.count])
                let place = track.points.first.map { Units.coordinates(longitude: $0.longitude, latitude: $0.latitude) } ?? ""
                lines.append("\(marker)  " + [track.label, place].compactMap { $0 }.joined(separator: "  "))
                letter += 1
            }
        }
        return lines
    }

    private static func corner(latitude: Double, longitude: Double) -> String {
        Units.fixed(abs(latitude), digits: 4) + (latitude < 0 ? " S, " : " N, ") + Units.fixed(abs(longitude), digits: 4)
            + (longitude < 0 ? " W" : " E")
    }
}
