/// `to gpx`: GPX 1.1 (topografix.com/GPX/1/1), which every GPS tool opens — a path (a trip's waypoints) as a track
/// of one segment, each trip from its start to its stop as a track, single positions as waypoints; times as the
/// API wrote them.
package enum GPX {
    package static func write(_ value: Value) throws(ShellError) -> String {
        let tracks = GeoTrack.tracks(from: value)
        guard !tracks.isEmpty else {
            throw ShellError(
                .typeMismatch, "nothing to write as GPX: no positions in the input",
                hint: "pipe waypoints (`waypoints 0 TID`), trips, positions or a GeoJSON FeatureCollection")
        }
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gpx version="1.1" creator="ccsh" xmlns="http://www.topografix.com/GPX/1/1" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">

            """
        // GPX wants every waypoint before the first track.
        for track in tracks where !track.isPath {
            for point in track.points { xml += "  " + element("wpt", point, name: track.label) + "\n" }
        }
        for track in tracks where track.isPath {
            xml += "  <trk>\n"
            if let name = track.label ?? track.points.first?.time { xml += "    <name>\(escape(name))</name>\n" }
            xml += "    <trkseg>\n"
            for point in track.points { xml += "      " + element("trkpt", point, name: nil) + "\n" }
            xml += "    </trkseg>\n  </trk>\n"
        }
        return xml + "</gpx>\n"
    }

    private static func element(_ tag: String, _ point: GeoPoint, name: String?) -> String {
        var children = ""
        if let altitude = point.altitude { children += "<ele>\(Units.number(altitude, digits: 1, trimmed: true))</ele>" }
        if let time = point.time, Instant(time) != nil { children += "<time>\(escape(time))</time>" }
        if let name { children += "<name>\(escape(name))</name>" }
        let attributes =
            "lat=\"\(Units.number(point.latitude, digits: 7, trimmed: true))\" lon=\"\(Units.number(point.longitude, digits: 7, trimmed: true))\""
        return children.isEmpty ? "<\(tag) \(attributes)/>" : "<\(tag) \(attributes)>\(children)</\(tag)>"
    }

    private static func escape(_ text: String) -> String { Markup.escaped(text) }
}
