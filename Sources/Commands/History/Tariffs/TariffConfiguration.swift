import APIContract
import Client
import Foundation
import History
import TOMLKit

/// The `[tariffs.NAME]` tables of config.toml (docs/history.md, "Tariffs and costs"): read into ``Tariff``s, and
/// written by `tariff add` as a user would write them.
///
/// ```toml
/// [tariffs.home]
/// currency = "EUR"
/// place = "home"
/// zone = "Europe/Paris"
/// price = 0.2516
/// windows = ["22:00-06:00 0.1696"]
/// ```
enum TariffConfiguration {
    /// The keys a tariff may have.
    static let keys = [
        "currency", "price", "zone", "windows", "dynamic", "per_minute", "session_fee", "idle_fee", "idle_after", "fuel", "place", "fast",
        "default", "from",
    ]

    /// The tariffs of `text` (the file `file`), in file order; an error names the file, the line and the key.
    static func parse(_ text: String, file: String) throws(ClientError) -> [Tariff] {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ClientError(code: .configuration, request: "\(file):\(error.source.begin.line)", message: error.description)
        } catch {
            throw ClientError(code: .configuration, request: file, message: "not a TOML file")
        }
        guard let value = table["tariffs"] else { return [] }
        let lines = KeyLines(text)
        guard let section = value.table else {
            throw ClientError(
                code: .configuration, request: "\(file):\(lines.line(of: "tariffs", in: nil) ?? 1)",
                message: "tariffs: expected [tariffs.NAME] tables")
        }
        var tariffs: [Tariff] = []
        for name in lines.order(of: "tariffs", section.keys) {
            func fail(_ key: String, _ message: String, _ hint: String? = nil) -> ClientError {
                let line = lines.line(of: key, in: "tariffs.\(name)").map { ":\($0)" } ?? ""
                return ClientError(code: .configuration, request: "\(file)\(line)", message: "tariffs.\(name).\(key): \(message)", hint: hint)
            }
            guard let entry = section[name]?.table else { throw fail(name, "expected a [tariffs.\(name)] table") }
            tariffs.append(try tariff(name, entry, fail: fail))
        }
        return tariffs
    }

    private static func tariff(_ name: String, _ entry: TOMLTable, fail: (String, String, String?) -> ClientError) throws(ClientError) -> Tariff {
        for key in entry.keys where !keys.contains(key) {
            let guess = keys.min { EditDistance.between($0, key) < EditDistance.between($1, key) }
            throw fail(key, "unknown setting", guess.map { "did you mean \($0)?" })
        }
        func number(_ key: String) throws(ClientError) -> Double? {
            guard let value = entry[key] else { return nil }
            guard let number = value.double ?? value.int.map(Double.init), number.isFinite, number >= 0 else {
                throw fail(key, "expected a number, 0 or more", nil)
            }
            return number
        }
        func string(_ key: String) throws(ClientError) -> String? {
            guard let value = entry[key] else { return nil }
            guard let text = value.string, !text.isEmpty else { throw fail(key, "expected a non-empty string", nil) }
            return text
        }
        func flag(_ key: String) throws(ClientError) -> Bool {
            guard let value = entry[key] else { return false }
            guard let flag = value.bool else { throw fail(key, "expected true or false", nil) }
            return flag
        }
        guard let currency = try string("currency") else { throw fail("currency", "is required", "e.g. currency = \"EUR\"") }
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw fail("currency", "'\(currency)' is not a currency code", "write its ISO 4217 code: EUR, GBP, CHF")
        }
        let place = try string("place")
        let fast = try flag("fast")
        let isDefault = try flag("default")
        var from: Int?
        if let text = try string("from") {
            guard let start = TariffConfiguration.start(text) else {
                throw fail("from", "'\(text)' is not a date", "write when it took effect: 2026-07-01, or 2026-07-01T00:00:00+02:00")
            }
            from = start
        }
        if let perLitre = try number("fuel") {
            for key in ["price", "windows", "dynamic", "per_minute", "session_fee", "idle_fee", "place", "fast"] where entry[key] != nil {
                throw fail(key, "a fuel tariff has only a price a litre", "make a second tariff for electricity")
            }
            return Tariff(name: name, currency: currency.uppercased(), pricing: .fuel(perLitre: perLitre), isDefault: isDefault, from: from)
        }
        let price = try number("price")
        var energy: Tariff.EnergyPrice
        if try flag("dynamic") {
            if entry["windows"] != nil { throw fail("windows", "a dynamic tariff's prices come from `tariff import`, not windows", nil) }
            energy = .dynamic(surcharge: price ?? 0)
        } else if let list = entry["windows"] {
            guard let items = list.array?.map({ $0.string }), items.allSatisfy({ $0 != nil }) else {
                throw fail("windows", "expected a list of strings", "windows = [\"22:00-06:00 0.17\"]")
            }
            var windows: [TariffWindow] = []
            for item in items.compactMap({ $0 }) {
                switch TariffWindow.parse(item) {
                case .success(let window): windows.append(window)
                case .failure(let error): throw fail("windows", error.message, error.hint)
                }
            }
            guard let otherwise = price else { throw fail("price", "is required: the price outside the windows", nil) }
            let zone = try string("zone") ?? TimeZone.current.identifier
            guard TimeZone(identifier: zone) != nil else { throw fail("zone", "'\(zone)' is not a time zone", "write an IANA name: Europe/Paris") }
            energy = .windows(zone: zone, windows, otherwise: otherwise)
        } else {
            guard let price else { throw fail("price", "is required: the price of a kWh", "or fuel = 1.85 for a fuel tariff") }
            energy = .flat(price)
        }
        var idleAfter = 0.0
        if let value = entry["idle_after"] {
            guard let minutes = value.double ?? value.int.map(Double.init) ?? value.string.flatMap({ DurationText.seconds($0).map { $0 / 60 } }),
                minutes >= 0
            else { throw fail("idle_after", "expected minutes, or a duration like \"30m\"", nil) }
            idleAfter = minutes
        }
        let fees = Tariff.Fees(
            perMinute: try number("per_minute") ?? 0, session: try number("session_fee") ?? 0, idlePerMinute: try number("idle_fee") ?? 0,
            idleAfter: idleAfter)
        return Tariff(
            name: name, currency: currency.uppercased(), pricing: .electricity(energy, fees), place: place, fast: fast, isDefault: isDefault,
            from: from)
    }

    /// `tariff`'s keys and TOML values, in the order a user would write them.
    static func fields(_ tariff: Tariff) -> [(key: String, value: String)] {
        var fields: [(String, String)] = [("currency", ConfigFile.quoted(tariff.currency))]
        let number = TariffNumber.text
        switch tariff.pricing {
        case .fuel(let perLitre): fields.append(("fuel", number(perLitre)))
        case .electricity(let energy, let fees):
            if let place = tariff.place { fields.append(("place", ConfigFile.quoted(place))) }
            if tariff.fast { fields.append(("fast", "true")) }
            switch energy {
            case .flat(let price): fields.append(("price", number(price)))
            case .windows(let zone, let windows, let otherwise):
                fields.append(("zone", ConfigFile.quoted(zone)))
                fields.append(("price", number(otherwise)))
                fields.append(("windows", "[" + windows.map { ConfigFile.quoted($0.text) }.joined(separator: ", ") + "]"))
            case .dynamic(let surcharge):
                fields.append(("dynamic", "true"))
                if surcharge != 0 { fields.append(("price", number(surcharge))) }
            }
            if fees.perMinute != 0 { fields.append(("per_minute", number(fees.perMinute))) }
            if fees.session != 0 { fields.append(("session_fee", number(fees.session))) }
            if fees.idlePerMinute != 0 { fields.append(("idle_fee", number(fees.idlePerMinute))) }
            if fees.idleAfter != 0 { fields.append(("idle_after", number(fees.idleAfter))) }
        }
        if tariff.isDefault { fields.append(("default", "true")) }
        if let from = tariff.from { fields.append(("from", ConfigFile.quoted(Timestamp.format(from)))) }
        return fields
    }

    /// When a tariff took effect: a date (midnight UTC) or an RFC 3339 instant, as seconds since 1970.
    static func start(_ text: String) -> Int? { Timestamp.parse(text) ?? Timestamp.parse(text + "T00:00:00Z") }
}
