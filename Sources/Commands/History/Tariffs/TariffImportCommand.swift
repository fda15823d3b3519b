import APIContract
import Client
import Foundation
import History
import Shell

/// `tariff import NAME FILE` (or CSV text piped in): keeps a day-ahead market's prices for the dynamic tariff NAME
/// in the history database (the CSV format is in docs/history.md, "Dynamic prices"). Importing the same prices again
/// changes nothing.
struct TariffImportCommand: Command {
    let api: APIContext

    var signature: Signature {
        HistoryDatabase.flag(
            on: Signature("tariff import", summary: "Import a dynamic tariff's hourly prices from a day-ahead market's CSV export.")
                .required("name", .tariff, "The dynamic tariff (`tariff add NAME --dynamic`).")
                .input("string: the CSV text, when no file is given")
                .optional("file", .file, "The CSV file: a time column and a price column (docs/history.md, \"Dynamic prices\").")
                .flag("zone", .timeZone, "The time zone of the file's local times, an IANA name (default: this machine's).")
                .example(
                    "tariff add spot --currency EUR --dynamic | get name; \"time,price (EUR/kWh)\\n2026-11-01T00:00:00Z,0.21\\n2026-11-01T01:00:00Z,0.18\" | tariff import spot | get added",
                    "Two hourly prices for a dynamic tariff.", result: 2
                )
                .output("record: tariff, prices, added, changed, from, through"))
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let name = call.string("name") ?? ""
        let tariffs = try StorySettings(api: api).tariffs()
        guard let tariff = tariffs.first(where: { $0.name == name }) else {
            let dynamic = tariffs.filter { if case .electricity(.dynamic, _) = $0.pricing { true } else { false } }.map(\.name)
            throw call.error(
                "no tariff named '\(name)'",
                hint: dynamic.isEmpty
                    ? "declare it first: `tariff add \(name) --currency EUR --dynamic`" : "dynamic tariffs: " + dynamic.joined(separator: ", "),
                argument: "name", code: .badArgument)
        }
        guard case .electricity(.dynamic, _) = tariff.pricing else {
            throw call.error(
                "tariff '\(name)' is not dynamic: its prices are in config.toml", hint: "declare it with --dynamic to import prices",
                argument: "name",
                code: .badArgument)
        }
        let zoneName = call.string("zone") ?? TimeZone.current.identifier
        guard let zone = TimeZone(identifier: zoneName) else {
            throw call.error("'\(zoneName)' is not a time zone", hint: "write an IANA name: Europe/Paris", argument: "zone", code: .badArgument)
        }
        let text: String
        let source: String
        if let file = call.string("file") {
            source = FileAccess.resolve(HomeDirectory.expanding(file), context)
            guard let data = FileManager.default.contents(atPath: source), let contents = String(data: data, encoding: .utf8) else {
                throw call.error("cannot read \(source)", hint: "give the path of a CSV file", argument: "file", code: .badArgument)
            }
            text = contents
        } else {
            guard case .string(let piped) = try input.collect() else {
                throw call.error(
                    "no prices to import", hint: "give a CSV file, or pipe its text in: `open prices.csv | tariff import \(name)`", code: .badArgument
                )
            }
            (text, source) = (piped, "the piped text")
        }
        let prices: [PriceSchedule.MarketPrice]
        switch DayAheadPrices.parse(text, zone: zone) {
        case .success(let parsed): prices = parsed
        case .failure(let error):
            throw call.error(
                "\(source): \(error.message)", hint: error.hint ?? "see docs/history.md, \"Dynamic prices\"",
                argument: call.string("file") == nil ? nil : "file")
        }
        let store = try HistoryDatabase.openForWriting(call, api: api)
        let result: HistoryStore.PriceImport
        do throws(HistoryError) { result = try store.savePrices(prices, tariff: name) } catch {
            throw call.error(error.description, hint: "give another file with --db PATH")
        }
        return .value(
            [
                "tariff": .string(name), "prices": .int(prices.count), "added": .int(result.added), "changed": .int(result.changed),
                "from": result.from.map { .string(Timestamp.format($0)) } ?? .null,
                "through": result.through.map { .string(Timestamp.format($0)) } ?? .null,
            ])
    }
}
