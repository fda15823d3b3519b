import APIContract
import Shell

/// One GET endpoint under a vehicle (docs/api.md §6), as a shell command: its path below `/user/vehicles/{id}`
/// (with `{tid}`/`{aid}` filled from further arguments), whether it is a paged collection, and its query flags.
/// ``VehicleResourceCommand`` runs any of them; ``VehicleResource/catalogue`` lists them.
struct VehicleResource: Sendable {
    /// A flag that becomes a query parameter (`--tolerance 0.5` → `tolerance=0.5`; a comma list repeats the key).
    struct QueryFlag: Sendable {
        var flag: String
        var parameter: String
        var shape: Shape
        var help: String
    }

    var name: String
    var summary: String
    /// Below the vehicle, e.g. `trips/{tid}/wayPoints`.
    var path: String
    /// Positional arguments after the vehicle that fill a `{placeholder}` of the path, with the item they name (its
    /// listing command is also its collection below the vehicle: `trips`).
    var identifiers: [(name: String, placeholder: String, item: ItemResolver.Item)] = []
    var isCollection = false
    /// Whether `--since`/`--until` (the `timestamps` filter) apply.
    var isTimed = false
    var accept: String?
    var flags: [QueryFlag] = []
    var examples: [(source: String, description: String)] = []
    /// How a terminal shows what it returns, made when a table first needs it (the catalogue is built at every
    /// start; its views are not needed by a command printing JSON).
    var view: (@Sendable () -> View)?
    /// The API versions that have it; on another, the command says so instead of sending.
    var versions: Set<APIVersion> = Set(APIVersion.allCases)
}

extension VehicleResource {
    static let locale = QueryFlag(flag: "locale", parameter: "locale", shape: .kind(.locale), help: "Language of texts, e.g. `fr-FR`.")

    /// Every per-vehicle GET of the v4.0 and 4.17 APIs besides `vehicle`, `status` and `alerts`, which have their own
    /// files, and the monitors and remote actions, which 4.17 keeps under callbacks.
    static let catalogue: [VehicleResource] = [
        VehicleResource(
            name: "position", summary: "The vehicle's last GPS position, as a GeoJSON Feature.", path: "lastPosition",
            accept: "application/vnd.geo+json", examples: [("vehicles | each { position $it } | to geojson", "Every vehicle on a map.")],
            view: { .position }),
        VehicleResource(
            name: "alert", summary: "One alert of a vehicle.", path: "alerts/{aid}", identifiers: [("alert", "aid", .alert)],
            flags: [locale],
            examples: [("alert 0 (alerts 0 | first | get id)", "The first alert, by id.")], view: { .alert }),
        VehicleResource(
            name: "maintenance", summary: "The vehicle's maintenance figures: days and distance before the next service.", path: "maintenance",
            examples: [("maintenance 0", "When the first vehicle needs a service.")], view: { .maintenance }),
        VehicleResource(
            name: "trips", summary: "List a vehicle's completed trips (lazily, page by page).", path: "trips", isCollection: true,
            isTimed: true,
            examples: [
                ("trips 0 | first 3 | select id startedAt distance", "Three trips."),
                ("trips 0 --since 30d | get distance | sum", "Kilometres driven in the last 30 days."),
            ], view: { .trip }),
        VehicleResource(
            name: "trip", summary: "One trip of a vehicle.", path: "trips/{tid}", identifiers: [("trip", "tid", .trip)],
            examples: [("trip 0 (trips 0 | first | get id)", "The first trip.")], view: { .trip }),
        VehicleResource(
            name: "waypoints", summary: "The path of a trip, simplified within a tolerance.", path: "trips/{tid}/wayPoints",
            identifiers: [("trip", "tid", .trip)], isCollection: true,
            flags: [QueryFlag(flag: "tolerance", parameter: "tolerance", shape: .number, help: "Simplify the path to within this many km.")],
            examples: [("waypoints 0 (trips 0 | first | get id) --tolerance 0.5 | count", "How many points the simplified path keeps.")],
            view: { .position }),
        VehicleResource(
            name: "telemetry", summary: "List a vehicle's telemetry messages (lazily, page by page).", path: "telemetry", isCollection: true,
            isTimed: true,
            flags: [
                QueryFlag(flag: "type", parameter: "type", shape: .kind(.telemetryType), help: ParameterKind.telemetryType.help),
                QueryFlag(
                    flag: "extension", parameter: "extension", shape: .string, help: "Add data sets: location, alerts, collision, maintenance."),
                locale,
            ],
            examples: [("telemetry 0 --type vehicle.energy.level | first", "The latest energy-level message.")], view: { .telemetry }),
        VehicleResource(
            name: "collisions", summary: "List a vehicle's collisions (lazily, page by page).", path: "collisions", isCollection: true,
            isTimed: true,
            examples: [("collisions 0 | count", "How many collisions were recorded.")], view: { .collision }),
        VehicleResource(
            name: "ecoaching", summary: "Eco-driving scores of a trip.", path: "trips/{tid}/ecoaching",
            identifiers: [("trip", "tid", .trip)],
            flags: [locale], examples: [("ecoaching 0 (trips 0 | first | get id)", "Scores of the first trip.")], view: { .ecoaching },
            versions: [.v40]),
        VehicleResource(
            name: "alarms", summary: "List a vehicle's anti-theft alarm events: activations and break-ins (API 4.17).", path: "alarms",
            isCollection: true, isTimed: true,
            flags: [
                QueryFlag(
                    flag: "type", parameter: "type", shape: .oneOf(["vehicle.alarm.status", "vehicle.alarm.trigger"]),
                    help: "Only activations (vehicle.alarm.status) or only break-ins (vehicle.alarm.trigger).")
            ],
            examples: [("alarms 0 --type vehicle.alarm.trigger | count", "How many times the alarm went off.")], view: { .alarm },
            versions: [.v417]),
        VehicleResource(
            name: "alarm", summary: "One alarm event of a vehicle (API 4.17).", path: "alarms/{aid}",
            identifiers: [("alarm", "aid", .alarm)],
            examples: [("alarm 0 (alarms 0 | first | get id)", "The latest alarm event.")], view: { .alarm }, versions: [.v417]),
    ]
}
