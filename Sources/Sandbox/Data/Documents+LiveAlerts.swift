import APIContract

/// The alerts the world raised (``LiveAlert``), in the shape of the generated ones.
extension Documents {
    package func liveAlert(_ v: Fleet.Vehicle, _ alert: LiveAlert, locale: String?) -> JSON {
        let kind = AlertKind.all.first { $0.type == alert.type }
        let id = fleet.liveAlertID(vehicle: v.index, alert.number)
        let path = "\(vehiclePath(v))/alerts/\(id)"
        let (started, ended) = (Int(alert.startedAt), alert.endedAt.map { Int($0) })
        var random = SeededRandom(seed: fleet.seed, "live.alert", v.index, alert.number)
        let near = (SeededRandom.round(alert.position.lon, 6), SeededRandom.round(alert.position.lat, 6), v.home.alt)
        return .obj([
            "id": .string(id), "type": .string(alert.type), "severity": .string(kind?.severity ?? "Warning"), "active": .bool(alert.active),
            "message": .string(kind?.message(locale: locale) ?? alert.type),
            "startedAt": .string(Timestamp.format(started)), "endAt": ended.map { .string(Timestamp.format($0)) },
            "startPosition": position(near, at: started, random: &random),
            "endPosition": ended.map { position(near, at: $0, random: &random) },
            "createdAt": .string(Timestamp.format(started + 5)), "updatedAt": .string(Timestamp.format(ended ?? started + 5)),
            "_links": .obj([
                "self": link(path + (locale.map { "?locale=\(FormEncoding.encode($0))" } ?? "")), "vehicle": link(vehiclePath(v)),
            ]),
        ])
    }
}
