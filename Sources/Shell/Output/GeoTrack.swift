/// Positions read from the pipe as what maps and GPX files draw: a path (a trip's waypoints, a LineString), or
/// points each with a marker (one vehicle's position).
package struct GeoTrack: Sendable, Equatable {
    package var points: [GeoPoint]
    package var isPath: Bool
    /// What the legend names it by: a VIN, or the name a row of no vehicle gives (a place's).
    package var label: String?

    package init(points: [GeoPoint], isPath: Bool, label: String? = nil) {
        self.points = points
        self.isPath = isPath
        self.label = label
    }
}

extension GeoTrack {
    /// What a value from the pipe draws: a list of positions (waypoints) as one path, rows tagged with a `vin`
    /// (`vehicles | position`) as one marker — or path — per vehicle, trips from start to stop, recorded drives
    /// along their `path`, a status's last position, a GeoJSON FeatureCollection's points and lines; `points` marks every position instead of joining
    /// them.
    package static func tracks(from value: Value, points: Bool = false) -> [GeoTrack] {
        switch value {
        case .record(let record): return tracks(fromRows: [record], points: points)
        case .list(let items): return tracks(fromRows: items.compactMap(\.recordValue), points: points)
        default: return []
        }
    }

    private static func tracks(fromRows rows: [Record], points: Bool) -> [GeoTrack] {
        var tracks: [GeoTrack] = []
        // Points of no vehicle, each with the name its row gives it (a place's).
        var loose: [(point: GeoPoint, name: String?)] = []
        var byVehicle: [(vin: String, points: [GeoPoint])] = []
        for row in rows {
            if row["type"] == .string("FeatureCollection") {
                tracks += row.records("features").flatMap { feature in collectionTracks(feature, points: points) }
                continue
            }
            // A recorded drive (`drives`): its path, as the positions kept while it drove, else from its start to its end.
            if let path = row.at("path")?.listItems {
                var line = path.compactMap { GeoPoint(feature: $0) }
                if line.count < 2, let lat = row.number("startLatitude"), let lon = row.number("startLongitude"),
                    let endLat = row.number("endLatitude"), let endLon = row.number("endLongitude")
                {
                    line = [GeoPoint(longitude: lon, latitude: lat), GeoPoint(longitude: endLon, latitude: endLat)]
                }
                if !line.isEmpty { tracks.append(GeoTrack(points: line, isPath: !points && line.count > 1, label: row.string("vin"))) }
                continue
            }
            if let start = row.at("startPosition").flatMap(GeoPoint.init(feature:)),
                let stop = (row.at("stopPosition") ?? row.at("endPosition")).flatMap(GeoPoint.init(feature:))
            {
                tracks.append(GeoTrack(points: [start, stop], isPath: !points, label: row.string("vin")))
                continue
            }
            guard let point = GeoPoint(feature: .record(row)) ?? row.at("lastPosition").flatMap(GeoPoint.init(feature:)) else { continue }
            if let vin = row.string("vin") {
                if let n = byVehicle.firstIndex(where: { $0.vin == vin }) {
                    byVehicle[n].points.append(point)
                } else {
                    byVehicle.append((vin, [point]))
                }
            } else {
                loose.append((point, row.string("place") ?? row.string("name")))
            }
        }
        if !loose.isEmpty {
            tracks +=
                points || loose.count == 1
                ? loose.map { GeoTrack(points: [$0.point], isPath: false, label: $0.name) } : [GeoTrack(points: loose.map(\.point), isPath: true)]
        }
        tracks += byVehicle.map { GeoTrack(points: $0.points, isPath: !points && $0.points.count > 1, label: $0.vin) }
        return tracks
    }

    /// A Feature of a FeatureCollection: a Point, or a LineString's coordinates as a path.
    private static func collectionTracks(_ feature: Record, points: Bool) -> [GeoTrack] {
        let label = feature.string("properties.vin") ?? feature.string("properties.name")
        if feature.string("geometry.type") == "LineString" {
            let line = (feature.at("geometry.coordinates")?.listItems ?? []).compactMap { pair -> GeoPoint? in
                guard let items = pair.listItems, items.count >= 2, let lon = items[0].number, let lat = items[1].number else { return nil }
                return GeoPoint(longitude: lon, latitude: lat)
            }
            return line.isEmpty ? [] : [GeoTrack(points: line, isPath: !points, label: label)]
        }
        return GeoPoint(feature: .record(feature)).map { [GeoTrack(points: [$0], isPath: false, label: label)] } ?? []
    }
}
