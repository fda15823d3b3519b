import APIContract
import Foundation
import History
import TestSupport
import Testing

/// `record` against a sandbox living a commuter's month (`--life commuter`), compared with what really happened
/// (`sandbox truth`): every charge session found with its levels exact and its energy within 2 %, every drive found
/// (the trip the API never lists too), nothing twice, and the day quota at most half spent.
@Suite(.serialized) struct RecordLifeTests {
    static let epoch = Timestamp.epoch(year: 2026, month: 11, day: 2)

    /// Simulated days the recorder runs while the world runs: 3, or `CCSH_SOAK_LIFE_DAYS` (`make soak`: 30).
    static let runningDays = ProcessInfo.processInfo.environment["CCSH_SOAK_LIFE_DAYS"].flatMap { Int($0) } ?? 3

    /// A logged-in profile on a living sandbox of the test's own, with a day quota of `quota`.
    final class World {
        let sandbox: SandboxProcess
        let home: SessionCommandTests.Home
        var database: String { home.root.appendingPathComponent(".local/share/ccsh/lab.sqlite").path }

        init(quota: Int, timeScale: Double = 0, epoch: Int = RecordLifeTests.epoch) throws {
            sandbox = try SandboxProcess.start([
                "--vehicles", "3", "--life", "commuter", "--epoch", Timestamp.format(epoch), "--time-scale", String(timeScale),
                "--quota", String(quota),
            ])
            home = try SessionCommandTests.Home(endpoints: sandbox.endpoints).loggedIn()
        }
        deinit { sandbox.stop() }

        func ccsh(_ source: String) throws -> String {
            let run = try home.ccsh(source)
            #expect(run.status == 0, "\(source): \(run.stderr)")
            return run.stdout
        }

        /// The world's now (simulated seconds since 1970).
        func clock() throws -> Int { Int(Double(try ccsh("sandbox clock | get seconds").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) }

        func truth(_ vehicle: Int) throws -> JSON { try JSONParser.parse(Array(try ccsh("sandbox truth \(vehicle) | to json").utf8)) }

        func rows(_ sql: String, _ arguments: [any SQLiteBindable] = []) throws -> [SQLiteRow] {
            try HistoryStore(path: database, readOnly: true).read { db in try db.rows(sql, arguments) }
        }
    }

    @Test("a month read by record --once every 15 minutes: every charge and drive, once, within half the quota")
    func steppedMonth() throws {
        let world = try World(quota: 4000)
        // A pass at the start, then each simulated day 96 steps of 15 minutes with a pass after each; the quota the
        // world's last 24 hours used, at the end of each day.
        let used = try world.ccsh(
            """
            record --once | get requests
            range 1 30 | each { range 1 96 | each { sandbox advance 15m; record --once | get requests } | sum; sandbox quota | get used } | to json
            """)
        let perDay = try JSONParser.parse(Array(used.drop { $0 != "\n" }.utf8)).array?.compactMap(\.number) ?? []
        #expect(perDay.count == 30)
        #expect(perDay.allSatisfy { $0 <= 2000 }, "at most half of the day quota of 4000: \(perDay)")
        // A car may have been charging since before the world began; the API's trips from before it are not the world's.
        try checkAgainstTruth(world, from: Self.epoch - 86400, drivesFrom: Self.epoch, to: Self.epoch + 31 * 86400)
        for car in 0..<3 {
            let drives = try world.truth(car)["drives"]?.array ?? []
            #expect(drives.contains { $0["listed"] == .bool(false) }, "car \(car): its month has a trip the API never lists")
        }
        let before = try counts(world)
        _ = try world.ccsh("record --once; record --once")
        #expect(try counts(world) == before, "two more passes over the same month change nothing")
    }

    @Test("record running while the world runs half an hour a second: every charge and drive, once, within half the quota")
    func running() throws {
        // From a Thursday (its evening errand) to the Saturday of a fast charge, and on; the world runs from the start.
        let start = Timestamp.epoch(year: 2026, month: 11, day: 5)
        let world = try World(quota: 2000, timeScale: 1800, epoch: start)
        let log = world.home.root.appendingPathComponent("record.log")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        let process = Process()
        process.executableURL = Executables.url(for: "ccsh")
        process.arguments = ["record", "-v"]
        process.environment = world.home.environment
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = Pipe()
        let from = try world.clock()
        try process.run()
        let end = from + Self.runningDays * 86400
        var used: [Int] = []
        while process.isRunning, try world.clock() < end {
            Thread.sleep(forTimeInterval: 1)
            used.append(Int(try world.ccsh("sandbox quota | get used").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1)
        }
        // The world stands still from here: what the truth says next is what the recorder could have read.
        _ = try world.ccsh("sandbox clock --scale 0")
        process.terminate()
        process.waitUntilExit()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(text.suffix(2000))")
        #expect(used.allSatisfy { $0 <= 1000 }, "at most half of the day quota of 2000: \(used)")
        // What started within the first hour, or within the last two of the run, the recorder may have seen only in
        // part; a charge that ended within those two hours is checked for its start.
        try checkAgainstTruth(world, from: from + 3600, to: end - 7200, settled: end - 7200)
    }

    /// Rows per derived table.
    private func counts(_ world: World) throws -> [Int] {
        try ["chargeSessions", "drives", "trips", "statusSnapshots", "parkedPeriods"].map { table in
            try world.rows("SELECT count(*) AS n FROM \(table)").first?.get("n", as: Int.self) ?? -1
        }
    }

    /// Every true charge session and drive of every car that started between `from` (drives: `drivesFrom`) and `to`
    /// is in the database, and nothing else that started then is.
    /// A charge that ended after `settled` is checked for its start only.
    private func checkAgainstTruth(_ world: World, from: Int, drivesFrom: Int? = nil, to: Int, settled: Int = .max) throws {
        let vehicles = try world.rows("SELECT id FROM vehicles ORDER BY key").compactMap { $0.get("id", as: String.self) }
        #expect(vehicles.count == 3)
        for (n, vehicle) in vehicles.enumerated() {
            let truth = try world.truth(n)
            #expect(truth["id"]?.string == vehicle)
            func within(_ from: Int) -> (JSON) -> Bool {
                { item in item["startedAt"]?.string.flatMap(Timestamp.parse).map { $0 >= from && $0 <= to } ?? false }
            }
            let query = "WHERE vehicle = (SELECT key FROM vehicles WHERE id = ?) AND startedAt BETWEEN ? AND ? ORDER BY startedAt"
            checkCharges(
                (truth["charges"]?.array ?? []).filter(within(from)), try world.rows("SELECT * FROM chargeSessions " + query, [vehicle, from, to]),
                car: n, settled: settled)
            let drivesFrom = drivesFrom ?? from
            checkDrives(
                (truth["drives"]?.array ?? []).filter(within(drivesFrom)),
                try world.rows("SELECT * FROM drives " + query, [vehicle, drivesFrom, to]), car: n)
        }
    }

    private func checkCharges(_ charges: [JSON], _ rows: [SQLiteRow], car: Int, settled: Int) {
        #expect(rows.count == charges.count, "car \(car): \(rows.count) sessions recorded, \(charges.count) true")
        for charge in charges {
            let start = charge["startedAt"]?.string.flatMap(Timestamp.parse) ?? 0
            guard let row = rows.first(where: { abs(($0.get("startedAt", as: Int.self) ?? 0) - start) <= 1 }) else {
                Issue.record("car \(car): the charge of \(charge["startedAt"]?.string ?? "?") was not found")
                continue
            }
            #expect(row.get("startLevel", as: Double.self) == charge["startLevel"]?.number, "car \(car), charge at \(start): start level")
            guard let ended = charge["endedAt"]?.string.flatMap(Timestamp.parse), ended <= settled else { continue }
            #expect(row.get("endLevel", as: Double.self) == charge["endLevel"]?.number, "car \(car), charge at \(start): end level")
            let energy = row.get("energyAdded", as: Double.self) ?? 0
            let trueEnergy = charge["energyAdded"]?.number ?? 0
            #expect(abs(energy - trueEnergy) <= 0.02 * trueEnergy, "car \(car), charge at \(start): \(energy) kWh recorded, \(trueEnergy) true")
        }
    }

    private func checkDrives(_ drives: [JSON], _ rows: [SQLiteRow], car: Int) {
        let trips = Set(drives.compactMap { $0["trip"]?.string })
        let others = rows.filter { row in row.get("trip", as: String.self).map { !trips.contains($0) } ?? true }.map { row in
            // Inferred drives are listed too: the unlisted true drives are among them.
            "\(row.get("source", as: String.self) ?? "?") \(Timestamp.format(row.get("startedAt", as: Int.self) ?? 0))–"
                + "\(Timestamp.format(row.get("endedAt", as: Int.self) ?? 0)) \(row.get("distance", as: Double.self) ?? 0) km"
        }
        #expect(rows.count == drives.count, "car \(car): \(rows.count) drives recorded, \(drives.count) true; not a true trip: \(others)")
        for drive in drives where drive["stoppedAt"] != .null {
            let start = drive["startedAt"]?.string.flatMap(Timestamp.parse) ?? 0
            let stop = drive["stoppedAt"]?.string.flatMap(Timestamp.parse) ?? 0
            if let trip = drive["trip"]?.string {
                #expect(rows.contains { $0.get("trip", as: String.self) == trip }, "car \(car): the trip of \(start) is a drive")
            } else {
                let distance = drive["distance"]?.number ?? 0
                let inferred = rows.first {
                    $0.get("source", as: String.self) == "inferred" && ($0.get("startedAt", as: Int.self) ?? .max) <= stop
                        && ($0.get("endedAt", as: Int.self) ?? .min) >= start
                }
                #expect(inferred != nil, "car \(car): the unlisted drive of \(start) was inferred")
                // The odometers of the snapshots that bound it: 0.1 km steps; once in a 30-day run, 0.32 km more.
                #expect(abs((inferred?.get("distance", as: Double.self) ?? 0) - distance) <= 0.5, "car \(car): its distance, \(distance) km")
            }
        }
    }
}
