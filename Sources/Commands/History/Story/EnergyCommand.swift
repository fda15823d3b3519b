import History
import Shell

/// `energy REF [--zone Z]`: a car's energy a day — kWh charged, kWh its drives took, km driven — in the days of a
/// time zone (docs/history.md, "Energy per day"): this machine's, as `costs` and `report` count them, unless
/// `--zone` names another. The stored `energyDays` table keeps UTC days for SQL.
struct EnergyCommand: Command {
    let api: APIContext

    var signature: Signature {
        HistoryDatabase.flag(
            on: TimeWindow.flags(
                on: Signature("energy", summary: "A car's energy a day: kWh charged, kWh its drives took, km driven.")
                    .required("vehicle", .vehicle)
            )
            .flag("zone", .timeZone, LocalTime.help("the days"))
            .example(
                "energy 0 --since 30d | where driven != null | get driven | sum", "The energy the first car's drives took in 30 days (kWh)."
            )
            .output("list of records: day, charged, driven, distance"))
    }

    var view: View? { .energyDay }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let vehicle = try VehicleArgument.id(call, input: input, api: api)
        let (since, until) = try TimeWindow.bounds(call, now: api.serverClock.now)
        let zone = try LocalTime.zone(call)
        let store = try HistoryDatabase.open(call, api: api)
        let days: [EnergyDays.Day]
        do throws(HistoryError) {
            days = try store.energyDays(vehicle: vehicle, from: since ?? Int(Int32.min), to: until ?? Int(Int32.max), zone: zone)
        } catch {
            throw call.error(error.description, hint: "its tables are in docs/history.md")
        }
        return .value(
            .list(
                days.map { day in
                    [
                        "day": .string(day.day), "charged": day.charged.map(Value.double) ?? .null, "driven": day.driven.map(Value.double) ?? .null,
                        "distance": day.distance.map(Value.double) ?? .null,
                    ]
                }))
    }
}
