import APIContract
import Foundation
import History
import Shell
import TestSupport
import Testing

/// `record` through the real binary against a sandbox of its own, whose clock the test moves: what the API has is
/// kept once, a later pass adds only what is new, nothing is ever sent but GETs, and a signal ends it cleanly.
@Suite(.serialized) struct RecordTests {
    /// A logged-in profile on a sandbox of the test's own, and its database.
    final class Lab {
        let sandbox: SandboxProcess
        let home: SessionCommandTests.Home
        var database: String { home.root.appendingPathComponent(".local/share/ccsh/lab.sqlite").path }

        init() throws {
            sandbox = try SandboxProcess.start(["--vehicles", "2", "--log"])
            home = try SessionCommandTests.Home(endpoints: sandbox.endpoints).loggedIn()
        }
        deinit { sandbox.stop() }

        func ccsh(_ source: String) throws -> Executables.Run {
            let run = try home.ccsh(source)
            #expect(run.status == 0, "\(source): \(run.stderr)")
            return run
        }

        /// One `record --once` pass, as its answer record.
        func pass() throws -> Shell.Record {
            try #require(try JSONReader.value(from: try ccsh("record --once | to json").stdout).recordValue)
        }

        func count(_ sql: String) throws -> Int {
            try HistoryStore(path: database, readOnly: true).read { db in try db.one(Int.self, sql) } ?? -1
        }
    }

    @Test("record --once: everything the API has, kept once; after a drive, one pass adds the new trip and status")
    func passes() throws {
        let lab = try Lab()
        let apiTrips = try lab.ccsh("vehicles | each { trips $it | count } | sum").stdout
        let apiAlerts = try lab.ccsh("vehicles | each { alerts $it | count } | sum").stdout
        let first = try lab.pass()
        #expect(first["vehicles"] == 2)
        #expect(first["snapshots"] == 2)
        #expect(first["tripsAdded"]?.text == apiTrips.trimmingCharacters(in: .newlines))
        #expect(first["alertsAdded"]?.text == apiAlerts.trimmingCharacters(in: .newlines))
        #expect(try lab.count("SELECT count(*) FROM trips") == Int(apiTrips.trimmingCharacters(in: .newlines)))
        #expect(try lab.count("SELECT count(*) FROM vehicles") == 2)
        #expect(try lab.count("SELECT count(*) FROM positions") == 2)

        let again = try lab.pass()
        for field in ["snapshots", "tripsAdded", "tripsUpdated", "alertsAdded", "alertsUpdated"] {
            #expect(again[field] == 0, "\(field): nothing new, nothing kept again")
        }
        // Two vehicles: the list, then the status of each; neither drove, so their trips and alerts wait.
        #expect(again["requests"] == 3)

        _ = try lab.ccsh("sandbox drive 1 --to versailles; sandbox advance 3h")
        let later = try lab.pass()
        #expect(later["tripsAdded"] == 1)
        #expect(later["snapshots"] == 1, "the car that drove reported; the other did not")
        #expect(try lab.count("SELECT count(*) FROM trips") == Int(apiTrips.trimmingCharacters(in: .newlines)).map { $0 + 1 })
        #expect(try lab.count("SELECT count(*) FROM statusSnapshots") == 3)
        // Every trip is a drive; the API missed none here, so none is inferred.
        #expect(try lab.count("SELECT count(*) FROM drives WHERE source = 'trip'") == lab.count("SELECT count(*) FROM trips"))
        #expect(try lab.count("SELECT count(*) FROM drives WHERE source = 'inferred'") == 0)

        lab.sandbox.stop()
        let methods = lab.sandbox.stderrText.split(separator: "\n").filter { $0.contains(" /connectedcar/v4") }
        #expect(!methods.isEmpty)
        #expect(methods.allSatisfy { $0.contains(" GET /connectedcar/v4") }, "record only reads: \(methods.filter { !$0.contains(" GET ") })")
    }

    @Test("a charge between passes: one charge session, from the first snapshot charging to the first one after")
    func charge() throws {
        let lab = try Lab()
        _ = try lab.pass()
        _ = try lab.ccsh("sandbox plug 1; sandbox advance 30m")
        _ = try lab.pass()
        _ = try lab.ccsh("sandbox advance 2h")
        _ = try lab.pass()
        _ = try lab.ccsh("sandbox advance 20h")
        _ = try lab.pass()
        _ = try lab.pass()
        let store = try HistoryStore(path: lab.database, readOnly: true)
        let sessions = try store.read { db in try db.rows("SELECT chargeSessions.*, vehicles.id FROM chargeSessions JOIN vehicles ON key = vehicle") }
        let levels = try store.read { db in
            try db.all(
                Double.self, "SELECT electricLevel FROM statusSnapshots WHERE vehicle = (SELECT key FROM vehicles WHERE id = ?) ORDER BY reportedAt",
                [lab.sandbox.endpoints.vehicles[1].id]
            )
        }
        #expect(sessions.count == 1, "\(sessions)")
        let session = try #require(sessions.first)
        #expect(session.get("id", as: String.self) == lab.sandbox.endpoints.vehicles[1].id)
        #expect(session.get("startLevel", as: Double.self) == levels.dropFirst().first, "\(levels)")
        #expect(session.get("endLevel", as: Double.self) == levels.last, "\(levels)")
        #expect(session.get("endedAt", as: Int.self) != nil)
        #expect((session.get("energyAdded", as: Double.self) ?? 0) > 0)
    }

    @Test("ccsh record runs until SIGTERM, which ends it after the write in progress with status 0; the file is sound")
    func signal() throws {
        let lab = try Lab()
        let process = Process()
        process.executableURL = Executables.url(for: "ccsh")
        process.arguments = ["record", "-v"]
        process.environment = lab.home.environment
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = Pipe()
        try process.run()
        // The first reads' line says what they kept; then the recorder waits for the cars' next turn.
        var seen = ""
        let deadline = Date().addingTimeInterval(60)
        while !seen.contains("status +"), process.isRunning, Date() < deadline {
            seen += String(decoding: stderr.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(seen.contains("reading 2 vehicles, within 50 % of the day quota"), "\(seen)")
        #expect(seen.contains("2 vehicles, "), "\(seen)")
        process.terminate()
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let check = try HistoryStore(path: lab.database, readOnly: true).read { db in try db.one(String.self, "PRAGMA integrity_check") }
        #expect(check == "ok")
        #expect(try lab.count("SELECT count(*) FROM statusSnapshots") == 2)
    }

    @Test("the history reads back what record kept: status, positions for gpx, drives, charges; sql read-only")
    func readBack() throws {
        let lab = try Lab()
        _ = try lab.pass()
        _ = try lab.ccsh("sandbox drive 1 --to versailles; sandbox advance 10m")
        _ = try lab.pass()
        _ = try lab.ccsh("sandbox advance 3h; sandbox plug 1; sandbox advance 1h")
        _ = try lab.pass()
        let vehicle = lab.sandbox.endpoints.vehicles[1].id
        let snapshots = try lab.count("SELECT count(*) FROM statusSnapshots WHERE vehicle = (SELECT key FROM vehicles WHERE id = '\(vehicle)')")
        #expect(try lab.ccsh("history status 1 | count").stdout == "\(snapshots)\n")
        let days = try lab.count(
            "SELECT count(DISTINCT reportedAt / 86400) FROM statusSnapshots WHERE vehicle = (SELECT key FROM vehicles WHERE id = '\(vehicle)')")
        #expect(try lab.ccsh("history status 1 --every 1d | count").stdout == "\(days)\n", "one a day: the first of the day")
        let gpx = try lab.ccsh("history positions 1 | to gpx").stdout
        #expect(gpx.contains("<trkpt") || gpx.contains("<wpt"), "\(gpx.prefix(400))")
        #expect(try lab.ccsh("drives 1 --since 1h | count").stdout == "0\n", "the drive was more than an hour ago")
        let last = try lab.ccsh("drives 1 | last | to json").stdout
        #expect(last.contains("\"source\": \"trip\""), "\(last)")
        #expect(try lab.ccsh("charges 1 | count").stdout == "1\n")
        #expect(try lab.ccsh("history sql 'SELECT count(*) AS n FROM trips' | get 0.n").stdout == "\(try lab.count("SELECT count(*) FROM trips"))\n")
        let refused = try lab.home.ccsh("history sql 'DROP TABLE trips'")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("attempt to write a readonly database"), "\(refused.stderr)")
        #expect(try lab.count("SELECT count(*) FROM trips") > 0)
    }

    @Test("views: a charge session's card draws its level curve, a drive's its path on a map; `drives | map` draws them all")
    func views() throws {
        let lab = try Lab()
        _ = try lab.pass()
        // A drive read every 5 minutes, then a charge read every 10.
        _ = try lab.ccsh("sandbox drive 1 --to versailles")
        for _ in 0..<6 { _ = try lab.ccsh("sandbox advance 5m; record --once | get vehicles") }
        _ = try lab.ccsh("sandbox advance 3h; sandbox plug 1")
        for _ in 0..<12 { _ = try lab.ccsh("sandbox advance 10m; record --once | get vehicles") }
        // The car reports every half hour of a charge: its start and four more.
        let levels = try lab.ccsh("charges 1 | last | get levels | count").stdout
        #expect((Int(levels.trimmingCharacters(in: .newlines)) ?? 0) >= 4, "the session's curve: \(levels)")
        let charge = try lab.home.ccshOnTerminal("charges 1 | last", columns: 100)
        #expect(charge.screen.contains("Energy") && charge.screen.contains("kWh"), "\(charge.screen)")
        #expect(charge.screen.contains("Level") && (charge.screen.contains("┤") || charge.screen.contains("+----")), "a line chart: \(charge.screen)")
        let path = try lab.ccsh("drives 1 | last | get path | count").stdout
        #expect((Int(path.trimmingCharacters(in: .newlines)) ?? 0) >= 3, "the drive's path: \(path)")
        let drive = try lab.home.ccshOnTerminal("drives 1 | last", columns: 100)
        #expect(drive.screen.contains("Path") && drive.screen.contains("S start, E end"), "a map on the card: \(drive.screen)")
        let map = try lab.home.ccshOnTerminal("drives 1 | map --height 8", columns: 100)
        #expect(map.status == 0, "\(map.screen)")
        #expect(map.screen.contains("km"), "a scale bar: \(map.screen)")
        let table = try lab.home.ccshOnTerminal("charges 1", columns: 100)
        #expect(table.screen.contains("levels") && table.screen.contains("→"), "\(table.screen)")
        #expect(try lab.ccsh("charges 1 | to csv").stdout.hasPrefix("startedAt,endedAt,startLevel"), "the rows as CSV")
        // Each row's list holds its own time's items, and only those (one query reads them all, beside the rows).
        for (command, list) in [("drives 1", "path"), ("charges 1", "levels"), ("drives 0", "path")] {
            let rows = try JSONParser.parse(Array(try lab.ccsh("\(command) | to json").stdout.utf8)).array ?? []
            #expect(!rows.isEmpty, "\(command)")
            for row in rows {
                let start = try #require(row["startedAt"]?.string.flatMap(Timestamp.parse))
                let end = row["endedAt"]?.string.flatMap(Timestamp.parse) ?? .max
                let times = (row[list]?.array ?? []).compactMap { $0["at"]?.string.flatMap(Timestamp.parse) }
                #expect(times.allSatisfy { $0 >= start && $0 <= end }, "\(command): \(row)")
                #expect(times == times.sorted())
            }
        }
    }

    @Test("record --db: another file; a file it cannot make is named, with the way out")
    func databaseFlag() throws {
        let lab = try Lab()
        let other = lab.home.root.appendingPathComponent("elsewhere/car.sqlite").path
        let run = try lab.ccsh("record --once --vehicle 0 --db '\(other)' | get vehicles")
        #expect(run.stdout == "1\n")
        #expect(FileManager.default.fileExists(atPath: other))
        let refused = try lab.home.ccsh("record --once --db /proc/nope/car.sqlite")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("history database /proc/nope/car.sqlite"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--db PATH"), "\(refused.stderr)")
    }
}
