import APIContract
import Foundation
import History
import TestSupport
import Testing

/// Costs to the cent against the sandbox's month (docs/history.md, "Tariffs and costs"): a commuter's month over the
/// end of summer time, recorded by `record --once`, priced by tariffs declared with `tariff add`; each charge
/// session's `cost` from `charges` equals the one worked out here from the sandbox's truth — its exact start, end,
/// unplugging and energy, the charger's power being constant — with prices looked up hour by hour in Paris time
/// by Foundation's calendar.
@Suite(.serialized) struct CostLifeTests {
    /// A Monday; Paris leaves summer time on Sunday 25 October 2026 at 01:00Z.
    static let epoch = Timestamp.epoch(year: 2026, month: 10, day: 12)
    static let summerTimeEnds = Double(Timestamp.epoch(year: 2026, month: 10, day: 25, hour: 1))
    static let days = 30

    static let paris: TimeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt

    /// The home tariff's price a kWh at `t`: night 23:00–07:00 Paris time at 0.15, else 0.25.
    static func homePrice(_ t: Double) -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        let hour = calendar.component(.hour, from: Date(timeIntervalSince1970: t))
        return hour >= 23 || hour < 7 ? 0.15 : 0.25
    }

    /// The market's price a MWh in the UTC hour `hour` (hours since 1970): made up, and the same each run.
    static func marketPrice(_ hour: Int) -> Double { Double(40 + (hour * 37) % 160) + Double(hour % 7) / 4 }

    /// `energy` kWh going in evenly from `start` to `end`, each UTC hour's part at `price(at the hour's start)`:
    /// the Paris offset is whole hours, so each UTC hour is one local hour, one price.
    static func energyCost(start: Double, end: Double, energy: Double, price: (Double) -> Double) -> Double {
        var cost = 0.0
        var at = start
        while at < end {
            let next = min(end, ((at / 3600).rounded(.down) + 1) * 3600)
            cost += energy * (next - at) / (end - start) * price(at)
            at = next
        }
        return cost
    }

    /// A charge of the truth: its times, energy and where.
    struct Charge {
        var start: Double
        var end: Double
        var unplugged: Double?
        var energy: Double
        var fast: Bool
        var latitude: Double
        var longitude: Double
    }

    @Test("each charge session of a month costs what the truth and the tariff say, to the cent: day/night, summer time, public, dynamic")
    func month() throws {
        let world = try RecordLifeTests.World(quota: 4000, epoch: Self.epoch)
        // A pass every 30 simulated minutes: a charging car reports at its start, every 30 minutes and at its end, so
        // a pass sees every report of a charge.
        func steps(_ count: Int, every step: String = "30m") -> String {
            "range 1 \(count) | each { sandbox advance \(step); record --once | get requests } | sum"
        }
        // To Saturday 24 October 21:00Z, then the electric cars' batteries low: the night's charge runs past 01:00Z,
        // when summer time ends.
        _ = try world.ccsh("record --once | get requests\n" + steps(12 * 48 + 42))
        for car in 0..<3 where try world.truth(car)["capacity"] != .null {
            _ = try world.ccsh("sandbox set \(car) electricLevel=15")
        }
        // To Saturday 7 November, the day of a public fast charge: read every 5 minutes, as `record` reads a
        // charging car (a 35-minute charge unplugged 5 minutes after it ends has its end report, then the
        // unplugging's, between two passes 30 minutes apart); then on to 11 November.
        _ = try world.ccsh(steps(13 * 48 + 6))
        _ = try world.ccsh(steps(288, every: "5m"))
        _ = try world.ccsh(steps((Self.days - 26) * 48))
        let end = Double(try world.clock())
        var charges: [[Charge]] = []
        for car in 0..<3 {
            charges.append(
                (try world.truth(car)["charges"]?.array ?? []).compactMap { charge in
                    guard let start = charge["startedAt"]?.string.flatMap(Timestamp.parse),
                        let stop = charge["endedAt"]?.string.flatMap(Timestamp.parse),
                        Double(start) > Double(Self.epoch) + 3600, let energy = charge["energyAdded"]?.number,
                        let place = charge["place"]?.array, place.count == 2, let longitude = place[0].number, let latitude = place[1].number
                    else { return nil }
                    return Charge(
                        start: Double(start), end: Double(stop), unplugged: charge["unpluggedAt"]?.string.flatMap(Timestamp.parse).map(Double.init),
                        energy: energy, fast: charge["mode"]?.string == "Quick", latitude: latitude, longitude: longitude)
                })
        }
        let all = charges.flatMap { $0 }
        let fast = try #require(all.first { $0.fast }, "the month has a public fast charge")
        #expect(all.contains { Self.homePrice($0.start) != Self.homePrice($0.end - 1) && !$0.fast }, "a session across 23:00 or 07:00")
        #expect(all.contains { $0.start < Self.summerTimeEnds && $0.end > Self.summerTimeEnds }, "a session across the end of summer time")
        #expect((fast.unplugged ?? 0) - fast.end > 120, "the fast charge ended full and stood plugged past the free minutes")

        // The first fast charge's charger is a named place with a tariff of its own; other fast charges take the
        // tariff of fast charges; the rest the home one.
        _ = try world.ccsh("places add ionity \(fast.latitude),\(fast.longitude) --radius 300m")
        _ = try world.ccsh("tariff add home --currency EUR --zone Europe/Paris --price 0.25 --window \"23:00-07:00 0.15\" --default")
        _ = try world.ccsh(
            "tariff add ionity --currency EUR --place ionity --price 0.59 --per-minute 0.05 --session-fee 1 --idle-fee 0.4 --idle-after 2m")
        _ = try world.ccsh("tariff add roadside --currency EUR --fast --price 0.49 --session-fee 0.5")
        let ionity = Place(name: "ionity", latitude: fast.latitude, longitude: fast.longitude, radius: 300)
        func publicCost(_ charge: Charge) -> (Double, String)? {
            guard charge.fast else { return nil }
            guard ionity.meters(latitude: charge.latitude, longitude: charge.longitude) <= 300 else {
                return (charge.energy * 0.49 + 0.5, "roadside")
            }
            let idle = max(0, ((charge.unplugged ?? charge.end) - charge.end) / 60 - 2)
            return (charge.energy * 0.59 + (charge.end - charge.start) / 60 * 0.05 + 1 + idle * 0.4, "ionity")
        }
        try check(world, charges, end: end) { charge in
            publicCost(charge) ?? (Self.energyCost(start: charge.start, end: charge.end, energy: charge.energy, price: Self.homePrice), "home")
        }

        // The battery: each electric car's capacity estimated from the month's charge sessions, within 3 % of the
        // truth's.
        for car in 0..<3 {
            guard let capacity = try world.truth(car)["capacity"]?.number else { continue }
            let estimate = try world.ccsh("battery \(car) --since \(Timestamp.format(Self.epoch)) --by all | first | get capacity")
            let value = Double(estimate.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            #expect(abs(value - capacity) <= 0.03 * capacity, "car \(car): \(value) kWh estimated, \(capacity) kWh true")
        }

        // A dynamic tariff instead of the home one: an ENTSO-E export of the month in Paris time (the hour written
        // twice the night summer time ends), imported twice.
        let csv = world.home.root.appendingPathComponent("prices.csv")
        try Self.marketExport(from: Self.epoch, hours: (Self.days + 2) * 24).write(to: csv, atomically: true, encoding: .utf8)
        _ = try world.ccsh("tariff remove home; tariff add spot --currency EUR --dynamic --price 0.12 --default")
        let first = try world.ccsh("tariff import spot \(csv.path) --zone Europe/Paris | select prices added changed | to json --compact")
        let hours = (Self.days + 2) * 24
        #expect(first.trimmingCharacters(in: .whitespacesAndNewlines) == #"{"prices":\#(hours),"added":\#(hours),"changed":0}"#)
        let again = try world.ccsh("tariff import spot \(csv.path) --zone Europe/Paris | select added changed | to json --compact")
        #expect(again.trimmingCharacters(in: .whitespacesAndNewlines) == #"{"added":0,"changed":0}"#, "importing again changes nothing")
        try check(world, charges, end: end) { charge in
            publicCost(charge)
                ?? (
                    Self.energyCost(start: charge.start, end: charge.end, energy: charge.energy) { Self.marketPrice(Int($0 / 3600)) / 1000 + 0.12 },
                    "spot"
                )
        }
    }

    /// Every true charge that ended before `end` is a row of `charges` whose cost is `expected`'s to the cent, by
    /// the tariff it names; `costs --by tariff` adds the rows' costs up.
    private func check(_ world: RecordLifeTests.World, _ charges: [[Charge]], end: Double, expected: (Charge) -> (Double, String)) throws {
        for (car, truth) in charges.enumerated() {
            let json = try world.ccsh("charges \(car) | select startedAt endedAt energyAdded cost tariff uncosted | to json")
            let rows = try JSONParser.parse(Array(json.utf8)).array ?? []
            for charge in truth where charge.end < end {
                guard
                    let row = rows.first(where: {
                        ($0["startedAt"]?.string.flatMap(Timestamp.parse)).map { abs(Double($0) - charge.start) <= 1 } ?? false
                    })
                else {
                    Issue.record("car \(car): no session at \(Timestamp.format(Int(charge.start)))")
                    continue
                }
                let (cost, tariff) = expected(charge)
                let found = row["cost"]?.number ?? .nan
                // Half a cent (ccsh rounds to the cent), and 2 Wh at the dearest price: the API gives the battery's
                // residual energy to the Wh, at the session's start and end.
                #expect(
                    abs(found - cost) <= 0.005 + 0.002 * 0.6,
                    "car \(car), \(Timestamp.format(Int(charge.start)))–\(Timestamp.format(Int(charge.end))): \(found) by ccsh, \(cost) by hand from \(charge.energy) kWh (\(row))"
                )
                #expect(row["tariff"]?.string == tariff, "car \(car), \(Timestamp.format(Int(charge.start))): \(row)")
            }
            let sums = try world.ccsh(
                "[(charges \(car) | where cost != null | get cost | sum) (costs \(car) --by tariff | get charging | sum)] | to json --compact")
            let both = try JSONParser.parse(Array(sums.utf8)).array?.compactMap(\.number) ?? []
            #expect(both.count == 2 && abs(both[0] - both[1]) < 0.001, "car \(car): the sessions' costs and costs' totals: \(sums)")
        }
    }

    /// An ENTSO-E day-ahead export: `"dd.MM.yyyy HH:mm - dd.MM.yyyy HH:mm"` in Paris time and EUR/MWh, an hour a
    /// line from `from` (seconds since 1970, a whole hour).
    static func marketExport(from: Int, hours: Int) -> String {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = paris
        format.dateFormat = "dd.MM.yyyy HH:mm"
        var lines = [#""MTU (CET/CEST)","Day-ahead Price [EUR/MWh]","Currency""#]
        for hour in 0..<hours {
            let start = from + hour * 3600
            let text = { (t: Int) in format.string(from: Date(timeIntervalSince1970: Double(t))) }
            lines.append("\"\(text(start)) - \(text(start + 3600))\",\"\(String(format: "%.2f", marketPrice(start / 3600)))\",\"EUR\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
