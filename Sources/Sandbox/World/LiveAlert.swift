/// An alert the world raised (a tank running low while driving): served before the fleet's generated alerts.
package struct LiveAlert: Sendable, Equatable, Codable {
    /// 0 for the first alert since the world began.
    package var number: Int
    /// An `AlertMsgEnum` value (`FuelLevelLow`).
    package var type: String
    package var startedAt: Double
    package var endedAt: Double?
    package var position: GeoPoint

    package var active: Bool { endedAt == nil }
}
