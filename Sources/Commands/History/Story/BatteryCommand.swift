import APIContract
import Foundation
import History
import Shell

/// `battery REF [--by month|session]`: the battery's usable capacity estimated from charge sessions, its spread, and
/// its state of health against the capacity the car reports (docs/history.md, "Efficiency and health").
struct BatteryCommand: Command {
    let api: APIContext

    var signature: Signature {
        HistoryDatabase.flag(
            on: TimeWindow.flags(
                on: Signature("battery", summary: "A car's battery health: its capacity estimated from charge sessions, month by month.")
                    .required("vehicle", .vehicle)
            )
            .flag(
                "by", .oneOf(["month", "session", "all"]),
                "month (the default): the estimate of each month; session: each session's own; all: one of the whole window."
            )
            .flag("zone", .string, "The time zone of months, an IANA name (default: this machine's).")
            .example("battery 0 | get health", "The first car's state of health each month (%).")
            .example("battery 0 --by session | get capacity", "Each charge session's own estimate of the capacity (kWh).")
            .output("list of records: month|startedAt|since, sessions, capacity (kWh), spread, low, high, nominal (kWh), health (%)"))
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let vehicle = try VehicleArgument.id(call, input: input, api: api)
        let (since, until) = try TimeWindow.bounds(call, now: api.serverClock.now)
        let zone = try CostsCommand.zone(call)
        let store = try HistoryDatabase.open(call, api: api)
        let charges: [StoryCharge]
        let nominal: Double?
        do throws(HistoryError) {
            charges = try store.storyCharges(vehicle: vehicle, from: since ?? Int(Int32.min), to: until ?? Int(Int32.max))
            nominal = try store.reportedCapacity(vehicle: vehicle)
        } catch {
            throw call.error(error.description, hint: "its tables are in docs/history.md")
        }
        let measured = charges.filter { $0.measured && $0.endedAt != nil }
        func number(_ value: Double?, _ places: Double = 100) -> Value { value.map { .double(($0 * places).rounded() / places) } ?? .null }
        func health(_ capacity: Double) -> Value { number(nominal.map { capacity / $0 * 100 }, 10) }
        if call.string("by") == "session" {
            return .value(
                .list(
                    measured.compactMap { charge in
                        guard let energy = charge.energy,
                            let estimate = CapacityEstimate.of([.init(energy: energy, gained: charge.endLevel - charge.startLevel)])
                        else { return nil }
                        return [
                            "startedAt": .string(Timestamp.format(charge.startedAt)), "energyAdded": number(energy, 1000),
                            "gained": .double(charge.endLevel - charge.startLevel), "capacity": number(estimate.capacity), "nominal": number(nominal),
                            "health": health(estimate.capacity),
                        ]
                    }))
        }
        let whole = call.string("by") == "all"
        var months: [String: [CapacityEstimate.Session]] = [:]
        for charge in measured {
            guard let energy = charge.energy else { continue }
            let group = whole ? since.map(Timestamp.format) ?? "the beginning" : Self.month(charge.startedAt, zone)
            months[group, default: []].append(.init(energy: energy, gained: charge.endLevel - charge.startLevel))
        }
        return .value(
            .list(
                months.keys.sorted().compactMap { month in
                    guard let estimate = CapacityEstimate.of(months[month] ?? []) else { return nil }
                    return [
                        whole ? "since" : "month": .string(month), "sessions": .int(estimate.sessions), "capacity": number(estimate.capacity),
                        "spread": number(estimate.spread), "low": number(estimate.low), "high": number(estimate.high), "nominal": number(nominal),
                        "health": health(estimate.capacity),
                    ]
                }))
    }

    /// `2026-11`: the month of `time` in `zone`.
    static func month(_ time: Int, _ zone: TimeZone) -> String {
        String(Timestamp.format(time + zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(time)))).prefix(7))
    }
}
