/// What energy costs the owner (docs/history.md, "Tariffs and costs"): declared in config.toml's `[tariffs.NAME]`
/// tables or with `tariff add`, each with its currency.
///
/// A tariff prices either electricity (a price per kWh — flat, by time windows in a time zone, or the hourly prices
/// of a day-ahead market imported with `tariff import` — plus, for public chargers, a price per minute, a session
/// fee and an idle fee) or fuel (a price per litre). Which charge session a tariff prices: the one of its `place`
/// when it names one, else the fast sessions when it says `fast`, else the `default` one (``TariffBook``); a tariff
/// with a `from` date prices what starts from then on, so that a new price does not rewrite the past.
package struct Tariff: Equatable, Sendable {
    package var name: String
    /// An ISO 4217 code: `EUR`, `GBP`.
    package var currency: String
    package var pricing: Pricing
    /// The named place (``Place``) whose sessions it prices.
    package var place: String?
    /// Prices the fast (DC) sessions not at a place with a tariff of its own.
    package var fast: Bool
    /// Prices the sessions no other tariff takes.
    package var isDefault: Bool
    /// When it took effect (seconds since 1970); nil: always.
    package var from: Int?

    package init(
        name: String, currency: String, pricing: Pricing, place: String? = nil, fast: Bool = false, isDefault: Bool = false, from: Int? = nil
    ) {
        self.name = name
        self.currency = currency
        self.pricing = pricing
        self.place = place
        self.fast = fast
        self.isDefault = isDefault
        self.from = from
    }

    /// How a tariff prices what it prices.
    package enum Pricing: Equatable, Sendable {
        case electricity(EnergyPrice, Fees)
        /// Per litre of fuel burned.
        case fuel(perLitre: Double)
    }

    /// The price of a kWh over time.
    package enum EnergyPrice: Equatable, Sendable {
        case flat(Double)
        /// The price of the first window holding a moment (local time in `zone`, an IANA name), else `otherwise`.
        case windows(zone: String, [TariffWindow], otherwise: Double)
        /// The market's price of each interval imported for the tariff (`prices`), plus `surcharge` (grid fees, taxes).
        case dynamic(surcharge: Double)
    }

    /// What a public charger charges besides the energy.
    package struct Fees: Equatable, Sendable {
        /// Per minute of charging, from the session's start to its end.
        package var perMinute: Double
        /// Once a session.
        package var session: Double
        /// Per minute still plugged after charging stopped, past `idleAfter` minutes.
        package var idlePerMinute: Double
        package var idleAfter: Double

        package init(perMinute: Double = 0, session: Double = 0, idlePerMinute: Double = 0, idleAfter: Double = 0) {
            self.perMinute = perMinute
            self.session = session
            self.idlePerMinute = idlePerMinute
            self.idleAfter = idleAfter
        }

        package static let none = Fees()
    }

    /// Whether it prices charge sessions (not fuel).
    package var isElectric: Bool {
        if case .electricity = pricing { return true }
        return false
    }
}

/// The tariffs in use, and which one prices what (docs/history.md, "Tariffs and costs").
package struct TariffBook: Sendable {
    package var tariffs: [Tariff]

    package init(_ tariffs: [Tariff]) { self.tariffs = tariffs }

    /// The tariff of a charge session at `place` (its name, ``Place``), `fast` or not, that started at `at`: the
    /// tariff of that place; else for a fast session the one that says `fast`; else the `default` one; else the only
    /// electric tariff bound to no place and not fast. Of several that would do, the one that took effect last before
    /// `at` (a tariff that takes effect later prices nothing before).
    package func tariff(place: String?, fast: Bool, at: Int) -> Tariff? {
        let electric = tariffs.filter { $0.isElectric && ($0.from ?? Int.min) <= at }
        if let place, let own = Self.latest(electric.filter { $0.place == place }) { return own }
        if fast, let charger = Self.latest(electric.filter(\.fast)) { return charger }
        if let chosen = Self.latest(electric.filter(\.isDefault)) { return chosen }
        let free = electric.filter { $0.place == nil && !$0.fast }
        return free.filter { $0.from == nil }.count <= 1 ? Self.latest(free) : nil
    }

    /// The fuel tariff at `at`: the `default` one among them, else the only one (of several, the one that took
    /// effect last before `at`).
    package func fuel(at: Int) -> Tariff? {
        let fuel = tariffs.filter { !$0.isElectric && ($0.from ?? Int.min) <= at }
        if let chosen = Self.latest(fuel.filter(\.isDefault)) { return chosen }
        return fuel.filter { $0.from == nil }.count <= 1 ? Self.latest(fuel) : nil
    }

    /// The one that took effect last (always-tariffs first), the first of equals.
    private static func latest(_ tariffs: [Tariff]) -> Tariff? {
        tariffs.reduce(nil) { best, tariff in
            guard let best else { return tariff }
            return (tariff.from ?? Int.min) > (best.from ?? Int.min) ? tariff : best
        }
    }
}
