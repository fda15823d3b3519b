import APIContract
import Shell

extension APIOperation {
    /// The account and its vehicles' GETs (docs/api.md §6), v4.0 and 4.17; monitors, callbacks and remote actions
    /// have their own catalogues.
    static let vehicles: [APIOperation] = [
        APIOperation("user", "Show the account: name, email, and its vehicles' links.", path: "/user")
            .with { $0.view = { .user } }
            .example("user | get email", "The account's email address."),
        APIOperation("vehicles", "List the vehicles of the account (lazily, page by page).", path: "/user/vehicles", answer: .collection)
            .with {
                $0.flags = [
                    .indexRange, .pageSize,
                    QueryFlag(flag: "locale", parameter: "locale", shape: .kind(.locale), help: "Language of texts, e.g. `fr-FR`."),
                ]
                $0.output = "list of vehicle records"
                $0.view = { .vehicle }
                $0.hooks.listing = VehicleCache.refreshing
            }
            .example("vehicles | select vin brand label", "VIN, brand and label of every vehicle.")
            .example("vehicles --index-range 0-9 --page-size 10", "The first ten vehicles, in one request."),
        APIOperation("vehicle", "Show one vehicle: id, VIN, brand, label, engine, pictures.", path: "/user/vehicles/{vehicle}")
            .with { $0.view = { .vehicle } }
            .example("vehicle 0 | get vin", "The VIN of the first vehicle."),
        APIOperation("status", "Show a vehicle's latest status: energy, doors, battery, last position.", path: "/user/vehicles/{vehicle}/status")
            .with {
                $0.flags = [
                    QueryFlag(
                        flag: "extension", parameter: "extension", shape: .oneOf(["odometer", "kinetic"]), help: "Embed an extra data set (v4.0).")
                ]
                $0.hooks.view = StatusView.completed
            }
            .example("status 0 | get energy.0.level", "The first vehicle's energy level.")
            .example("vehicles | status | select vin energy.0.level", "Every vehicle's level, fetched concurrently."),
        APIOperation(
            "alerts", "List a vehicle's alerts (lazily, page by page), in a language.", path: "/user/vehicles/{vehicle}/alerts", answer: .collection
        )
        .with {
            $0.flags = [.locale]
            $0.isTimed = true
            $0.output = "list of alert records"
            $0.view = { .alert }
        }
        .example("vehicles | first | alerts --locale fr-FR", "The first vehicle's alerts in French.")
        .example("alerts 0 | first 3", "Three alerts, one request.")
        .example("vehicles | alerts | select vin type message", "Every vehicle's alerts, tagged with the VIN.")
        .example("alerts 0 --since 2026-10-01 --until 2026-10-08 | count", "The alerts of one week."),
        APIOperation("position", "The vehicle's last GPS position, as a GeoJSON Feature.", path: "/user/vehicles/{vehicle}/lastPosition")
            .with {
                $0.accept = "application/vnd.geo+json"
                $0.view = { .position }
            }
            .example("vehicles | each { position $it } | to geojson", "Every vehicle on a map."),
        APIOperation("alert", "One alert of a vehicle.", path: "/user/vehicles/{vehicle}/alerts/{alert}")
            .with {
                $0.flags = [.locale]
                $0.view = { .alert }
            }
            .example("alert 0 (alerts 0 | first | get id)", "The first alert, by id."),
        APIOperation(
            "maintenance", "The vehicle's maintenance figures: days and distance before the next service.",
            path: "/user/vehicles/{vehicle}/maintenance"
        )
        .with { $0.view = { .maintenance } }
        .example("maintenance 0", "When the first vehicle needs a service."),
        APIOperation("trips", "List a vehicle's completed trips (lazily, page by page).", path: "/user/vehicles/{vehicle}/trips", answer: .collection)
            .with {
                $0.isTimed = true
                $0.view = { .trip }
            }
            .example("trips 0 | first 3 | select id startedAt distance", "Three trips.")
            .example("trips 0 --since 30d | get distance | sum", "Kilometres driven in the last 30 days."),
        APIOperation("trip", "One trip of a vehicle.", path: "/user/vehicles/{vehicle}/trips/{trip}")
            .with { $0.view = { .trip } }
            .example("trip 0 (trips 0 | first | get id)", "The first trip."),
        APIOperation(
            "waypoints", "The path of a trip, simplified within a tolerance.", path: "/user/vehicles/{vehicle}/trips/{trip}/wayPoints",
            answer: .collection
        )
        .with {
            $0.flags = [QueryFlag(flag: "tolerance", parameter: "tolerance", shape: .number, help: "Simplify the path to within this many km.")]
            $0.view = { .position }
        }
        .example("waypoints 0 (trips 0 | first | get id) --tolerance 0.5 | count", "How many points the simplified path keeps."),
        APIOperation(
            "telemetry", "List a vehicle's telemetry messages (lazily, page by page).", path: "/user/vehicles/{vehicle}/telemetry",
            answer: .collection
        )
        .with {
            $0.isTimed = true
            $0.flags = [
                QueryFlag(flag: "type", parameter: "type", shape: .kind(.telemetryType), help: ParameterKind.telemetryType.help),
                QueryFlag(
                    flag: "extension", parameter: "extension", shape: .string, help: "Add data sets: location, alerts, collision, maintenance."),
                .locale,
            ]
            $0.view = { .telemetry }
        }
        .example("telemetry 0 --type vehicle.energy.level | first", "The latest energy-level message."),
        APIOperation(
            "collisions", "List a vehicle's collisions (lazily, page by page).", path: "/user/vehicles/{vehicle}/collisions", answer: .collection
        )
        .with {
            $0.isTimed = true
            $0.view = { .collision }
        }
        .example("collisions 0 | count", "How many collisions were recorded."),
        APIOperation(
            "ecoaching", "Eco-driving scores of a trip.", path: "/user/vehicles/{vehicle}/trips/{trip}/ecoaching", versions: [.v40]
        )
        .with {
            $0.flags = [.locale]
            $0.view = { .ecoaching }
        }
        .example("ecoaching 0 (trips 0 | first | get id)", "Scores of the first trip."),
        APIOperation(
            "alarms", "List a vehicle's anti-theft alarm events: activations and break-ins (API 4.17).", path: "/user/vehicles/{vehicle}/alarms",
            versions: [.v417], answer: .collection
        )
        .with {
            $0.isTimed = true
            $0.flags = [
                QueryFlag(
                    flag: "type", parameter: "type", shape: .oneOf(["vehicle.alarm.status", "vehicle.alarm.trigger"]),
                    help: "Only activations (vehicle.alarm.status) or only break-ins (vehicle.alarm.trigger).")
            ]
            $0.view = { .alarm }
        }
        .example("alarms 0 --type vehicle.alarm.trigger | count", "How many times the alarm went off."),
        APIOperation("alarm", "One alarm event of a vehicle (API 4.17).", path: "/user/vehicles/{vehicle}/alarms/{alarm}", versions: [.v417])
            .with { $0.view = { .alarm } }
            .example("alarm 0 (alarms 0 | first | get id)", "The latest alarm event."),
    ]
}

extension APIOperation.QueryFlag {
    /// `vehicles --index-range A-B`: only results A to B.
    static let indexRange = APIOperation.QueryFlag(
        flag: "index-range", parameter: "indexRange", shape: .string, help: "Only results A to B (0-based, inclusive), e.g. `0-9` or `5-`."
    ) { given, _ in
        guard given.value.text.wholeMatch(of: /\d+-\d*/) != nil else {
            throw ShellError(
                .badArgument, "'\(given.value.text)' is not an index range", hint: "write FIRST-LAST or FIRST-, e.g. `0-9`", at: given.range)
        }
        return [given.value.text]
    }

    /// `vehicles --page-size N`: results per request.
    static let pageSize = APIOperation.QueryFlag(flag: "page-size", parameter: "pageSize", shape: .int, help: "Results per request, 1 to 60.") {
        given, _ in
        guard let size = Int(given.value.text), (1...60).contains(size) else {
            throw ShellError(.badArgument, "page size must be 1 to 60, got \(given.value.text)", at: given.range)
        }
        return [String(size)]
    }
}
