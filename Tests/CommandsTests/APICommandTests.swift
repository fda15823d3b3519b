import Client
import Commands
import Foundation
import Shell
import TestSupport
import Testing

/// The API commands against a real sandbox over mutual TLS, through the libcurl client.
@Suite(.sandbox("--vehicles", "5", "--alerts", "130"))
struct APICommandTests {
    var endpoints: SandboxEndpoints { get throws { try suiteSandbox().endpoints } }

    @Test("user and vehicles: the seed's first requests as one-liners")
    func userAndVehicles() throws {
        let shell = try APIShell()
        #expect(try shell.run("user | get email").kindPhrase == "a string")
        #expect(try shell.run("vehicles --index-range 0-9 --page-size 10 | count") == 5)
        #expect(shell.requests.count == 2)
        #expect(try shell.run("vehicles | get vin") == .list(try endpoints.vehicles.map { .string($0.vin) }))
    }

    @Test("alerts in French differ from English, and first 3 reads one page")
    func alerts() throws {
        let shell = try APIShell()
        let french = try shell.run("vehicles | first | alerts --locale fr-FR | first | get message")
        let english = try shell.run("alerts 0 --locale en-GB | first | get message")
        #expect(french != english)
        let before = shell.requests.count
        #expect(try shell.run("alerts 0 | first 3 | count") == 3)
        #expect(shell.requests.count - before == 1, "\(shell.requests.suffix(3))")
        #expect(try shell.run("alerts 0 | count") == 130)
    }

    @Test("--since/--until become one timestamps interval; the sandbox's selection matches a local filter on startedAt")
    func timeWindow() throws {
        let shell = try APIShell()
        let windowed = try shell.run("alerts 0 --since 2026-10-01 --until 2026-10-15T12:00:00Z | count")
        #expect(
            shell.requests.last?.contains("timestamps=2026-10-01T00%3A00%3A00Z%2F2026-10-15T12%3A00%3A00Z") == true, "\(shell.requests.last ?? "")")
        let local = try shell.run(
            #"alerts 0 | where startedAt >= "2026-10-01T00:00:00Z" and startedAt <= "2026-10-15T12:00:00Z" | count"#)
        #expect(windowed == local)
        #expect(try #require(windowed.number) > 0)
        #expect(try shell.run("trips 0 --until 2000-01-01 | count") == 0)
        #expect(shell.shell.failure("alerts 0 --since soon")?.message == "--since 'soon' is not a time")
        #expect(shell.shell.failure("alerts 0 --since 2026-10-02 --until 2026-10-01")?.message == "--since is after --until")
    }

    @Test("vehicle references: id, VIN, VIN prefix, label, position, record from the pipe")
    func references() throws {
        let shell = try APIShell()
        let vehicles = try endpoints.vehicles
        let target = vehicles[2]
        for reference in [target.id, target.vin, target.vin.lowercased(), String(target.vin.dropLast()), "2", "'\(target.id.prefix(20))'"] {
            #expect(try shell.run("vehicle \(reference) | get vin") == .string(target.vin), "\(reference)")
        }
        #expect(try shell.run("vehicles | nth 2 | status | get _links.self.href").text.contains(target.id))
        if vehicles.filter({ $0.label == target.label }).count == 1 {
            #expect(try shell.run("vehicle '\(target.label)' | get vin") == .string(target.vin))
        }
    }

    @Test("a bare number is a position, never an id prefix: past the end it is an error listing the positions; short ids type back")
    func numbersArePositions() throws {
        let shell = try APIShell()
        let vehicles = try endpoints.vehicles
        for n in [vehicles.count, 7, 22, 99] {
            let error = try #require(shell.shell.failure("vehicle \(n) | get vin"), "vehicle \(n) must not name a car")
            #expect(error.message == "no vehicle at position \(n): the last listing has \(vehicles.count)")
            #expect(error.hint?.contains("0 \(vehicles[0].label) (\(vehicles[0].vin))") == true, "\(error.hint ?? "")")
        }
        let id = vehicles[1].id
        #expect(try shell.run("vehicle '\(id.prefix(6))…\(id.suffix(4))' | get vin") == .string(vehicles[1].vin), "the short form a table shows")
        #expect(shell.shell.failure("vehicle '\(id.prefix(5))' | get vin") != nil, "an id prefix shorter than the short form is no reference")
        let label = vehicles[2].label
        if vehicles.filter({ $0.label.lowercased().hasPrefix(label.prefix(4).lowercased()) }).count == 1 {
            #expect(try shell.run("vehicle '\(label.prefix(4))' | get vin") == .string(vehicles[2].vin), "a unique label prefix")
        }
    }

    @Test("unknown and ambiguous references list the candidates; API errors show the request line")
    func errors() throws {
        let shell = try APIShell()
        let unknown = try #require(shell.shell.failure("status NOPE123"))
        #expect(unknown.message == "no vehicle matches 'NOPE123'")
        #expect(unknown.hint?.hasPrefix("vehicles: ") == true)
        let prefix = String(try endpoints.vehicles[0].vin.prefix(3))
        let sharing = try endpoints.vehicles.filter { $0.vin.hasPrefix(prefix) }.count
        try #require(sharing > 1, "the sandbox's first two vehicles share a VIN prefix")
        let ambiguous = try #require(shell.shell.failure("status \(prefix)"))
        #expect(ambiguous.message == "'\(prefix)' matches \(sharing) vehicles")
        #expect(ambiguous.hint?.hasPrefix("be more specific: ") == true)
        let missing = try #require(shell.shell.failure("{id: 'no-such-vehicle'} | alerts"))
        #expect(missing.message.hasPrefix("the alerts of vehicle no-suc…icle → 404: "), "\(missing.message)")
        #expect(missing.record.recordValue?["status"] == 404)
    }

    @Test("per-vehicle resources: position, maintenance, trips, trip, waypoints, telemetry, collisions, ecoaching, alert")
    func resources() throws {
        let shell = try APIShell()
        #expect(try shell.run("position 0 | get type") == "Feature")
        #expect(try shell.run("maintenance 0 | get daysBeforeMaintenance").kind == .int)
        _ = try shell.run("let t = (trips 0 | first | get id)")
        #expect(try shell.run("trip 0 $t | get id") == shell.run("$t"))
        #expect(try shell.run("vehicles | first | trip $t | get id") == shell.run("$t"), "the vehicle from the pipe, the trip as the argument")
        let full = try #require(try shell.run("waypoints 0 $t | count").number)
        let reduced = try #require(try shell.run("waypoints 0 $t --tolerance 0.5 | count").number)
        #expect(reduced < full)
        #expect(try shell.run("telemetry 0 --type vehicle.energy.level | first 5 | count") == 5)
        #expect(try shell.run("ecoaching 0 $t | get scores") != .null)
        #expect(
            try shell.run("alert 0 (alerts 0 | first | get id) --locale de-DE | get message")
                == shell.run("alerts 0 --locale de-DE | first | get message"))
        #expect(try shell.run("vehicles | each { position $it } | to geojson | from json | get features | count") == 5)
        let missingTrip = try #require(shell.shell.failure("trip 0"))
        #expect(missingTrip.message == "'trip' needs the trip id")
    }

    @Test("api: any method and path with the session's auth, repeated --query, --paginate, a POST body")
    func raw() throws {
        let shell = try APIShell()
        #expect(try shell.run("api GET /user | get email") == shell.run("user | get email"))
        let before = shell.requests.count
        #expect(try shell.run("api GET /user/vehicles --query pageSize=2 --query indexRange=0-3 --paginate | count") == 4)
        #expect(shell.requests.count - before == 2, "two pages of two")
        let id = try endpoints.vehicles[0].id
        let bad = try #require(shell.shell.failure("api POST /user/vehicles/\(id)/monitors --body {label: x}"))
        #expect(bad.message.hasPrefix("POST /user/vehicles/\(id)/monitors → 400: "), "\(bad.message)")
        let relative = try #require(shell.shell.failure("api GET user"))
        #expect(relative.message == "'user' is not an API path")
    }

    @Test("--curl prints the request instead of sending it, with no secret in it")
    func curl() throws {
        let shell = try APIShell()
        _ = try shell.run("vehicles | count")
        let before = shell.requests.count
        let text = try shell.run("status 0 --curl").text
        #expect(shell.requests.count == before, "nothing was sent (the vehicle came from the cache)")
        #expect(text.hasPrefix("curl --cert "))
        #expect(text.contains("\"Authorization: Bearer $CCSH_TOKEN\""))
        let endpoints = try endpoints
        #expect(!text.contains(endpoints.clientSecret) && !text.contains(endpoints.password))
        #expect(try shell.run("vehicles | first 3 | alerts --curl | count") == 3)
        #expect(try shell.run("api POST /user/vehicles/x/monitors --body {a: 1} --curl").text.contains("--data-binary '{\"a\":1}'"))
    }

    @Test("set changes the session's locale, page size and concurrency; set alone shows them")
    func settings() throws {
        let shell = try APIShell()
        let french = try shell.run("alerts 0 --locale fr-FR | first | get message")
        _ = try shell.run("set locale fr-FR")
        #expect(try shell.run("alerts 0 | first | get message") == french)
        _ = try shell.run("set page-size 2")
        let before = shell.requests.count
        #expect(try shell.run("alerts 0 | first 3 | count") == 3)
        #expect(shell.requests.count - before == 2, "pages of two")
        _ = try shell.run("set concurrency 3")
        #expect(try shell.run("set | get concurrency") == 3)
        #expect(try shell.run("set | get locale") == "fr-FR")
        #expect(shell.shell.failure("set concurrency 0")?.message == "'concurrency' must be an int from 1 to 64, got 0")
        #expect(
            shell.shell.failure("set colour red")?.hint
                == "one of: locale, api-version, page-size, output, time, editor, pager, concurrency, retries, timeout")
        #expect(shell.shell.failure("set editor vi")?.message == "'set editor' works at the interactive prompt only")
        let editor = REPLTests.FakeEditor()
        shell.shell.interpreter.lineEditor = editor
        _ = try shell.run("set editor vi")
        #expect(editor.mode == "vi")
        #expect(shell.shell.failure("set editor nano")?.message == "'nano' is not a key binding")
    }
}
