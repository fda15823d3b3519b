import APIContract
import Foundation
import History
import Shell

/// `costs REF [--by day|month|place|tariff]`: what a car's charging and fuel cost, totalled (docs/history.md,
/// "Tariffs and costs"): each finished charge session priced by its tariff, each drive's fuel at the fuel tariff's
/// price. Days and months are those of `--zone` (default: this machine's time zone).
struct CostsCommand: Command {
    let api: APIContext

    enum Grouping: String, CaseIterable { case day, month, place, tariff }

    var signature: Signature {
        HistoryDatabase.flag(
            on: TimeWindow.flags(
                on: Signature("costs", summary: "What a car's charging and fuel cost, by day, month, place or tariff, from your tariffs.")
                    .required("vehicle", .vehicle)
            )
            .flag("by", .oneOf(Grouping.allCases.map(\.rawValue)), "How to total: day, month (the default), place or tariff.")
            .flag("zone", .timeZone, LocalTime.help("days and months"))
            .example(
                "tariff add home --currency EUR --price 0.25 --default | get name; costs 0 --by month | get total",
                "A flat price at home, then what the first car cost each month."
            )
            .example("costs 0 --by place --since 30d", "Where the first car's charging money went this month.")
            .output("list of records: day|month|place|tariff, charges, kWh, charging, litres, fuel, total, currency, uncosted"))
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let vehicle = try VehicleArgument.id(call, input: input, api: api)
        let (since, until) = try TimeWindow.bounds(call, now: api.serverClock.now)
        let grouping = call.string("by").flatMap(Grouping.init(rawValue:)) ?? .month
        let zone = try LocalTime.zone(call)
        let tariffs = TariffBook(try StorySettings(api: api).tariffs())
        guard !tariffs.tariffs.isEmpty else {
            throw call.error(
                "no tariff is declared", hint: "add one: `tariff add home --currency EUR --price 0.25 --default` (`help tariff add`)",
                code: .badArgument)
        }
        let store = try HistoryDatabase.open(call, api: api)
        let places = (try? store.places()) ?? []
        let from = since ?? Int(Int32.min)
        let to = until ?? Int(Int32.max)
        let charges: [CostedCharge]
        let drives: [CostedDrive]
        do throws(HistoryError) {
            charges = try store.chargeCosts(vehicle: vehicle, from: from, to: to, tariffs: tariffs, places: places)
            drives = try store.driveCosts(vehicle: vehicle, from: from, to: to, tariffs: tariffs, places: places)
        } catch {
            throw call.error(error.description, hint: "its tables are in docs/history.md")
        }
        var totals: [String: Total] = [:]
        var order: [String] = []
        func add(_ group: String, _ currency: String?, _ change: (inout Total) -> Void) {
            let key = group + "\u{1F}" + (currency ?? "")
            if totals[key] == nil {
                totals[key] = Total(group: group, currency: currency)
                order.append(key)
            }
            change(&totals[key, default: Total(group: group, currency: currency)])
        }
        for charge in charges {
            let group = Self.group(grouping, at: charge.startedAt, zone: zone, place: charge.place, tariff: charge.cost?.tariff ?? "(none)")
            add(group, charge.cost?.currency) { total in
                total.charges += 1
                total.energy += charge.energy ?? 0
                if let cost = charge.cost { total.charging += cost.total } else { total.uncosted += 1 }
            }
        }
        for drive in drives {
            guard let litres = drive.litres, litres > 0 else { continue }
            let fuelTariff = tariffs.fuel(at: drive.startedAt)
            let group = Self.group(grouping, at: drive.startedAt, zone: zone, place: drive.startPlace, tariff: fuelTariff?.name ?? "(none)")
            add(group, fuelTariff?.currency) { total in
                total.litres += litres
                if let fuelTariff, case .fuel(let perLitre) = fuelTariff.pricing { total.fuel += litres * perLitre } else { total.uncosted += 1 }
            }
        }
        let rows = order.compactMap { totals[$0] }
        let sorted = grouping == .day || grouping == .month ? rows.sorted { $0.group < $1.group } : rows.sorted { $0.total > $1.total }
        return .value(.list(sorted.map { $0.record(grouping.rawValue) }))
    }

    /// One group's totals.
    private struct Total {
        var group: String
        var currency: String?
        var charges = 0
        /// kWh charged.
        var energy = 0.0
        var charging = 0.0
        var litres = 0.0
        var fuel = 0.0
        /// Sessions or drives that could not be priced (`charges` says why, per session).
        var uncosted = 0

        var total: Double { charging + (fuel * 100).rounded() / 100 }

        func record(_ name: String) -> Value {
            [
                name: .string(group), "charges": .int(charges), "kWh": LocalTime.rounded(energy, 1000), "charging": LocalTime.rounded(charging),
                "litres": LocalTime.rounded(litres), "fuel": LocalTime.rounded(fuel), "total": LocalTime.rounded(total),
                "currency": currency.map { .string($0) } ?? .null, "uncosted": .int(uncosted),
            ]
        }
    }

    private static func group(_ grouping: Grouping, at time: Int, zone: TimeZone, place: String, tariff: String) -> String {
        switch grouping {
        case .place: return place
        case .tariff: return tariff
        case .day: return LocalTime.day(time, zone)
        case .month: return LocalTime.month(time, zone)
        }
    }
}
