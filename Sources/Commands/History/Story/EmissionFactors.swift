import APIContract
import Client
import History
import TOMLKit

/// How much CO₂ a kWh from the grid and a litre of fuel make (docs/history.md, "Efficiency and health"):
/// config.toml's `[emissions]` table, `grid` in g/kWh and `fuel` in g/L, else the defaults below.
struct EmissionFactors: Equatable {
    /// g/kWh: the EU-27's electricity in 2023, about 250 (set your country's: France about 56, Germany about 380).
    static let defaultGrid = 250.0
    /// g/L: a litre of petrol burned (diesel: 2650).
    static let defaultFuel = 2310.0

    var grid = defaultGrid
    var fuel = defaultFuel

    /// The factors of config.toml (`file` its text's path, for errors).
    static func parse(_ text: String, file: String) throws(ClientError) -> EmissionFactors {
        guard let table = try? TOMLTable(string: text), let value = table["emissions"] else { return EmissionFactors() }
        let lines = KeyLines(text)
        func fail(_ key: String, _ message: String) -> ClientError {
            ClientError(
                code: .configuration, request: "\(file):\(lines.line(of: key, in: "emissions") ?? 1)", message: "emissions.\(key): \(message)",
                hint: "[emissions] has grid (g of CO₂ a kWh) and fuel (g a litre)")
        }
        guard let entry = value.table else { throw fail("emissions", "expected an [emissions] table") }
        var factors = EmissionFactors()
        for key in entry.keys {
            guard let number = entry[key]?.double ?? entry[key]?.int.map(Double.init), number >= 0, number.isFinite else {
                throw fail(key, ["grid", "fuel"].contains(key) ? "expected a number, 0 or more" : "unknown setting")
            }
            switch key {
            case "grid": factors.grid = number
            case "fuel": factors.fuel = number
            default: throw fail(key, "unknown setting")
            }
        }
        return factors
    }
}

extension StorySettings {
    /// The emission factors of the same config file.
    func emissions() throws -> EmissionFactors {
        try EmissionFactors.parse(try file.text(), file: file.url.path)
    }

    /// The tariffs and the emission factors, the file read once.
    func tariffsAndEmissions() throws -> (tariffs: [Tariff], emissions: EmissionFactors) {
        let text = try file.text()
        return (try TariffConfiguration.parse(text, file: file.url.path), try EmissionFactors.parse(text, file: file.url.path))
    }
}
