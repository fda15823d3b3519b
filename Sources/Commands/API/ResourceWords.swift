import Synchronization

/// What the API's paths name, in words, for errors: `alert f46b25…fba5 of C5 Aircross Hybrid 225` rather than
/// `GET /user/vehicles/227b04…(193 characters)…/alerts/f46b25…(129)…` — the full URL is for `--verbose` — and,
/// when the API says it has no such thing, how to see what there is (`alerts 0` lists them).
struct ResourceWords {
    /// The resource in words.
    let words: String
    /// The hint for a 404, when one says more than the client's.
    let notFoundHint: String?

    /// The items below a vehicle, by their collection's path segment: (one in words, the collection in words, the
    /// command that lists them).
    private static let items: [String: (one: String, all: String, command: String)] = [
        "alerts": ("alert", "the alerts", "alerts"), "trips": ("trip", "the trips", "trips"), "alarms": ("alarm", "the alarms", "alarms"),
        "monitors": ("monitor", "the monitors", "monitors"), "remotes": ("remote action", "the remote actions", "remotes"),
    ]

    /// A vehicle's own documents, by path segment.
    private static let documents = [
        "status": "the status", "lastPosition": "the position", "maintenance": "the maintenance", "telemetry": "the telemetry",
        "collisions": "the collisions",
    ]

    /// The words for `path` (below the API base, query left out); nil for a path that names nothing ccsh knows
    /// (`api GET /user/nothing`).
    init?(path: String, vehicles: VehicleNames) {
        let parts = path.split(separator: "?").first.map { $0.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) } } ?? []
        guard parts.first == "user" else { return nil }
        let rest = Array(parts.dropFirst())
        switch rest.count {
        case 0: (words, notFoundHint) = ("the account", nil)
        case 1 where rest[0] == "vehicles": (words, notFoundHint) = ("the vehicles", nil)
        case 1 where rest[0] == "callbacks": (words, notFoundHint) = ("the callbacks", nil)
        case 2 where rest[0] == "callbacks":
            (words, notFoundHint) = ("callback \(ShortID.short(rest[1]))", "`callbacks` lists the account's callbacks")
        default:
            guard rest[0] == "vehicles", rest.count >= 2 else { return nil }
            let vehicle = vehicles.name(rest[1])
            guard let found = Self.vehicleItem(Array(rest.dropFirst(2)), of: vehicle) else { return nil }
            // An id the account's listing does not have (once there is one): the vehicle is what was not found.
            let unknown = vehicle.number == nil && vehicles.isListed
            (words, notFoundHint) = (found.0, unknown ? "no vehicle of this account has that id: `vehicles` lists them" : found.1)
        }
    }

    /// Below `/user/vehicles/{id}`: the vehicle itself, one of its documents, its items or one of them.
    private static func vehicleItem(_ rest: [String], of vehicle: VehicleNames.Name) -> (String, String?)? {
        // `callbacks/{cbid}/monitors…` (4.17) names the same things as `monitors…`.
        let rest = rest.count >= 3 && rest[0] == "callbacks" ? Array(rest.dropFirst(2)) : rest
        let listing = vehicle.number.map(String.init) ?? "VEHICLE"
        guard let first = rest.first else { return (vehicle.words, "`vehicles` lists the account's vehicles") }
        if let document = documents[first], rest.count == 1 { return ("\(document) of \(vehicle.words)", nil) }
        guard let item = items[first] else { return nil }
        let lists = "`\(item.command) \(listing)` lists \(item.all) of \(vehicle.words)"
        switch rest.count {
        case 1: return ("\(item.all) of \(vehicle.words)", nil)
        case 2: return ("\(item.one) \(ShortID.short(rest[1])) of \(vehicle.words)", lists)
        case 3 where first == "trips":
            let what = rest[2] == "wayPoints" ? "the waypoints" : rest[2] == "ecoaching" ? "the eco-coaching scores" : "the \(rest[2])"
            return ("\(what) of trip \(ShortID.short(rest[1])) of \(vehicle.words)", lists)
        default: return nil
        }
    }
}

/// The names of the account's vehicles (label, else VIN) and their numbers, for errors made on any thread: the
/// vehicle cache keeps it current, fan-out workers read it.
final class VehicleNames: Sendable {
    /// How a vehicle is named.
    struct Name {
        /// Its label (else its VIN), or `vehicle 227b04…f816` when this account's listing does not have it.
        var words: String
        /// Its position in the account's listing (`alerts 0`), when known.
        var number: Int?
    }

    private let names = Mutex<[String: (words: String, number: Int)]>([:])

    /// The vehicles, in listing order.
    func update(_ entries: [VehicleCache.Entry]) {
        let named = entries.enumerated().map { n, entry in (entry.id, (entry.label.isEmpty ? entry.vin : entry.label, n)) }
        names.withLock { $0 = Dictionary(named, uniquingKeysWith: { first, _ in first }) }
    }

    /// Whether the account's vehicles were listed (the cache has them), so that an id not among them is not one.
    var isListed: Bool { names.withLock { !$0.isEmpty } }

    /// The vehicle with this id: its label, else (unknown here) its short id.
    func name(_ id: String) -> Name {
        names.withLock { $0[id] }.map { Name(words: $0.words, number: $0.number) } ?? Name(words: "vehicle \(ShortID.short(id))")
    }
}
