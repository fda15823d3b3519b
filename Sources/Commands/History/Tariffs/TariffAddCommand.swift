import Foundation
import History
import Shell

/// `tariff add NAME --currency EUR …`: declares a tariff in config.toml (the one of that name replaced).
struct TariffAddCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("tariff add", summary: "Declare a tariff: flat, day/night or time-of-use windows, dynamic, public fees, or fuel.")
            .required("name", .string, "Its name: home, ionity, petrol…")
            .flag("currency", .string, "Its ISO 4217 code: EUR, GBP, CHF (required).")
            .flag("price", .number, "A kWh's price; with windows the price outside them; with --dynamic added to each imported price.")
            .flag("window", .string, repeatable: true, "A time window and its price: \"22:00-06:00 0.17\", \"sat-sun 0.15\" (repeatable).")
            .flag("zone", .timeZone, "The windows' time zone, an IANA name (default: this machine's).")
            .switch("dynamic", "Prices from a day-ahead market, imported with `tariff import`.")
            .flag("per-minute", .number, "A public charger's price a minute of charging.")
            .flag("session-fee", .number, "A public charger's fee a session.")
            .flag("idle-fee", .number, "A public charger's price a minute still plugged after charging, past --idle-after.")
            .flag("idle-after", .string, "Free minutes after charging before the idle fee: 30m (default 0).")
            .flag("fuel", .number, "A litre of fuel's price: a fuel tariff, for the drives of hybrid and combustion cars.")
            .flag("place", .place, "The named place (`places`) whose charges it prices.")
            .switch("fast", "It prices fast (DC) charges not at a place with a tariff of its own.")
            .switch("default", "It prices the charges no other tariff takes.")
            .flag("from", .string, "When it took effect, 2026-07-01: what started before is priced by the tariff of then.")
            .example(
                "tariff add home --currency EUR --price 0.2516 --window \"22:00-06:00 0.1696\" --zone Europe/Paris --default | get pricing",
                "Day and night prices at home.", result: "windows"
            )
            .output("record: the tariff, and whether it replaced one of that name")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let name = call.string("name") ?? ""
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, !name.contains("\n") else {
            throw call.error(
                "a tariff needs a name", hint: "e.g. `tariff add home --currency EUR --price 0.25`", argument: "name", code: .badArgument)
        }
        guard let currency = call.string("currency") else {
            throw call.error("a tariff needs its currency", hint: "add --currency EUR (its ISO 4217 code)", code: .badArgument)
        }
        var from: Int?
        if let text = call.string("from") {
            guard let start = TariffConfiguration.start(text) else {
                throw call.error(
                    "--from '\(text)' is not a date", hint: "write when it took effect: 2026-07-01", argument: "from", code: .badArgument)
            }
            from = start
        }
        let tariff = Tariff(
            name: name, currency: currency.uppercased(), pricing: try pricing(call), place: call.string("place"), fast: call.isSet("fast"),
            isDefault: call.isSet("default"), from: from)
        let replaced = try StorySettings(api: api).save(tariff)
        guard case .record(var record) = TariffCommand.record(tariff) else { return .empty }
        record["replaced"] = .bool(replaced)
        return .value(.record(record))
    }

    private func pricing(_ call: Call) throws -> Tariff.Pricing {
        func number(_ flag: String) throws -> Double? {
            guard let value = call.value(flag) else { return nil }
            guard let number = value.number, number.isFinite, number >= 0 else {
                throw call.error("--\(flag) '\(value.text)' is not a price", hint: "write a number, 0 or more", argument: flag, code: .badArgument)
            }
            return number
        }
        if let perLitre = try number("fuel") { return .fuel(perLitre: perLitre) }
        let price = try number("price")
        let energy: Tariff.EnergyPrice
        let windowTexts = call.flagValues["window"]?.map(\.value.text) ?? []
        if call.isSet("dynamic") {
            energy = .dynamic(surcharge: price ?? 0)
        } else if !windowTexts.isEmpty {
            var windows: [TariffWindow] = []
            for text in windowTexts {
                switch TariffWindow.parse(text) {
                case .success(let window): windows.append(window)
                case .failure(let error): throw call.error(error.message, hint: error.hint, argument: "window", code: .badArgument)
                }
            }
            guard let price else {
                throw call.error("windows need the price outside them", hint: "add --price", code: .badArgument)
            }
            let zone = call.string("zone") ?? TimeZone.current.identifier
            guard TimeZone(identifier: zone) != nil else {
                throw call.error("'\(zone)' is not a time zone", hint: "write an IANA name: Europe/Paris", argument: "zone", code: .badArgument)
            }
            energy = .windows(zone: zone, windows, otherwise: price)
        } else {
            guard let price else {
                throw call.error(
                    "a tariff needs a price", hint: "--price 0.25 (a kWh), --window, --dynamic, or --fuel 1.85 (a litre)", code: .badArgument)
            }
            energy = .flat(price)
        }
        var idleAfter = 0.0
        if let text = call.value("idle-after")?.text {
            guard let seconds = DurationText.seconds(text) ?? Double(text).map({ $0 * 60 }), seconds >= 0 else {
                throw call.error("--idle-after '\(text)' is not a duration", hint: "write 30m or 1h", argument: "idle-after", code: .badArgument)
            }
            idleAfter = seconds / 60
        }
        return .electricity(
            energy,
            Tariff.Fees(
                perMinute: try number("per-minute") ?? 0, session: try number("session-fee") ?? 0, idlePerMinute: try number("idle-fee") ?? 0,
                idleAfter: idleAfter))
    }
}
