import Client
import Foundation
import History
import Testing

@testable import Commands

/// config.toml's `[tariffs.NAME]` and `[emissions]` tables (docs/history.md, "Tariffs and costs"): read back as
/// written, and a mistake named by file, line and key.
@Suite struct TariffConfigurationTests {
    static let text = """
        default_profile = "mine"

        [tariffs.home]
        currency = "EUR"
        place = "home"
        zone = "Europe/Paris"
        price = 0.2516
        windows = ["22:00-06:00 0.1696", "sat-sun 0.15"]

        [tariffs.ionity]
        currency = "EUR"
        fast = true
        price = 0.69
        session_fee = 1
        idle_fee = 0.4
        idle_after = "30m"

        [tariffs.petrol]
        currency = "eur"
        fuel = 1.859
        default = true
        from = "2026-07-01"

        [emissions]
        grid = 56
        """

    @Test("every kind of tariff reads back as written, in file order; the emission factors too")
    func reads() throws {
        let tariffs = try TariffConfiguration.parse(Self.text, file: "config.toml")
        #expect(tariffs.map(\.name) == ["home", "ionity", "petrol"])
        let windows = try ["22:00-06:00 0.1696", "sat-sun 0.15"].map { try TariffWindow.parse($0).get() }
        #expect(tariffs[0].pricing == .electricity(.windows(zone: "Europe/Paris", windows, otherwise: 0.2516), .none) && tariffs[0].place == "home")
        #expect(tariffs[1].pricing == .electricity(.flat(0.69), Tariff.Fees(session: 1, idlePerMinute: 0.4, idleAfter: 30)) && tariffs[1].fast)
        #expect(tariffs[2].pricing == .fuel(perLitre: 1.859) && tariffs[2].currency == "EUR" && tariffs[2].isDefault)
        #expect(tariffs[2].from == 1_782_864_000)
        // What `tariff add` writes reads back the same.
        for tariff in tariffs {
            let written = ConfigFile.appending("tariffs.\(tariff.name)", fields: TariffConfiguration.fields(tariff), to: "")
            #expect(try TariffConfiguration.parse(written, file: "x") == [tariff])
        }
        #expect(try EmissionFactors.parse(Self.text, file: "config.toml") == EmissionFactors(grid: 56, fuel: EmissionFactors.defaultFuel))
        // The profiles' reader accepts the tables.
        #expect(throws: ClientError.self) { _ = try Configuration.parse(Self.text, file: "config.toml") }  // default_profile names no profile
        _ = try Configuration.parse(Self.text.replacingOccurrences(of: "default_profile = \"mine\"", with: ""), file: "config.toml")
    }

    @Test(
        "a mistake names the file, the line and the key, and how to fix it",
        arguments: [
            ("[tariffs.a]\ncurrency = \"EUR\"\nprize = 1", "config.toml:3", "tariffs.a.prize: unknown setting", "did you mean price?"),
            ("[tariffs.a]\nprice = 1", "config.toml:1", "tariffs.a.currency: is required", "e.g. currency = \"EUR\""),
            ("[tariffs.a]\ncurrency = \"EURO\"\nprice = 1", "config.toml:2", "tariffs.a.currency: 'EURO' is not a currency code", nil),
            (
                "[tariffs.a]\ncurrency = \"EUR\"\nprice = 1\nwindows = [\"22-06 0.1\"]", "config.toml:4",
                "tariffs.a.windows: '22-06' in window '22-06 0.1' is not HH:MM-HH:MM", "write e.g. 22:00-06:00"
            ),
            (
                "[tariffs.a]\ncurrency = \"EUR\"\nprice = 1\nwindows = [\"0.1\"]\nzone = \"Mars/Olympus\"", "config.toml:5",
                "tariffs.a.zone: 'Mars/Olympus' is not a time zone", nil
            ),
            (
                "[tariffs.a]\ncurrency = \"EUR\"\nfuel = 1.8\nfast = true", "config.toml:4", "tariffs.a.fast: a fuel tariff has only a price a litre",
                nil
            ),
        ])
    func mistakes(text: String, place: String, message: String, hint: String?) {
        #expect(throws: (any Error).self) { try TariffConfiguration.parse(text, file: "config.toml") }
        do {
            _ = try TariffConfiguration.parse(text, file: "config.toml")
        } catch {
            #expect(error.request == place && error.message == message, "\(error)")
            if let hint { #expect(error.hint == hint, "\(error)") }
        }
    }

    @Test("an emission factor that is not a number, or a key it does not know, is named")
    func emissions() throws {
        #expect(throws: ClientError.self) { try EmissionFactors.parse("[emissions]\ngrid = \"low\"", file: "c") }
        #expect(throws: ClientError.self) { try EmissionFactors.parse("[emissions]\nsolar = 1", file: "c") }
        #expect(try EmissionFactors.parse("", file: "c") == EmissionFactors())
    }
}
