/// The history database's tables, as named migrations applied in order: a database made by an older ccsh is brought
/// up to date when it is opened, and one made by a newer ccsh is refused rather than misread (``HistoryStore``).
/// `schemaMigrations` lists those applied.
///
/// Times are whole seconds since 1970 (UTC), as the API's timestamps are; `datetime(at, 'unixepoch')` shows them in
/// SQL. Every table keyed by the API's own ids or times takes a document once however often it is read again.
/// docs/history.md describes each table and the rules of the derived ones.
enum HistorySchema {
    /// Each migration's name and statements, oldest first. Never edit one that shipped: add another.
    static let migrations: [(name: String, statements: [String])] = [
        ("v1: what the API gives", recorded),
        ("v1: what is derived", derived),
        ("v2: when trips and alerts were synced", syncs),
        ("v3: how far trips and alerts were synced whole", watermarks),
        ("v4: a status document kept when it says more than its columns", documentsWhenNew),
        ("v5: vehicles keyed by a small number", vehicleKeys),
        ("v6: how far alarms were synced whole", ["ALTER TABLE syncs ADD COLUMN alarmsThrough INTEGER"]),
        ("v7: energy per day, a figure not known NULL", energyDays),
        (
            "v8: the user's places",
            ["CREATE TABLE places (name TEXT PRIMARY KEY NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL, radius REAL NOT NULL)"]
        ),
        // A dynamic tariff's market prices (`tariff import`), a kWh in the tariff's currency, each from startsAt to endsAt.
        (
            "v9: a dynamic tariff's prices",
            [
                """
                CREATE TABLE prices (tariff TEXT NOT NULL, startsAt INTEGER NOT NULL, endsAt INTEGER NOT NULL, price REAL NOT NULL,
                    PRIMARY KEY (tariff, startsAt)) WITHOUT ROWID
                """
            ]
        ),
        // Where a charge session came from: NULL, derived from the snapshots (and derived again); `psacc`, imported from
        // psa_car_controller (`history import psacc`), which no derivation replaces.
        ("v10: imported charge sessions", ["ALTER TABLE chargeSessions ADD COLUMN source TEXT"]),
    ]

    static var knownMigrations: [String] { migrations.map(\.name) }

    private static let recorded = [
        """
        CREATE TABLE vehicles (id TEXT PRIMARY KEY NOT NULL, vin TEXT, brand TEXT, label TEXT,
            firstSeenAt INTEGER NOT NULL, lastSeenAt INTEGER NOT NULL, document TEXT NOT NULL)
        """,
        // One row per status document the API gave, keyed by the time the car reported it.
        """
        CREATE TABLE statusSnapshots (vehicle TEXT NOT NULL, reportedAt INTEGER NOT NULL, fetchedAt INTEGER NOT NULL,
            electricLevel REAL, electricRange REAL, batteryCapacity REAL, batteryResidual REAL, fuelLevel REAL, fuelRange REAL,
            odometer REAL, plugged INTEGER, chargingStatus TEXT, chargingMode TEXT, chargingRate REAL, moving INTEGER, speed REAL,
            ignition TEXT, latitude REAL, longitude REAL, outsideTemperature REAL, preconditioning INTEGER, document TEXT NOT NULL,
            PRIMARY KEY (vehicle, reportedAt))
        """,
        """
        CREATE TABLE positions (vehicle TEXT NOT NULL, at INTEGER NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL,
            altitude REAL, heading REAL, PRIMARY KEY (vehicle, at))
        """,
        """
        CREATE TABLE trips (id TEXT PRIMARY KEY NOT NULL, vehicle TEXT NOT NULL, startedAt INTEGER NOT NULL, stoppedAt INTEGER,
            distance REAL, duration REAL, startOdometer REAL, endOdometer REAL, startLatitude REAL, startLongitude REAL,
            endLatitude REAL, endLongitude REAL, document TEXT NOT NULL)
        """,
        "CREATE INDEX tripsByVehicleAndStart ON trips (vehicle, startedAt)",
        """
        CREATE TABLE alerts (id TEXT PRIMARY KEY NOT NULL, vehicle TEXT NOT NULL, type TEXT, severity TEXT, active INTEGER,
            startedAt INTEGER, endedAt INTEGER, document TEXT NOT NULL)
        """,
        "CREATE INDEX alertsByVehicleAndStart ON alerts (vehicle, startedAt)",
        """
        CREATE TABLE alarms (id TEXT PRIMARY KEY NOT NULL, vehicle TEXT NOT NULL, type TEXT, createdAt INTEGER,
            document TEXT NOT NULL)
        """,
        """
        CREATE TABLE remoteActions (id TEXT PRIMARY KEY NOT NULL, vehicle TEXT NOT NULL, action TEXT, status TEXT,
            createdAt INTEGER, updatedAt INTEGER, document TEXT NOT NULL)
        """,
        // What `listen` received, once each: the same message delivered twice (a retry) is one row.
        """
        CREATE TABLE notifications (id INTEGER PRIMARY KEY AUTOINCREMENT, receivedAt INTEGER NOT NULL, vehicle TEXT,
            kind TEXT, document TEXT NOT NULL UNIQUE ON CONFLICT IGNORE)
        """,
    ]

    // When `record` last read a vehicle's trips and alerts, and its odometer then: a later pass reads them again
    // when the car has driven since, or when it is long ago (``HistoryStore/syncDue(vehicle:now:odometer:moving:)``).
    private static let syncs = [
        "CREATE TABLE syncs (vehicle TEXT PRIMARY KEY NOT NULL, syncedAt INTEGER NOT NULL, odometer REAL)"
    ]

    // The latest start a sync of trips (alerts) had kept when it read to the end: the next sync reads from there
    // (less its overlap), so that a sync cut short (a killed recorder) is read again from where the last whole one
    // stood, not from the newest item it happened to keep (``HistoryStore/syncStart(_:vehicle:overlap:)``).
    private static let watermarks = [
        "ALTER TABLE syncs ADD COLUMN tripsThrough INTEGER",
        "ALTER TABLE syncs ADD COLUMN alertsThrough INTEGER",
    ]

    // A snapshot's document is NULL when it says nothing its columns and the vehicle's last kept document do not
    // (``StatusMask``): a car-year of 5-minute snapshots is columns, not 105 120 documents of 3.5 KB.
    private static let documentsWhenNew = [
        """
        CREATE TABLE statusSnapshotsV4 (vehicle TEXT NOT NULL, reportedAt INTEGER NOT NULL, fetchedAt INTEGER NOT NULL,
            electricLevel REAL, electricRange REAL, batteryCapacity REAL, batteryResidual REAL, fuelLevel REAL, fuelRange REAL,
            odometer REAL, plugged INTEGER, chargingStatus TEXT, chargingMode TEXT, chargingRate REAL, moving INTEGER, speed REAL,
            ignition TEXT, latitude REAL, longitude REAL, outsideTemperature REAL, preconditioning INTEGER, document TEXT,
            PRIMARY KEY (vehicle, reportedAt))
        """,
        "INSERT INTO statusSnapshotsV4 SELECT * FROM statusSnapshots",
        "DROP TABLE statusSnapshots",
        "ALTER TABLE statusSnapshotsV4 RENAME TO statusSnapshots",
    ]

    // Every table names its vehicle by `vehicles.key`, a small number, not by the API's id (192 characters, repeated in
    // every row and index of a car-year of snapshots: two thirds of the file). The tables of one row a time per car
    // are WITHOUT ROWID, their key their order on disk. `SELECT … FROM statusSnapshots JOIN vehicles ON key = vehicle`
    // finds a car's id, VIN and label. A vehicle only named by rows (recorded before its list) gets a key too.
    private static let vehicleKeys: [String] = {
        let named =
            ["statusSnapshots", "positions", "trips", "alerts", "alarms", "remoteActions", "notifications", "syncs"]
            + ["chargeSessions", "drives", "parkedPeriods", "energyDays"]
        var statements = [
            """
            CREATE TABLE vehiclesV5 (key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, vin TEXT, brand TEXT, label TEXT,
                firstSeenAt INTEGER NOT NULL, lastSeenAt INTEGER NOT NULL, document TEXT NOT NULL)
            """,
            """
            INSERT INTO vehiclesV5 (id, vin, brand, label, firstSeenAt, lastSeenAt, document)
            SELECT id, vin, brand, label, firstSeenAt, lastSeenAt, document FROM vehicles ORDER BY firstSeenAt, rowid
            """,
            """
            INSERT OR IGNORE INTO vehiclesV5 (id, firstSeenAt, lastSeenAt, document)
            SELECT vehicle, strftime('%s'), strftime('%s'), json_object('id', vehicle) FROM (\(named.map { "SELECT vehicle FROM \($0)" }.joined(separator: " UNION ")))
            WHERE vehicle IS NOT NULL
            """,
            "DROP TABLE vehicles",
            "ALTER TABLE vehiclesV5 RENAME TO vehicles",
        ]
        // Each table again, its columns in the same order, its vehicle the key.
        let tables: [(name: String, definition: String, indexes: [String])] = [
            (
                "statusSnapshots",
                """
                (vehicle INTEGER NOT NULL, reportedAt INTEGER NOT NULL, fetchedAt INTEGER NOT NULL, electricLevel REAL,
                    electricRange REAL, batteryCapacity REAL, batteryResidual REAL, fuelLevel REAL, fuelRange REAL, odometer REAL,
                    plugged INTEGER, chargingStatus TEXT, chargingMode TEXT, chargingRate REAL, moving INTEGER, speed REAL, ignition TEXT,
                    latitude REAL, longitude REAL, outsideTemperature REAL, preconditioning INTEGER, document TEXT,
                    PRIMARY KEY (vehicle, reportedAt)) WITHOUT ROWID
                """, []
            ),
            (
                "positions",
                """
                (vehicle INTEGER NOT NULL, at INTEGER NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL, altitude REAL,
                    heading REAL, PRIMARY KEY (vehicle, at)) WITHOUT ROWID
                """, []
            ),
            (
                "trips",
                """
                (id TEXT PRIMARY KEY NOT NULL, vehicle INTEGER NOT NULL, startedAt INTEGER NOT NULL, stoppedAt INTEGER,
                    distance REAL, duration REAL, startOdometer REAL, endOdometer REAL, startLatitude REAL, startLongitude REAL,
                    endLatitude REAL, endLongitude REAL, document TEXT NOT NULL)
                """, ["CREATE INDEX tripsByVehicleAndStart ON trips (vehicle, startedAt)"]
            ),
            (
                "alerts",
                """
                (id TEXT PRIMARY KEY NOT NULL, vehicle INTEGER NOT NULL, type TEXT, severity TEXT, active INTEGER,
                    startedAt INTEGER, endedAt INTEGER, document TEXT NOT NULL)
                """, ["CREATE INDEX alertsByVehicleAndStart ON alerts (vehicle, startedAt)"]
            ),
            ("alarms", "(id TEXT PRIMARY KEY NOT NULL, vehicle INTEGER NOT NULL, type TEXT, createdAt INTEGER, document TEXT NOT NULL)", []),
            (
                "remoteActions",
                """
                (id TEXT PRIMARY KEY NOT NULL, vehicle INTEGER NOT NULL, action TEXT, status TEXT, createdAt INTEGER,
                    updatedAt INTEGER, document TEXT NOT NULL)
                """, []
            ),
            (
                "notifications",
                """
                (id INTEGER PRIMARY KEY AUTOINCREMENT, receivedAt INTEGER NOT NULL, vehicle INTEGER, kind TEXT,
                    document TEXT NOT NULL UNIQUE ON CONFLICT IGNORE)
                """, []
            ),
            (
                "syncs",
                "(vehicle INTEGER PRIMARY KEY NOT NULL, syncedAt INTEGER NOT NULL, odometer REAL, tripsThrough INTEGER, alertsThrough INTEGER)",
                []
            ),
            (
                "chargeSessions",
                """
                (vehicle INTEGER NOT NULL, startedAt INTEGER NOT NULL, endedAt INTEGER, startLevel REAL NOT NULL,
                    endLevel REAL NOT NULL, energyAdded REAL, capacity REAL, averagePower REAL, latitude REAL, longitude REAL,
                    speed TEXT, PRIMARY KEY (vehicle, startedAt)) WITHOUT ROWID
                """, []
            ),
            (
                "drives",
                """
                (vehicle INTEGER NOT NULL, startedAt INTEGER NOT NULL, endedAt INTEGER NOT NULL, distance REAL,
                    startOdometer REAL, endOdometer REAL, startLevel REAL, endLevel REAL, startLatitude REAL, startLongitude REAL,
                    endLatitude REAL, endLongitude REAL, source TEXT NOT NULL, trip TEXT, PRIMARY KEY (vehicle, startedAt)) WITHOUT ROWID
                """, []
            ),
            (
                "parkedPeriods",
                """
                (vehicle INTEGER NOT NULL, startedAt INTEGER NOT NULL, endedAt INTEGER NOT NULL, startLevel REAL, endLevel REAL,
                    drainPercentPerDay REAL, drainKWhPerDay REAL, PRIMARY KEY (vehicle, startedAt)) WITHOUT ROWID
                """, []
            ),
            (
                "energyDays",
                """
                (vehicle INTEGER NOT NULL, day TEXT NOT NULL, charged REAL NOT NULL DEFAULT 0, driven REAL NOT NULL DEFAULT 0,
                    distance REAL NOT NULL DEFAULT 0, PRIMARY KEY (vehicle, day)) WITHOUT ROWID
                """, []
            ),
        ]
        for table in tables {
            let next = table.name + "V5"
            statements +=
                [
                    // The old column takes the key as text, which the new one takes back as a number.
                    "UPDATE \(table.name) SET vehicle = (SELECT key FROM vehicles WHERE id = \(table.name).vehicle)",
                    "CREATE TABLE \(next) \(table.definition)",
                    "INSERT INTO \(next) SELECT * FROM \(table.name)",
                    "DROP TABLE \(table.name)",
                    "ALTER TABLE \(next) RENAME TO \(table.name)",
                ] + table.indexes
        }
        return statements
    }()

    // Nothing wrote energyDays before it (its rows are derived, and made again from the other tables): made anew
    // with its figures nullable, NULL when no session or drive of the day gives them (``EnergyDays``).
    private static let energyDays = [
        "DROP TABLE energyDays",
        """
        CREATE TABLE energyDays (vehicle INTEGER NOT NULL, day TEXT NOT NULL, charged REAL, driven REAL, distance REAL,
            PRIMARY KEY (vehicle, day)) WITHOUT ROWID
        """,
    ]

    private static let derived = [
        // energyAdded: kWh, level gained × capacity (kWh, the API's battery capacity or the model's, kept so that the
        // rule can be checked); averagePower: kW over the hours between the first and the last snapshot; speed: `slow`
        // or `fast`, from the API's charging mode.
        """
        CREATE TABLE chargeSessions (vehicle TEXT NOT NULL, startedAt INTEGER NOT NULL, endedAt INTEGER,
            startLevel REAL NOT NULL, endLevel REAL NOT NULL, energyAdded REAL, capacity REAL, averagePower REAL,
            latitude REAL, longitude REAL, speed TEXT, PRIMARY KEY (vehicle, startedAt))
        """,
        // source: `trip` (the API's) or `inferred` (from odometer and position changes the API's trips missed).
        """
        CREATE TABLE drives (vehicle TEXT NOT NULL, startedAt INTEGER NOT NULL, endedAt INTEGER NOT NULL, distance REAL,
            startOdometer REAL, endOdometer REAL, startLevel REAL, endLevel REAL, startLatitude REAL, startLongitude REAL,
            endLatitude REAL, endLongitude REAL, source TEXT NOT NULL, trip TEXT, PRIMARY KEY (vehicle, startedAt))
        """,
        """
        CREATE TABLE parkedPeriods (vehicle TEXT NOT NULL, startedAt INTEGER NOT NULL, endedAt INTEGER NOT NULL,
            startLevel REAL, endLevel REAL, drainPercentPerDay REAL, drainKWhPerDay REAL, PRIMARY KEY (vehicle, startedAt))
        """,
        // day: `2026-11-03`, in UTC.
        """
        CREATE TABLE energyDays (vehicle TEXT NOT NULL, day TEXT NOT NULL, charged REAL NOT NULL DEFAULT 0,
            driven REAL NOT NULL DEFAULT 0, distance REAL NOT NULL DEFAULT 0, PRIMARY KEY (vehicle, day))
        """,
    ]
}
