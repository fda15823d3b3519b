import APIContract

extension HistoryStore {
    /// Keeps an alarm event (4.17: a `trigger` or a `status` of the car's alarm) by its id, with its type
    /// (`vehicle.alarm.trigger` or `vehicle.alarm.status`) and the time it was made.
    @discardableResult
    package func record(alarm document: JSON, vehicle: String) throws(HistoryError) -> RecordOutcome {
        guard let id = document["id"]?.string else { return .unchanged }
        let trigger = document["trigger"]
        let text = document.text
        return try write { db in
            let known = try db.one(String.self, "SELECT document FROM alarms WHERE id = ?", [id])
            if known == text { return .unchanged }
            try db.execute(
                "INSERT OR REPLACE INTO alarms (id, vehicle, type, createdAt, document) VALUES (?, ?, ?, ?, ?)",
                [
                    id, try Self.key(making: vehicle, at: nil, db), trigger == nil ? "vehicle.alarm.status" : "vehicle.alarm.trigger",
                    StatusReading.time((trigger ?? document["status"])?["createdAt"]), text,
                ])
            return known == nil ? .added : .updated
        }
    }

    /// Keeps a remote action as the API lists it (`remoteActionId`, `type`, `status`, the `remote` sent), read at
    /// `fetchedAt`: the API gives it no time, so `createdAt` is when it was first known (its first event, or this
    /// read) and `updatedAt` when its status last changed. Its document replaces one made of its events; an
    /// outcome (`Success`, `AlreadyDone`, `Failed`) is never replaced by a step before it.
    @discardableResult
    package func record(remoteAction document: JSON, vehicle: String, fetchedAt: Int) throws(HistoryError) -> RecordOutcome {
        guard let id = document["remoteActionId"]?.string else { return .unchanged }
        let text = document.text
        return try write { db in
            let known = try db.one(String.self, "SELECT document FROM remoteActions WHERE id = ?", [id])
            if known == text { return .unchanged }
            try db.execute(
                """
                INSERT INTO remoteActions (id, vehicle, action, status, createdAt, updatedAt, document) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET action = excluded.action, status = excluded.status, document = excluded.document,
                    updatedAt = CASE WHEN remoteActions.status IS excluded.status THEN remoteActions.updatedAt ELSE excluded.updatedAt END
                WHERE coalesce(remoteActions.status, '') NOT IN \(Self.outcomes) OR excluded.status IN \(Self.outcomes)
                """,
                [
                    id, try Self.key(making: vehicle, at: fetchedAt, db), document["type"]?.string, document["status"]?.string, fetchedAt,
                    fetchedAt, text,
                ])
            return known == nil ? .added : db.changes > 0 ? .updated : .unchanged
        }
    }

    /// The statuses that end a remote action, as an SQL list.
    static let outcomes = "('Success', 'AlreadyDone', 'Failed')"
}
