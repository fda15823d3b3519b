import APIContract
import Foundation
import History
import Testing

/// Charge costs against sums worked out by hand, each in its comment (docs/history.md, "Tariffs and costs").
@Suite("charge costs")
struct ChargeCostTests {
    static let paris = "Europe/Paris"

    static func at(_ text: String) throws -> Int { try #require(Timestamp.parse(text)) }

    static func cost(_ session: ChargeCost.Session, _ tariff: Tariff, market: [PriceSchedule.MarketPrice] = []) throws -> ChargeCost {
        try ChargeCost.of(session, tariff: tariff, market: market).get()
    }

    @Test("a session across the night's start: each hour at its window's price")
    func dayNight() throws {
        // 20:00Z–23:00Z on 3 November is 21:00–00:00 in Paris (UTC+1): 7 kWh an hour, evenly.
        // 21:00–22:00 is day: 7 kWh × 0.25 = 1.75; 22:00–00:00 is night: 14 kWh × 0.15 = 2.10. Total 3.85.
        let start = try Self.at("2026-11-03T20:00:00Z")
        let session = ChargeCost.Session(
            startedAt: start, endedAt: start + 3 * 3600, energyAdded: 21,
            curve: [(start, 10), (start + 3600, 17), (start + 7200, 24), (start + 3 * 3600, 31)])
        let window = try TariffWindow.parse("22:00-06:00 0.15").get()
        let tariff = Tariff(name: "home", currency: "EUR", pricing: .electricity(.windows(zone: Self.paris, [window], otherwise: 0.25), .none))
        let cost = try Self.cost(session, tariff)
        #expect(abs(cost.total - 3.85) < 0.005)
        #expect(cost.currency == "EUR" && cost.tariff == "home")
    }

    @Test("a session across the end of summer time: the local hour that comes twice is priced twice")
    func daylightSaving() throws {
        // 25 October 2026, Paris goes from 03:00 CEST back to 02:00 CET at 01:00Z. 23:00Z (24th) to 03:00Z, 2 kWh
        // an hour. Windows: 01:00–02:00 at 0.10, 02:00–03:00 at 0.30, else 0.20.
        // 23:00–00:00Z is 01:00–02:00 CEST: 2 × 0.10 = 0.20; 00:00–01:00Z is 02:00–03:00 CEST: 2 × 0.30 = 0.60;
        // 01:00–02:00Z is 02:00–03:00 CET again: 2 × 0.30 = 0.60; 02:00–03:00Z is 03:00–04:00 CET: 2 × 0.20 = 0.40.
        // Total 1.80 (a fixed offset would give 1.60 or 1.40).
        let start = try Self.at("2026-10-24T23:00:00Z")
        let session = ChargeCost.Session(startedAt: start, endedAt: start + 4 * 3600, energyAdded: 8)
        let windows = try ["01:00-02:00 0.10", "02:00-03:00 0.30"].map { try TariffWindow.parse($0).get() }
        let tariff = Tariff(name: "tou", currency: "EUR", pricing: .electricity(.windows(zone: Self.paris, windows, otherwise: 0.20), .none))
        #expect(abs(try Self.cost(session, tariff).total - 1.80) < 0.005)
    }

    @Test("weekday windows: a weekend price on Saturday, the peak on a weekday evening")
    func weekdays() throws {
        // Friday 6 November 2026 16:00Z–20:00Z is 17:00–21:00 in Paris: 1 kWh an hour. Peak mon-fri 17:00–20:00 at
        // 0.40 (3 kWh: 1.20), then 20:00–21:00 at 0.20: 1.40. The same hours on Saturday: weekend 0.12 × 4 = 0.48.
        let windows = try ["mon-fri 17:00-20:00 0.40", "sat-sun 0.12"].map { try TariffWindow.parse($0).get() }
        let tariff = Tariff(name: "tou", currency: "EUR", pricing: .electricity(.windows(zone: Self.paris, windows, otherwise: 0.20), .none))
        let friday = try Self.at("2026-11-06T16:00:00Z")
        #expect(abs(try Self.cost(ChargeCost.Session(startedAt: friday, endedAt: friday + 4 * 3600, energyAdded: 4), tariff).total - 1.40) < 0.005)
        let saturday = friday + 86400
        #expect(
            abs(try Self.cost(ChargeCost.Session(startedAt: saturday, endedAt: saturday + 4 * 3600, energyAdded: 4), tariff).total - 0.48) < 0.005)
    }

    @Test("a public charger: energy, minutes, the session fee and the idle fee past the free minutes")
    func publicCharger() throws {
        // 30 minutes, 25 kWh: 25 × 0.59 = 14.75; 30 min × 0.05 = 1.50; session 1.00; unplugged 25 min after the end,
        // 10 free: 15 × 0.40 = 6.00. Total 23.25.
        let start = try Self.at("2026-11-07T11:00:00Z")
        let session = ChargeCost.Session(startedAt: start, endedAt: start + 1800, energyAdded: 25, unpluggedAt: start + 1800 + 25 * 60)
        let tariff = Tariff(
            name: "ionity", currency: "EUR",
            pricing: .electricity(.flat(0.59), Tariff.Fees(perMinute: 0.05, session: 1, idlePerMinute: 0.40, idleAfter: 10)), place: "A6")
        let cost = try Self.cost(session, tariff)
        #expect(abs(cost.total - 23.25) < 0.005)
        #expect(abs(cost.fees - 8.50) < 0.005)
    }

    @Test("dynamic prices from an ENTSO-E export: each slice of the curve at its hour's price plus the surcharge")
    func dynamicPrices() throws {
        // Prices in EUR/MWh: 100, 50, 200 for 00:00, 01:00, 02:00 CET (23:00Z, 00:00Z, 01:00Z), + 0.10 a kWh.
        // The curve: 10 kWh in the first hour, then 3 kWh evenly over 1.5 h (tapering). First hour: 10 × (0.10 +
        // 0.10) = 2.00; then 2 kWh in the second hour × 0.15 = 0.30, 1 kWh in half the third × 0.30 = 0.30. 2.60.
        let csv = """
            "MTU (CET/CEST)","Day-ahead Price [EUR/MWh]","Currency"
            "02.11.2026 00:00 - 02.11.2026 01:00","100.00","EUR"
            "02.11.2026 01:00 - 02.11.2026 02:00","50.00","EUR"
            "02.11.2026 02:00 - 02.11.2026 03:00","200.00","EUR"
            """
        let market = try DayAheadPrices.parse(csv, zone: try #require(TimeZone(identifier: Self.paris))).get()
        let start = try Self.at("2026-11-01T23:00:00Z")
        #expect(market.map(\.start) == [start, start + 3600, start + 7200])
        let session = ChargeCost.Session(
            startedAt: start, endedAt: start + 9000, energyAdded: 13, curve: [(start, 20_000), (start + 3600, 30_000), (start + 9000, 33_000)])
        let tariff = Tariff(name: "spot", currency: "EUR", pricing: .electricity(.dynamic(surcharge: 0.10), .none))
        #expect(abs(try Self.cost(session, tariff, market: market).total - 2.60) < 0.005)
        // An hour not imported: no cost, and when.
        let later = ChargeCost.Session(startedAt: start + 7200, endedAt: start + 4 * 3600, energyAdded: 2)
        #expect(throws: PriceSchedule.Missing(at: Double(start + 3 * 3600))) { try ChargeCost.of(later, tariff: tariff, market: market).get() }
    }

    @Test("a day-ahead export's local hour written twice, the night summer time ends, is the earlier then the later")
    func repeatedHour() throws {
        let csv = """
            time;price (ct/kWh)
            2026-10-25 01:00;10,5
            2026-10-25 02:00;11
            2026-10-25 02:00;12
            2026-10-25 03:00;13
            """
        let market = try DayAheadPrices.parse(csv, zone: try #require(TimeZone(identifier: Self.paris))).get()
        let first = try Self.at("2026-10-24T23:00:00Z")
        #expect(market.map(\.start) == [first, first + 3600, first + 7200, first + 3 * 3600])
        #expect(zip(market.map(\.price), [0.105, 0.11, 0.12, 0.13]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(market.last?.end == first + 4 * 3600)
    }

    @Test("windows are read as written, and a wrong one says what is wrong")
    func windows() throws {
        let window = try TariffWindow.parse("sat,sun 22:00-06:00 0.1696").get()
        #expect(window.days == [5, 6] && window.from == 22 * 60 && window.to == 6 * 60 && window.price == 0.1696)
        #expect(try TariffWindow.parse(window.text).get() == window)
        #expect(try TariffWindow.parse("fri-mon 0.1").get().days == [4, 5, 6, 0])
        #expect(throws: TariffError("window '22:00-06:00' does not end with its price", hint: "write e.g. \"mon-fri 22:00-06:00 0.17\"")) {
            try TariffWindow.parse("22:00-06:00").get()
        }
        #expect(throws: TariffError.self) { try TariffWindow.parse("25:00-06:00 0.1").get() }
        #expect(throws: TariffError.self) { try TariffWindow.parse("weekend 0.1").get() }
    }

    @Test("which tariff prices a session: its place's, else the fast one, else the default; a new price from its date on")
    func choice() {
        let home = Tariff(name: "home", currency: "EUR", pricing: .electricity(.flat(0.2), .none), isDefault: true)
        let ionity = Tariff(name: "ionity", currency: "EUR", pricing: .electricity(.flat(0.59), .none), fast: true)
        let work = Tariff(name: "work", currency: "EUR", pricing: .electricity(.flat(0), .none), place: "work")
        let petrol = Tariff(name: "petrol", currency: "EUR", pricing: .fuel(perLitre: 1.85))
        let book = TariffBook([home, ionity, work, petrol])
        #expect(book.tariff(place: "work", fast: true, at: 0)?.name == "work")
        #expect(book.tariff(place: "48.853, 2.350", fast: true, at: 0)?.name == "ionity")
        #expect(book.tariff(place: "home", fast: false, at: 0)?.name == "home")
        #expect(book.fuel(at: 0)?.name == "petrol")
        #expect(TariffBook([ionity]).tariff(place: nil, fast: false, at: 0) == nil)
        // The home price went up on 1 July: sessions before keep the old one; the fuel's too.
        let july = 1_782_864_000
        let raised = Tariff(name: "home-2026", currency: "EUR", pricing: .electricity(.flat(0.25), .none), isDefault: true, from: july)
        let dearer = Tariff(name: "petrol-2026", currency: "EUR", pricing: .fuel(perLitre: 1.95), from: july)
        let changed = TariffBook([raised, home, petrol, dearer])
        #expect(changed.tariff(place: nil, fast: false, at: july - 1)?.name == "home")
        #expect(changed.tariff(place: nil, fast: false, at: july)?.name == "home-2026")
        #expect(changed.fuel(at: july - 1)?.name == "petrol" && changed.fuel(at: july + 1)?.name == "petrol-2026")
    }
}
