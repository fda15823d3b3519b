import APIContract

/// What one notification `listen` (or `record --listen`) received says, in either shape the API posts
/// (docs/api.md §10.3–10.4): a v4.0 monitor body (`monitorId`, `events[]`, each with its `vin`) or a 4.17 `Message`
/// (`type` Monitor or Remote, `monitorEvent` or `remoteEvent`, no vin but the callback's Body attributes). A v4.0
/// body of several events gives one reading each.
package struct NotificationReading: Equatable, Sendable {
    /// `Monitor` or `Remote`.
    package var kind: String
    /// When the API sent it (`date`, v4.0 `eventDate`).
    package var at: Int?
    /// The VINs it names: a v4.0 event's `vin`, and every Body attribute value shaped like a VIN (a 4.17 callback
    /// with the attribute `vin=$vin`); the car is the one recorded with one of them.
    package var vins: [String]
    package var monitorId: String?
    /// A remote action's id, type, latest status and failure (4.17 `remoteEvent`).
    package var remoteActionId: String?
    package var remoteType: String?
    package var remoteStatus: String?
    package var failureCause: String?
    /// Documents carried by the event's `extensions`: what it would take a request each to read.
    package var statuses: [JSON] = []
    package var positions: [JSON] = []
    package var alerts: [JSON] = []
    package var trips: [JSON] = []

    /// The readings of `notification`; none when it is neither shape.
    package static func read(_ notification: JSON) -> [NotificationReading] {
        let attributes = (notification["attributes"]?.array ?? []).compactMap { $0["value"]?.string }.filter(looksLikeVIN)
        if let events = notification["events"]?.array {
            return events.map { event in
                var reading = NotificationReading(
                    kind: "Monitor", at: StatusReading.time(event["eventDate"]),
                    vins: [event["vin"]?.string].compactMap { $0 } + attributes, monitorId: notification["monitorId"]?.string)
                reading.take(event["extensions"])
                return reading
            }
        }
        guard let kind = notification["type"]?.string else { return [] }
        var reading = NotificationReading(
            kind: kind, at: StatusReading.time(notification["date"]),
            vins: [notification["vin"]?.string].compactMap { $0 } + attributes)
        if let event = notification["monitorEvent"] {
            reading.monitorId = event["monitorId"]?.string
            reading.take(event["extensions"])
        } else if let event = notification["remoteEvent"] {
            reading.remoteActionId = event["remoteActionId"]?.string
            reading.remoteType = event["remoteType"]?.string
            reading.remoteStatus = event["eventStatus"]?["status"]?.string
            reading.failureCause = event["eventStatus"]?["failureCause"]?.string
        }
        return [reading]
    }

    /// The documents of `extensions`: `vehicle.status` (`status`), `vehicle.position` (`position`),
    /// `vehicle.alerts` (`alert` each in v4.0, `alerts` as a list in 4.17), `vehicle.trip` (`trip`).
    private mutating func take(_ extensions: JSON?) {
        for item in (extensions?.array ?? []).flatMap({ $0["body"]?.array ?? [] }) {
            if let status = item["status"] { statuses.append(status) }
            if let position = item["position"] { positions.append(position) }
            if let alert = item["alert"] { alerts.append(alert) }
            alerts += item["alerts"]?.array ?? []
            if let trip = item["trip"] { trips.append(trip) }
        }
    }

    /// 17 letters and digits, as every VIN is.
    static func looksLikeVIN(_ text: String) -> Bool {
        text.utf8.count == 17 && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}
