import APIContract

/// What keeping one notification did to the history.
package struct NotificationOutcome: Equatable, Sendable {
    /// False when the same notification was kept before (the API sent it again): nothing else was written.
    package var isNew: Bool
    /// The API ids of the recorded cars it named, in order.
    package var vehicles: [String] = []
    /// The status documents it carried, as read, by car id: each counts as a read of that car.
    package var statuses: [String: StatusReading] = [:]
    /// Status snapshots it added.
    package var snapshots = 0
}

extension HistoryStore {
    /// Keeps a notification received at `receivedAt`, once (the API resends until it has a 200, so the same message
    /// may come twice): its row in `notifications`, and what its extensions carry (status, position, alerts, trip)
    /// in their own tables, as if read, and a remote action's latest status in `remoteActions` — one transaction,
    /// so that acknowledging it after this returns loses nothing. Its car is the recorded one with a VIN it names
    /// (``NotificationReading/vins``), or the car of its remote action; a notification naming no recorded car is
    /// kept without one, its documents unapplied.
    package func record(notification document: JSON, receivedAt: Int) throws(HistoryError) -> NotificationOutcome {
        let readings = NotificationReading.read(document)
        return try write { db in
            let keys = try readings.map { try Self.key(of: $0, db) }
            try db.execute(
                "INSERT INTO notifications (receivedAt, vehicle, kind, document) VALUES (?, ?, ?, ?)",
                [receivedAt, keys.compactMap { $0 }.first, readings.first?.kind, document.text])
            var outcome = NotificationOutcome(isNew: db.changes > 0)
            guard outcome.isNew else { return outcome }
            for (reading, key) in zip(readings, keys) {
                guard let key, let id = try db.one(String.self, "SELECT id FROM vehicles WHERE key = ?", [key]) else { continue }
                if !outcome.vehicles.contains(id) { outcome.vehicles.append(id) }
                for status in reading.statuses where try Self.insert(status: status, vehicle: key, fetchedAt: receivedAt, db) == .added {
                    outcome.snapshots += 1
                    outcome.statuses[id] = StatusReading(status)
                }
                for position in reading.positions.compactMap(PositionReading.init) {
                    try Self.insert(position, vehicle: key, fallback: reading.at ?? receivedAt, db)
                }
                for alert in reading.alerts { _ = try Self.insert(alert: alert, vehicle: key, db) }
                for trip in reading.trips { _ = try Self.insert(trip: trip, vehicle: key, db) }
                try Self.noteRemote(reading, vehicle: key, at: reading.at ?? receivedAt, db)
            }
            return outcome
        }
    }

    /// The key of the car a notification names: by a VIN in it, else by its remote action's row.
    private static func key(of reading: NotificationReading, _ db: SQLiteConnection) throws -> Int? {
        for vin in reading.vins {
            if let key = try db.one(Int.self, "SELECT key FROM vehicles WHERE vin = ?", [vin]) { return key }
        }
        guard let action = reading.remoteActionId else { return nil }
        return try db.one(Int.self, "SELECT vehicle FROM remoteActions WHERE id = ?", [action])
    }

    /// A remote action's status from its event: a row made from the event (in the API's `RemoteAction` shape) when
    /// the action is new, else its status and time brought up to date — never from an outcome (`Success`,
    /// `AlreadyDone`, `Failed`) back to a step before it.
    private static func noteRemote(_ reading: NotificationReading, vehicle: Int, at: Int, _ db: SQLiteConnection) throws {
        guard let id = reading.remoteActionId, let status = reading.remoteStatus else { return }
        let document = JSON.object(
            [("remoteActionId", .string(id)), ("type", reading.remoteType.map(JSON.string) ?? .null), ("status", .string(status))]
                + (reading.failureCause.map { [("failureCause", JSON.string($0))] } ?? []))
        try db.execute(
            """
            INSERT INTO remoteActions (id, vehicle, action, status, createdAt, updatedAt, document) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, updatedAt = excluded.updatedAt,
                document = CASE WHEN ?8 IS NULL THEN json_set(remoteActions.document, '$.status', excluded.status)
                    ELSE json_set(remoteActions.document, '$.status', excluded.status, '$.failureCause', ?8) END
            WHERE coalesce(remoteActions.status, '') NOT IN \(Self.outcomes)
            """,
            [id, vehicle, reading.remoteType, status, at, at, document.text, reading.failureCause])
    }
}
