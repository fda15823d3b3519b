import APIContract
import Foundation

extension HistoryStore {
    /// The number the tables name `vehicle` (an API id) by (`vehicles.key`, migration v5); nil before it was recorded.
    static func key(_ vehicle: String, _ db: SQLiteConnection) throws -> Int? {
        try db.one(Int.self, "SELECT key FROM vehicles WHERE id = ?", [vehicle])
    }

    /// The number of `vehicle`, given to it now (seen at `at`, or now) when it has none: its status or trips may be
    /// recorded before the vehicle list is.
    static func key(making vehicle: String, at: Int?, _ db: SQLiteConnection) throws -> Int {
        if let key = try key(vehicle, db) { return key }
        let seen = at ?? Int(Date().timeIntervalSince1970)
        try db.execute(
            "INSERT INTO vehicles (id, firstSeenAt, lastSeenAt, document) VALUES (?, ?, ?, ?)",
            [vehicle, seen, seen, JSON.object([("id", .string(vehicle))]).text])
        guard let key = try key(vehicle, db) else { throw HistoryError(path: "", message: "vehicle \(vehicle) was not kept") }
        return key
    }
}
