import APIContract
import Foundation
import TestSupport
import Testing

/// `watch status` through the real binary against a sandbox whose world runs a minute a second: one record per
/// reading that changed, none while nothing changes, and a period under a minute refused.
@Suite struct WatchTests {
    @Test("watch status --every 1m: a driving car gives one diff a reading, a parked one none")
    func diffs() throws {
        let sandbox = try SandboxProcess.start(["--vehicles", "2", "--time-scale", "60"])
        defer { sandbox.stop() }
        let home = try SessionCommandTests.Home(endpoints: sandbox.endpoints).loggedIn()
        let started = try home.ccsh(
            "sandbox set 1 position=paris electricLevel=80; sandbox drive 1 --to rambouillet --speed 40 | get state.drive.speed")
        #expect(started.stdout.hasSuffix("40\n"), "\(started.stderr)")
        let driving = try home.ccsh("watch status 1 --every 1m --for 5m --fields odometer,moving | to json")
        #expect(driving.status == 0, "\(driving.stderr)")
        let changes = try JSONParser.parse(Array(driving.stdout.utf8)).array ?? []
        // Readings at the start, 2 s later (the pace measured: 2 simulated minutes) and then each minute until the
        // fifth: each one after the first farther on, one diff each.
        #expect(changes.count >= 3 && changes.count <= 5, "\(driving.stdout)")
        #expect(changes.allSatisfy { $0["changed"] == ["odometer"] }, "\(driving.stdout)")
        #expect(changes.allSatisfy { ($0["to"]?["odometer"]?.number ?? 0) > ($0["from"]?["odometer"]?.number ?? .infinity) })
        let parked = try home.ccsh("watch status 0 --every 1m --for 4m --fields odometer,moving,latitude,longitude | count")
        #expect(parked.stdout == "0\n", "nothing changes, nothing comes: \(parked.stdout) \(parked.stderr)")
        let fast = try home.ccsh("watch status 0 --every 10s")
        #expect(fast.status != 0)
        #expect(fast.stderr.contains("--every 10s is under a minute"), "\(fast.stderr)")
        let unknown = try home.ccsh("watch status 0 --fields odometr")
        #expect(unknown.stderr.contains("did you mean 'odometer'?"), "\(unknown.stderr)")
    }

    @Test("at the end of a statement: one JSON line a change in a pipe, a card drawn over itself at a terminal")
    func live() throws {
        let sandbox = try SandboxProcess.start(["--vehicles", "2", "--time-scale", "60"])
        defer { sandbox.stop() }
        let home = try SessionCommandTests.Home(endpoints: sandbox.endpoints).loggedIn()
        _ = try home.ccsh("sandbox set 1 position=paris electricLevel=80; sandbox drive 1 --to rambouillet --speed 40")
        let piped = try home.ccsh("watch status 1 --every 1m --for 4m --fields odometer")
        #expect(piped.status == 0, "\(piped.stderr)")
        let lines = piped.stdout.split(separator: "\n")
        #expect(lines.count >= 2, "\(piped.stdout)")
        for line in lines {
            let change = try JSONParser.parse(Array(line.utf8))
            #expect(change["changed"] == ["odometer"], "one JSON object a line: \(line)")
        }
        let terminal = try home.ccshOnTerminal("watch status 1 --every 1m --for 4m --fields odometer,moving", columns: 100)
        #expect(terminal.status == 0, "\(terminal.screen)")
        #expect(terminal.screen.contains("(was "), "the changed figure with what it was: \(terminal.screen)")
        // Each card after the first is drawn over the one before: up to its first line (4 lines), and cleared.
        #expect(terminal.screen.contains("\u{1B}[4F\u{1B}[J"), "\(terminal.screen.debugDescription)")
        #expect(terminal.screen.components(separatedBy: "odometer").count >= 3, "\(terminal.screen)")
    }

    @Test("a listen --background of the shell: a notification carrying the car's status is a change, with no read for it")
    func followsListen() throws {
        let sandbox = try SandboxProcess.start(["--vehicles", "2", "--time-scale", "1"])
        defer { sandbox.stop() }
        let home = try SessionCommandTests.Home(endpoints: sandbox.endpoints).loggedIn()
        // The car is plugged in from another terminal while watch waits an hour for its next read.
        let watching = Process()
        watching.executableURL = Executables.url(for: "ccsh")
        watching.arguments = [
            "-c",
            """
            set api-version 4.17
            let inbox = (listen --port 0 --background)
            let cb = (callbacks create --label watch --target $inbox.url --body 'vin=$vin' --types monitor)
            monitors create 1 --callback-id $cb.callbackId --label plug --data plug:vehicle.energy.charging.status:change --extend vehicle.status | get status
            let before = (sandbox quota | get used)
            let changes = (watch status 1 --every 1h --for 2h --fields chargingStatus,plugged | first 1)
            $changes | get 0.to.chargingStatus
            (sandbox quota | get used) - $before
            """,
        ]
        watching.environment = home.environment
        let output = Pipe()
        watching.standardOutput = output
        watching.standardError = Pipe()
        try watching.run()
        Thread.sleep(forTimeInterval: 6)
        _ = try home.ccsh("sandbox plug 1; sandbox advance 1m")
        let deadline = Date().addingTimeInterval(60)
        while watching.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if watching.isRunning { watching.terminate() }
        let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(watching.terminationStatus == 0, "\(lines)")
        #expect(lines.contains("InProgress"), "the change the notification carried: \(lines)")
        // Two reads at the start (the server clock's pace measured), none for the change.
        #expect(lines.last == "2", "\(lines)")
    }
}
