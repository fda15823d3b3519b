/// Charge sessions from a vehicle's status snapshots (docs/history.md, "Charge sessions"):
///
/// - A session starts at the first snapshot whose charging status is `InProgress`: its time and level are the
///   session's start.
/// - It ends at the first later snapshot that is not charging (`Finished`, `Stopped`, `Failure`, `Disconnected`, or
///   unplugged): its time and level are the session's end. A session whose last snapshot still charges is open:
///   no end time, the latest level as its end level, and the next derivation takes it up again.
/// - Energy added (kWh) = the battery's residual energy at the end − at the start, when the first and the end
///   snapshot both give it (the API's `battery.load.residual`, Wh; the levels are whole per cents, the residual is
///   not); else (end level − start level) / 100 × the battery's capacity, the first capacity a snapshot of the
///   session gives (`battery.load.capacity`, Wh); neither known: no energy.
/// - Average power (kW) = energy added over the hours from start to end.
/// - The place is the position of the session's first snapshot; `fast` when any of its snapshots says the
///   charging mode `Quick`, else `slow`.
package enum ChargeSessions {
    /// What the derivation reads of one snapshot.
    package struct Snapshot: Equatable, Sendable {
        package var at: Int
        package var level: Double?
        package var plugged: Bool?
        package var status: String?
        package var mode: String?
        /// Wh.
        package var capacity: Double?
        /// Wh left in the battery.
        package var residual: Double?
        package var latitude: Double?
        package var longitude: Double?

        package init(
            at: Int, level: Double?, plugged: Bool? = true, status: String?, mode: String? = nil, capacity: Double? = nil,
            residual: Double? = nil, latitude: Double? = nil, longitude: Double? = nil
        ) {
            self.at = at
            self.level = level
            self.plugged = plugged
            self.status = status
            self.mode = mode
            self.capacity = capacity
            self.residual = residual
            self.latitude = latitude
            self.longitude = longitude
        }

        var isCharging: Bool { status == "InProgress" && plugged != false }
    }

    /// One derived session.
    package struct Session: Equatable, Sendable {
        package var startedAt: Int
        /// Nil while it goes on.
        package var endedAt: Int?
        package var startLevel: Double
        package var endLevel: Double
        /// kWh.
        package var energyAdded: Double?
        /// kWh.
        package var capacity: Double?
        /// kW.
        package var averagePower: Double?
        package var latitude: Double?
        package var longitude: Double?
        /// `slow` or `fast`.
        package var speed: String
    }

    /// The sessions in `snapshots` (one vehicle's, oldest first).
    package static func derive(_ snapshots: [Snapshot]) -> [Session] {
        var sessions: [Session] = []
        var current: [Snapshot] = []
        for snapshot in snapshots {
            if snapshot.isCharging {
                if snapshot.level != nil || !current.isEmpty { current.append(snapshot) }
            } else if !current.isEmpty {
                sessions.append(session(current, end: snapshot))
                current = []
            }
        }
        if !current.isEmpty { sessions.append(session(current, end: nil)) }
        return sessions
    }

    private static func session(_ charging: [Snapshot], end: Snapshot?) -> Session {
        let first = charging[0]
        let startLevel = first.level ?? 0
        let endLevel = end?.level ?? charging.last { $0.level != nil }?.level ?? startLevel
        let capacity = charging.first { $0.capacity != nil }?.capacity.map { $0 / 1000 }
        let lastResidual = end?.residual ?? (end == nil ? charging.last?.residual : nil)
        let measured = first.residual.flatMap { from in lastResidual.map { max(0, $0 - from) / 1000 } }
        let energy = measured ?? capacity.map { max(0, endLevel - startLevel) / 100 * $0 }
        let endedAt = end?.at
        let hours = endedAt.map { Double($0 - first.at) / 3600 }
        return Session(
            startedAt: first.at, endedAt: endedAt, startLevel: startLevel, endLevel: endLevel, energyAdded: energy, capacity: capacity,
            averagePower: hours.flatMap { hours in hours > 0 ? energy.map { $0 / hours } : nil },
            latitude: first.latitude, longitude: first.longitude,
            speed: charging.contains { $0.mode == "Quick" } || end?.mode == "Quick" ? "fast" : "slow")
    }
}
