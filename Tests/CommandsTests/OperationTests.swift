import APIContract
import Foundation
import Shell
import Testing

@testable import Commands

/// The path templates of ``APIOperation``: typed ids filled and read back from links.
@Suite struct PathTemplateTests {
    @Test("ids are filled percent-encoded; one not known shows as its placeholder, as --curl writes it")
    func filled() {
        let template: PathTemplate = "/user/vehicles/{vehicle}/callbacks/{callback}/monitors/{monitor}"
        #expect(template.filled(["vehicle": "a b", "callback": "c/d", "monitor": "m"]) == "/user/vehicles/a%20b/callbacks/c%2Fd/monitors/m")
        #expect(template.filled(["vehicle": "v", "monitor": "m"]) == "/user/vehicles/v/callbacks/CBID/monitors/m")
        #expect(template.ids.map(\.name) == ["vehicle", "callback", "monitor"])
    }

    @Test("a link gives the ids of a template it starts like, up to the template's last id; another gives none")
    func idsInLink() {
        let waypoints: PathTemplate = "/user/vehicles/{vehicle}/trips/{trip}/wayPoints"
        let trip = "https://127.0.0.1:4443/connectedcar/v4/user/vehicles/V1/trips/T%201?locale=fr-FR"
        #expect(waypoints.ids(inLink: trip) == ["vehicle": "V1", "trip": "T 1"])
        #expect(waypoints.ids(inLink: "https://x/connectedcar/v4/user/vehicles/V1/alerts/A1") == nil, "alerts are not trips")
        #expect(waypoints.ids(inLink: "https://x/connectedcar/v4/user/vehicles/V1") == nil, "too short")
        let monitor: PathTemplate = "/user/vehicles/{vehicle}/callbacks/{callback}/monitors/{monitor}/status"
        #expect(monitor.ids(inLink: "/connectedcar/v4/user/vehicles/V/callbacks/C/monitors/M") == ["vehicle": "V", "callback": "C", "monitor": "M"])
    }

    @Test("an item's listing is the template before its id; below a vehicle's callback, the collection and its item")
    func listingAndCallback() {
        let template: PathTemplate = "/user/vehicles/{vehicle}/callbacks/{callback}/remotes/{remote}"
        #expect(template.listing(of: .remoteAction)?.filled(["vehicle": "V", "callback": "C"]) == "/user/vehicles/V/callbacks/C/remotes")
        #expect(template.listing(of: .trip) == nil)
        #expect(template.belowCallback?.resource == "remotes")
        #expect(template.belowCallback?.item == "remote")
        #expect(("/user/callbacks/{callback}" as PathTemplate).belowCallback == nil, "not under a vehicle")
    }
}

/// The recipe: a GET declared in one place runs like every API command — an argument or the pipe, a fan-out, a
/// piped record's own link, `--curl`, the version check — through the real client and the sandbox.
@Suite(.sandbox("--vehicles", "3"), .serialized)
struct OperationRecipeTests {
    /// A GET declared here and nowhere else: the vehicle's maintenance, as `probe`.
    static let probe = APIOperation("probe", "The vehicle's maintenance, declared by a test.", path: "/user/vehicles/{vehicle}/maintenance")
        .example("probe 0", "The first vehicle's.")
    /// One item below a vehicle, and an operation of 4.17 only.
    static let probeTrip = APIOperation("probe-trip", "One trip, declared by a test.", path: "/user/vehicles/{vehicle}/trips/{trip}")
    static let probe417 = APIOperation("probe-417", "The alarms, declared by a test.", path: "/user/vehicles/{vehicle}/alarms", versions: [.v417])

    func shell() throws -> (ShellHarness, APIContext) {
        let api = try APIShell().api
        var registry = CommandRegistry.standard(api: api)
        registry.register([Self.probe, Self.probeTrip, Self.probe417].map { OperationCommand(api: api, operation: $0) })
        return (try ShellHarness(registry: registry), api)
    }

    @Test("one declaration: by argument, from the pipe, fanned out over vehicles, and as curl")
    func declaredGet() throws {
        let (shell, _) = try shell()
        let one = try shell.run("probe 0")
        #expect(one.recordValue?["_links"] != nil, "\(one)")
        #expect(try shell.run("vehicles | first | probe") == one, "the vehicle from the pipe")
        #expect(try shell.run("vehicles | probe | get vin | count") == 3, "one request per vehicle, tagged with its VIN")
        let curl = try #require(try shell.run("probe 0 --curl").stringValue)
        #expect(curl.contains("/maintenance?client_id="), "\(curl)")
        let signature = try #require(shell.interpreter.registry.command(named: "probe")).signature
        #expect(signature.positionals.map(\.name) == ["vehicle"] && signature.flags.map(\.name).contains("curl"))
    }

    @Test("an item by its id or from a piped record's link; a version that lacks the operation is refused by name")
    func itemsAndVersions() throws {
        let (shell, api) = try shell()
        let trip = try #require(try shell.run("trips 0 | first").recordValue)
        let id = try #require(trip.string("id"))
        #expect(try shell.run("probe-trip 0 \(id) | get id") == .string(id))
        #expect(try shell.run("trips 0 | first | probe-trip | get id") == .string(id), "the ids read from the trip's own link")
        let refused = try #require(shell.failure("probe-417 0"))
        #expect(refused.message.contains("'probe-417' exists from API 4.10 on"), "\(refused.message)")
        api.apiVersionOverride = .v417
        guard case .int = try shell.run("probe-417 0 | count") else {
            Issue.record("probe-417 is sent in 4.17")
            return
        }
    }
}
