import GRDB

/// The history database's tables, as numbered migrations: a database made by an older ccsh is brought up to date
/// when it is opened, and one made by a newer ccsh is refused rather than misread (``HistoryStore``).
///
/// Times are whole seconds since 1970 (UTC), as the API's timestamps are; `datetime(at, 'unixepoch')` shows them in
/// SQL. Every table keyed by the API's own ids or times takes a document once however often it is read again.
/// docs/history.md describes each table and the rules of the derived ones.
enum HistorySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: what the API gives") { db in try createRecordedTables(db) }
        migrator.registerMigration("v1: what is derived") { db in try createDerivedTables(db) }
        return migrator
    }

    /// Names of the migrations this ccsh knows, oldest first.
    static var knownMigrations: [String] { migrator.migrations }

    private static func createRecordedTables(_ db: Database) throws {
        try db.create(table: "vehicles") { t in
            t.primaryKey("id", .text)
            t.column("vin", .text)
            t.column("brand", .text)
            t.column("label", .text)
            t.column("firstSeenAt", .integer).notNull()
            t.column("lastSeenAt", .integer).notNull()
            t.column("document", .text).notNull()
        }
        // One row per status document the API gave, keyed by the time the car reported it.
        try db.create(table: "statusSnapshots") { t in
            t.column("vehicle", .text).notNull()
            t.column("reportedAt", .integer).notNull()
            t.column("fetchedAt", .integer).notNull()
            t.column("electricLevel", .double)
            t.column("electricRange", .double)
            t.column("batteryCapacity", .double)
            t.column("batteryResidual", .double)
            t.column("fuelLevel", .double)
            t.column("fuelRange", .double)
            t.column("odometer", .double)
            t.column("plugged", .boolean)
            t.column("chargingStatus", .text)
            t.column("chargingMode", .text)
            t.column("chargingRate", .double)
            t.column("moving", .boolean)
            t.column("speed", .double)
            t.column("ignition", .text)
            t.column("latitude", .double)
            t.column("longitude", .double)
            t.column("outsideTemperature", .double)
            t.column("preconditioning", .boolean)
            t.column("document", .text).notNull()
            t.primaryKey(["vehicle", "reportedAt"])
        }
        try db.create(table: "positions") { t in
            t.column("vehicle", .text).notNull()
            t.column("at", .integer).notNull()
            t.column("latitude", .double).notNull()
            t.column("longitude", .double).notNull()
            t.column("altitude", .double)
            t.column("heading", .double)
            t.primaryKey(["vehicle", "at"])
        }
        try db.create(table: "trips") { t in
            t.primaryKey("id", .text)
            t.column("vehicle", .text).notNull()
            t.column("startedAt", .integer).notNull()
            t.column("stoppedAt", .integer)
            t.column("distance", .double)
            t.column("duration", .double)
            t.column("startOdometer", .double)
            t.column("endOdometer", .double)
            t.column("startLatitude", .double)
            t.column("startLongitude", .double)
            t.column("endLatitude", .double)
            t.column("endLongitude", .double)
            t.column("document", .text).notNull()
        }
        try db.create(index: "tripsByVehicleAndStart", on: "trips", columns: ["vehicle", "startedAt"])
        try db.create(table: "alerts") { t in
            t.primaryKey("id", .text)
            t.column("vehicle", .text).notNull()
            t.column("type", .text)
            t.column("severity", .text)
            t.column("active", .boolean)
            t.column("startedAt", .integer)
            t.column("endedAt", .integer)
            t.column("document", .text).notNull()
        }
        try db.create(index: "alertsByVehicleAndStart", on: "alerts", columns: ["vehicle", "startedAt"])
        try db.create(table: "alarms") { t in
            t.primaryKey("id", .text)
            t.column("vehicle", .text).notNull()
            t.column("type", .text)
            t.column("createdAt", .integer)
            t.column("document", .text).notNull()
        }
        try db.create(table: "remoteActions") { t in
            t.primaryKey("id", .text)
            t.column("vehicle", .text).notNull()
            t.column("action", .text)
            t.column("status", .text)
            t.column("createdAt", .integer)
            t.column("updatedAt", .integer)
            t.column("document", .text).notNull()
        }
        // What `listen` received, once each: the same message delivered twice (a retry) is one row.
        try db.create(table: "notifications") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("receivedAt", .integer).notNull()
            t.column("vehicle", .text)
            t.column("kind", .text)
            t.column("document", .text).notNull().unique(onConflict: .ignore)
        }
    }

    private static func createDerivedTables(_ db: Database) throws {
        try db.create(table: "chargeSessions") { t in
            t.column("vehicle", .text).notNull()
            t.column("startedAt", .integer).notNull()
            t.column("endedAt", .integer)
            t.column("startLevel", .double).notNull()
            t.column("endLevel", .double).notNull()
            // kWh: level gained × the battery's capacity.
            t.column("energyAdded", .double).notNull()
            // kWh the level refers to (the API's battery capacity, or the model's), so that the rule can be checked.
            t.column("capacity", .double)
            // kW: energy added over the hours between the first and the last snapshot.
            t.column("averagePower", .double)
            t.column("latitude", .double)
            t.column("longitude", .double)
            // `slow` or `fast`, from the API's charging mode.
            t.column("speed", .text)
            t.primaryKey(["vehicle", "startedAt"])
        }
        try db.create(table: "drives") { t in
            t.column("vehicle", .text).notNull()
            t.column("startedAt", .integer).notNull()
            t.column("endedAt", .integer).notNull()
            t.column("distance", .double)
            t.column("startOdometer", .double)
            t.column("endOdometer", .double)
            t.column("startLevel", .double)
            t.column("endLevel", .double)
            t.column("startLatitude", .double)
            t.column("startLongitude", .double)
            t.column("endLatitude", .double)
            t.column("endLongitude", .double)
            // `trip` (the API's) or `inferred` (from odometer and position changes the API's trips missed).
            t.column("source", .text).notNull()
            t.column("trip", .text)
            t.primaryKey(["vehicle", "startedAt"])
        }
        try db.create(table: "parkedPeriods") { t in
            t.column("vehicle", .text).notNull()
            t.column("startedAt", .integer).notNull()
            t.column("endedAt", .integer).notNull()
            t.column("startLevel", .double)
            t.column("endLevel", .double)
            t.column("drainPercentPerDay", .double)
            t.column("drainKWhPerDay", .double)
            t.primaryKey(["vehicle", "startedAt"])
        }
        try db.create(table: "energyDays") { t in
            t.column("vehicle", .text).notNull()
            // `2026-11-03`, in UTC.
            t.column("day", .text).notNull()
            t.column("charged", .double).notNull().defaults(to: 0)
            t.column("driven", .double).notNull().defaults(to: 0)
            t.column("distance", .double).notNull().defaults(to: 0)
            t.primaryKey(["vehicle", "day"])
        }
    }
}
