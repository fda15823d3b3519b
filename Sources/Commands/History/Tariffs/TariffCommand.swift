import APIContract
import History
import Shell

/// `tariff`: the tariffs declared in config.toml (docs/history.md, "Tariffs and costs"), what each prices and how.
struct TariffCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("tariff", summary: "Your tariffs (config.toml's [tariffs.NAME]): what a kWh or a litre costs; `costs` applies them.")
            .example("tariff | get name", "The names of your tariffs.")
            .output("list of records: name, currency, pricing, prices, fees, applies, from")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        .value(.list(try StorySettings(api: api).tariffs().map(Self.record)))
    }

    static func record(_ tariff: Tariff) -> Value {
        var record = Record([
            Record.Field(name: "name", value: .string(tariff.name)), Record.Field(name: "currency", value: .string(tariff.currency)),
        ])
        switch tariff.pricing {
        case .fuel(let perLitre):
            record["pricing"] = "fuel"
            record["prices"] = .string("\(TariffNumber.text(perLitre)) a litre")
            record["fees"] = .null
            record["applies"] = "fuel burned by drives"
        case .electricity(let energy, let fees):
            switch energy {
            case .flat(let price):
                record["pricing"] = "flat"
                record["prices"] = .string("\(TariffNumber.text(price)) a kWh")
            case .windows(let zone, let windows, let otherwise):
                record["pricing"] = "windows"
                record["prices"] = .string(
                    (windows.map(\.text) + ["otherwise \(TariffNumber.text(otherwise))"]).joined(separator: "; ") + " (\(zone))")
            case .dynamic(let surcharge):
                record["pricing"] = "dynamic"
                record["prices"] = .string("imported hourly prices + \(TariffNumber.text(surcharge)) a kWh")
            }
            var charged: [String] = []
            if fees.perMinute != 0 { charged.append("\(TariffNumber.text(fees.perMinute)) a minute") }
            if fees.session != 0 { charged.append("\(TariffNumber.text(fees.session)) a session") }
            if fees.idlePerMinute != 0 {
                charged.append("idle \(TariffNumber.text(fees.idlePerMinute)) a minute after \(TariffNumber.text(fees.idleAfter)) min")
            }
            record["fees"] = charged.isEmpty ? .null : .string(charged.joined(separator: ", "))
            record["applies"] = .string(
                tariff.place.map { "charges at \($0)" } ?? (tariff.fast ? "fast charges" : tariff.isDefault ? "every other charge" : "charges"))
        }
        record["from"] = tariff.from.map { .string(Timestamp.format($0)) } ?? .null
        return .record(record)
    }
}
