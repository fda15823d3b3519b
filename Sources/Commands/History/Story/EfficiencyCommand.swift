import APIContract
import Foundation
import History
import Shell

/// `efficiency REF [--by month|drive|temperature]`: what a car really uses — the energy charged over the distance
/// driven, each drive's battery energy over its distance, set against the outside temperature and the API's own
/// figure — and its CO₂ (docs/history.md, "Efficiency and health").
struct EfficiencyCommand: Command {
    let api: APIContext

    enum Grouping: String, CaseIterable { case month, drive, temperature }

    var signature: Signature {
        HistoryDatabase.flag(
            on: TimeWindow.flags(
                on: Signature("efficiency", summary: "What a car really uses: kWh/100 km from the energy charged, per month, drive or temperature.")
                    .required("vehicle", .vehicle)
            )
            .flag("by", .oneOf(Grouping.allCases.map(\.rawValue)), "month (the default), drive, or temperature (bands of 5 °C).")
            .flag("zone", .timeZone, LocalTime.help("months"))
            .example("efficiency 0 | get kWhPer100km", "The first car's consumption each month, from what it charged.")
            .example("efficiency 0 --by temperature | select temperature batteryKWhPer100km", "How the cold costs range.")
            .output(
                "list of records: month: drives, km, charged, kWhPer100km, batteryKWhPer100km, apiKWhPer100km, temperature, litres, co2; "
                    + "drive: startedAt, km, energy, kWhPer100km, apiKWhPer100km, temperature, litres; temperature: band, drives, km, energy, kWhPer100km"
            ))
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let vehicle = try VehicleArgument.id(call, input: input, api: api)
        let (since, until) = try TimeWindow.bounds(call, now: api.serverClock.now)
        let grouping = call.string("by").flatMap(Grouping.init(rawValue:)) ?? .month
        let zone = try LocalTime.zone(call)
        let factors = try StorySettings(api: api).emissions()
        let store = try HistoryDatabase.open(call, api: api)
        let (from, to) = (since ?? Int(Int32.min), until ?? Int(Int32.max))
        let charges: [StoryCharge]
        let drives: [StoryDrive]
        let capacity: Double?
        do throws(HistoryError) {
            charges = try store.storyCharges(vehicle: vehicle, from: from, to: to)
            drives = try store.storyDrives(vehicle: vehicle, from: from, to: to)
            capacity = try Self.capacity(store, vehicle: vehicle)
        } catch {
            throw call.error(error.description, hint: "its tables are in docs/history.md")
        }
        switch grouping {
        case .drive: return .value(.list(drives.map { Self.row($0, capacity: capacity) }))
        case .temperature: return .value(.list(Self.bands(drives, capacity: capacity)))
        case .month:
            let places = (try? store.places()) ?? []
            var months: [String: (charges: [StoryCharge], drives: [StoryDrive])] = [:]
            for charge in charges { months[LocalTime.month(charge.startedAt, zone), default: ([], [])].charges.append(charge) }
            for drive in drives { months[LocalTime.month(drive.startedAt, zone), default: ([], [])].drives.append(drive) }
            return .value(
                .list(
                    months.keys.sorted().map { month in
                        let (charges, drives) = months[month] ?? ([], [])
                        let figures = StoryFigures(
                            charges: charges, drives: drives, parked: [], capacity: capacity, places: places, grid: factors.grid, fuel: factors.fuel)
                        return [
                            "month": .string(month), "drives": .int(figures.drives), "km": LocalTime.rounded(figures.distance, 10),
                            "charged": LocalTime.rounded(figures.charged, 1000), "kWhPer100km": LocalTime.rounded(figures.efficiency),
                            "batteryKWhPer100km": LocalTime.rounded(
                                figures.distance > 0 && capacity != nil ? figures.driven / figures.distance * 100 : nil),
                            "apiKWhPer100km": LocalTime.rounded(Self.apiConsumption(drives)),
                            "temperature": LocalTime.rounded(figures.temperature, 10),
                            "litres": LocalTime.rounded(figures.litres), "co2": LocalTime.rounded(figures.co2, 10),
                        ]
                    }))
        }
    }

    /// The battery's usable capacity (kWh): the estimate of every measured session (``CapacityEstimate``), else what
    /// the car reports.
    static func capacity(_ store: HistoryStore, vehicle: String) throws(HistoryError) -> Double? {
        let sessions = try store.storyCharges(vehicle: vehicle, from: Int(Int32.min), to: Int(Int32.max)).compactMap { charge in
            charge.measured && charge.endedAt != nil
                ? charge.energy.map { CapacityEstimate.Session(energy: $0, gained: charge.endLevel - charge.startLevel) } : nil
        }
        if let estimate = CapacityEstimate.of(sessions) { return estimate.capacity }
        return try store.reportedCapacity(vehicle: vehicle)
    }

    /// A drive's kWh and kWh/100 km (below 1 km, none: a point of level is then most of the figure).
    private static func row(_ drive: StoryDrive, capacity: Double?) -> Value {
        let energy = capacity.flatMap { capacity in drive.levelLost.map { max(0, $0) / 100 * capacity } }
        let rate = energy.flatMap { energy in drive.distance.flatMap { $0 >= 1 ? energy / $0 * 100 : nil } }
        return [
            "startedAt": .string(Timestamp.format(drive.startedAt)), "km": LocalTime.rounded(drive.distance, 10),
            "energy": LocalTime.rounded(energy, 1000),
            "kWhPer100km": LocalTime.rounded(rate), "apiKWhPer100km": LocalTime.rounded(drive.apiConsumption),
            "temperature": LocalTime.rounded(drive.temperature, 10),
            "litres": LocalTime.rounded(drive.litres),
        ]
    }

    /// The drives by outside temperature, 5 °C a band, coldest first.
    private static func bands(_ drives: [StoryDrive], capacity: Double?) -> [Value] {
        var bands: [Int: (drives: Int, km: Double, energy: Double)] = [:]
        for drive in drives {
            guard let temperature = drive.temperature, let distance = drive.distance, let lost = drive.levelLost, let capacity else { continue }
            let band = Int((temperature / 5).rounded(.down)) * 5
            var total = bands[band] ?? (0, 0, 0)
            total.drives += 1
            total.km += distance
            total.energy += max(0, lost) / 100 * capacity
            bands[band] = total
        }
        return bands.keys.sorted().compactMap { band in
            guard let total = bands[band] else { return nil }
            return [
                "temperature": .string("\(band)…\(band + 5) °C"), "drives": .int(total.drives), "km": LocalTime.rounded(total.km, 10),
                "energy": LocalTime.rounded(total.energy, 1000), "kWhPer100km": LocalTime.rounded(total.km > 0 ? total.energy / total.km * 100 : nil),
            ]
        }
    }

    /// The API's trip consumption over `drives`, weighted by distance.
    private static func apiConsumption(_ drives: [StoryDrive]) -> Double? {
        let rated = drives.compactMap { drive in drive.apiConsumption.flatMap { rate in drive.distance.map { (rate, $0) } } }
        let km = rated.reduce(0) { $0 + $1.1 }
        return km > 0 ? rated.reduce(0) { $0 + $1.0 * $1.1 } / km : nil
    }
}
