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
            .flag("zone", .timeZone, LocalTime.help("months"))
            .example("battery 0 | get health", "The first car's state of health each month (%).")
            .example("battery 0 --by session | get capacity", "Each charge session's own estimate of the capacity (kWh).")
            .output("list of records: month|startedAt|since, sessions, capacity (kWh), spread, low, high, nominal (kWh), health (%)"))
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let vehicle = try VehicleArgument.id(call, input: input, api: api)
        let (since, until) = try TimeWindow.bounds(call, now: api.serverClock.now)
        let zone = try LocalTime.zone(call)
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
        func health(_ capacity: Double) -> Value { LocalTime.rounded(nominal.map { capacity / $0 * 100 }, 10) }
        if call.string("by") == "session" {
            return .value(
                .list(
                    measured.compactMap { charge in
                        guard let energy = charge.energy,
                            let estimate = CapacityEstimate.of([.init(energy: energy, gained: charge.endLevel - charge.startLevel)])
                        else { return nil }
                        return [
                            "startedAt": .string(Timestamp.format(charge.startedAt)), "energyAdded": LocalTime.rounded(energy, 1000),
                            "gained": .double(charge.endLevel - charge.startLevel), "capacity": LocalTime.rounded(estimate.capacity),
                            "nominal": LocalTime.rounded(nominal),
                            "health": health(estimate.capacity),
                        ]
                    }))
        }
        let whole = call.string("by") == "all"
        var months: [String: [CapacityEstimate.Session]] = [:]
        for charge in measured {
            guard let energy = charge.energy else { continue }
            let group = whole ? since.map(Timestamp.format) ?? "the beginning" : LocalTime.month(charge.startedAt, zone)
            months[group, default: []].append(.init(energy: energy, gained: charge.endLevel - charge.startLevel))
        }
        return .value(
            .list(
                months.keys.sorted().compactMap { month in
                    guard let estimate = CapacityEstimate.of(months[month] ?? []) else { return nil }
                    return [
                        whole ? "since" : "month": .string(month), "sessions": .int(estimate.sessions),
                        "capacity": LocalTime.rounded(estimate.capacity),
                        "spread": LocalTime.rounded(estimate.spread), "low": LocalTime.rounded(estimate.low),
                        "high": LocalTime.rounded(estimate.high), "nominal": LocalTime.rounded(nominal),
                        "health": health(estimate.capacity),
                    ]
                }))
    }
}
