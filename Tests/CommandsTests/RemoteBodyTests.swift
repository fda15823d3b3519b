import APIContract
import Client
import Foundation
import Testing

@testable import Commands

/// The pure parts of `remote` (times of day, the next HH:MM) and a config's `api_version`; the bodies themselves are
/// checked against the sandbox in api417.ccsh and RemoteTests.
@Suite struct RemoteBodyTests {
    @Test("config.toml: api_version 4.0 by default, \"4.17\" or 4.17 unquoted; anything else names the line and the fix")
    func apiVersion() throws {
        let base = "[profiles.a]\nbrand = \"peugeot\"\nclient_id = \"x\"\nclient_secret = \"env:S\"\n"
        #expect(try Configuration.parse(base, file: "c.toml").profiles.first?.apiVersion == .v40)
        #expect(try Configuration.parse(base + "api_version = \"4.17\"\n", file: "c.toml").profiles.first?.apiVersion == .v417)
        #expect(try Configuration.parse(base + "api_version = 4.17\n", file: "c.toml").profiles.first?.apiVersion == .v417)
        #expect(throws: ClientError.self) { try Configuration.parse(base + "api_version = \"5\"\n", file: "c.toml") }
        do {
            _ = try Configuration.parse(base + "api_version = \"5\"\n", file: "c.toml")
        } catch {
            #expect(error.request == "c.toml:5")
            #expect(error.message == "profiles.a.api_version: '5' is not an API version ccsh speaks")
        }
    }

    @Test("a time of day and the next HH:MM")
    func times() {
        #expect(RemoteBody.timeOfDay("07:30") == "PT7H30M")
        #expect(RemoteBody.timeOfDay("24:00") == nil)
        #expect(RemoteBody.nextInstant("2026-12-05T06:30:00Z", now: .now) == "2026-12-05T06:30:00Z")
        #expect(RemoteBody.nextInstant("6h", now: .now) == nil)
    }
}
