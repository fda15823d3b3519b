import Foundation
import TestSupport
import Testing

/// A script naming a vehicle reads the vehicle cache of the profile it runs on — also when that profile is the
/// config's default, which is only known once the session opens — instead of listing the vehicles again.
@Suite(.sandbox("--vehicles", "2", "--log"), .serialized)
struct VehicleCacheUseTests {
    @Test("the second run of `status ID` on the default profile sends the status request only")
    func cachedOnDefaultProfile() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let sandbox = try suiteSandbox()
        let vehicle = home.endpoints.vehicles[1]
        let listings = { sandbox.stderrText.components(separatedBy: "GET /connectedcar/v4/user/vehicles ").count - 1 }
        let statuses = { sandbox.stderrText.components(separatedBy: "GET /connectedcar/v4/user/vehicles/\(vehicle.id)/status ").count - 1 }

        let before = statuses()
        let first = try home.ccsh("status \(vehicle.id) | get _links.self.href")
        #expect(first.status == 0, "\(first.stderr)")
        sandbox.log { _ in statuses() > before }  // the sandbox logs after each response
        let (listed, asked) = (listings(), statuses())

        let second = try home.ccsh("status \(vehicle.vin) | get _links.self.href")
        #expect(second.stdout == first.stdout, "\(second.stderr)")
        sandbox.log { _ in statuses() > asked }
        Thread.sleep(forTimeInterval: 0.3)  // and a moment for a listing that should not come
        #expect(listings() == listed, "no listing: the VIN was found in the lab profile's cache")
        #expect(statuses() == asked + 1)
    }

    @Test("the vehicle cache is 0600 in a 0700 directory")
    func cacheIsPrivate() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        #expect(try home.ccsh("vehicles | count").status == 0)
        let directory = home.root.appendingPathComponent("state/ccsh/cache")
        let mode = { (path: String) in (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1 }
        #expect(mode(directory.path) == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }
        #expect(!files.isEmpty)
        for file in files { #expect(mode(directory.appendingPathComponent(file).path) == 0o600, "\(file)") }
    }
}
