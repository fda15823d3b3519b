import APIContract

/// The alerts the world raised (``LiveAlert``), in the shape of the generated ones.
extension Documents {
    package func liveAlert(_ v: Fleet.Vehicle, _ alert: LiveAlert, locale: String?) -> JSON {
        let kind = AlertKind.all.first { $0.type == alert.type }
        var random = SeededRandom(seed: fleet.seed, "live.alert", v.index, alert.number)
        return alertDocument(
            v, id: fleet.liveAlertID(vehicle: v.index, alert.number), type: alert.type, severity: kind?.severity ?? "Warning",
            message: kind?.message(locale: locale) ?? alert.type, started: Int(alert.startedAt), ended: alert.endedAt.map { Int($0) },
            near: (SeededRandom.round(alert.position.lon, 6), SeededRandom.round(alert.position.lat, 6), v.home.alt), locale: locale,
            random: &random)
    }
}
