import APIContract
import Foundation
import History
import TestSupport
import Testing

/// `record --listen` against a sandbox that posts to it: a monitor's notifications kept as they come (its status a
/// snapshot, with no request for it), a remote action's events to its outcome, a resent message kept once, and
/// every notification answered only once it is in the database.
@Suite(.serialized) struct RecordListenTests {
    @Test("record --listen: a monitor's status and a remote action's outcome, kept as they come; a message sent again, once")
    func listening() throws {
        let lab = try RecordTests.Lab()
        let port = RawHTTP.freePort()
        let callback =
            try lab.ccsh(
                """
                set api-version 4.17
                let cb = (callbacks create --label rec --target http://127.0.0.1:\(port)/ --body 'vin=$vin' --types monitor,remote)
                monitors create 1 --callback-id $cb.callbackId --label charging --data charging:vehicle.energy.charging.status:change --extend vehicle.status | get status
                $cb.callbackId
                """
            ).stdout.split(separator: "\n").last.map(String.init) ?? ""
        let process = Process()
        process.executableURL = Executables.url(for: "ccsh")
        process.arguments = ["record", "--listen", String(port), "-v"]
        process.environment = lab.home.environment
        let stderr = Pipe()
        process.standardError = stderr
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        var log = ""
        func waitFor(_ text: String) {
            let deadline = Date().addingTimeInterval(60)
            while !log.contains(text), process.isRunning, Date() < deadline {
                log += String(decoding: stderr.fileHandleForReading.availableData, as: UTF8.self)
            }
        }
        waitFor("status +")
        #expect(log.contains("listening on http://127.0.0.1:\(port)/"), "\(log)")
        let reads = try lab.count("SELECT count(*) FROM statusSnapshots")
        // The car plugged in: the monitor posts its status; the recorder keeps it without reading it.
        _ = try lab.ccsh("sandbox plug 1; sandbox advance 1m")
        waitFor("notification: Monitor, 1 car, status +1")
        #expect(log.contains("notification: Monitor, 1 car, status +1"), "\(log)")
        let charging = try lab.count(
            """
            SELECT count(*) FROM statusSnapshots JOIN vehicles ON key = vehicle
            WHERE vehicles.id = '\(lab.sandbox.endpoints.vehicles[1].id)' AND chargingStatus = 'InProgress'
            """)
        #expect(charging == 1)
        #expect(try lab.count("SELECT count(*) FROM statusSnapshots") == reads + 1)
        // A remote action through the same callback: its events to the end.
        // (The lab's clock stands still: the action goes on as it is advanced.)
        _ = try lab.ccsh("set api-version 4.17; remote 1 horn --callback-id \(callback) --no-wait; sandbox advance 1m")
        let deadline = Date().addingTimeInterval(60)
        while try lab.count("SELECT count(*) FROM remoteActions WHERE status = 'Success'") == 0, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(try lab.count("SELECT count(*) FROM remoteActions WHERE status = 'Success' AND action = 'Horn'") == 1)
        // The same message again (the API resends until it has a 200): answered 200, kept once.
        let message = try #require(
            try HistoryStore(path: lab.database, readOnly: true).read { db in
                try db.one(String.self, "SELECT document FROM notifications WHERE kind = 'Monitor'")
            })
        let before = try lab.count("SELECT count(*) FROM notifications")
        #expect(try RawHTTP.postOnce(message, port: port) == 200)
        #expect(try lab.count("SELECT count(*) FROM notifications") == before)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let answerRecord = try JSONParser.parse(Array(stdout.fileHandleForReading.readDataToEndOfFile()))
        #expect((answerRecord["notifications"]?.number ?? 0) >= 2, "\(answerRecord)")
    }

    @Test("record --once on 4.17: the cars' alarms and remote actions too, once; a pass over nothing new changes nothing")
    func alarmsAndRemotes() throws {
        let lab = try RecordTests.Lab()
        _ = try lab.ccsh("set api-version 4.17; remote 1 horn --no-wait; sandbox advance 1m")
        let first = try lab.home.ccsh("record --once | to json", ["--api-version", "4.17"])
        #expect(first.status == 0, "\(first.stderr)")
        let alarms = try lab.ccsh("set api-version 4.17; (alarms 0 | count) + (alarms 1 | count)").stdout
        #expect(try lab.count("SELECT count(*) FROM alarms") == Int(alarms.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(try lab.count("SELECT count(*) FROM alarms") > 0)
        #expect(try lab.count("SELECT count(*) FROM remoteActions WHERE action = 'Horn' AND status = 'Success'") == 1)
        let rows = try lab.count("SELECT (SELECT count(*) FROM alarms) + (SELECT count(*) FROM remoteActions)")
        _ = try lab.home.ccsh("record --once", ["--api-version", "4.17"])
        #expect(try lab.count("SELECT (SELECT count(*) FROM alarms) + (SELECT count(*) FROM remoteActions)") == rows)
    }

    @Test("--listen is refused with --once, and the listener's flags without --listen")
    func refusals() throws {
        let lab = try RecordTests.Lab()
        let once = try lab.home.ccsh("record --once --listen 0")
        #expect(once.status != 0)
        #expect(once.stderr.contains("--once stops after one pass"), "\(once.stderr)")
        let alone = try lab.home.ccsh("record --tls")
        #expect(alone.status != 0)
        #expect(alone.stderr.contains("--tls sets up the listener of --listen"), "\(alone.stderr)")
    }
}
