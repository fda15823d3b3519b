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
}
