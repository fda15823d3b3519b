import APIContract
import History
import Shell

/// `places visited REF [--since/--until]`: where a car stood, and how long — its parked periods (docs/history.md,
/// "Parked periods") named by the user's places, summed per place, the longest first; each row has the place's
/// position, so `| map` marks them.
struct PlacesVisitedCommand: Command {
    let api: APIContext

    var signature: Signature {
        HistoryDatabase.flag(
            on: TimeWindow.flags(
                on: Signature("places visited", summary: "Where a car stood and for how long: its parked time per place, the longest first.")
                    .required("vehicle", .vehicle)
            )
            .example("places visited 0 --since 30d | first 3 | get place", "The first car's three places of the month.")
            .example("places visited 0 | map --points", "Where the first car stood, on a map.")
            .output("list of records: place, visits, hours, latitude, longitude"))
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let vehicle = try VehicleArgument.id(call, input: input, api: api)
        let (since, until) = try TimeWindow.bounds(call, now: api.serverClock.now)
        let store = try HistoryDatabase.open(call, api: api)
        let places = (try? store.places()) ?? []
        // Where the car stood in each period: where the drive (or the charge) it starts at ended, else its last
        // position kept at or before the period's start.
        let sql = """
            SELECT p.startedAt, p.endedAt,
                coalesce((SELECT endLatitude FROM drives WHERE vehicle = p.vehicle AND endedAt = p.startedAt),
                    (SELECT latitude FROM chargeSessions WHERE vehicle = p.vehicle AND endedAt = p.startedAt),
                    (SELECT latitude FROM positions WHERE vehicle = p.vehicle AND at <= p.startedAt ORDER BY at DESC LIMIT 1)) AS latitude,
                coalesce((SELECT endLongitude FROM drives WHERE vehicle = p.vehicle AND endedAt = p.startedAt),
                    (SELECT longitude FROM chargeSessions WHERE vehicle = p.vehicle AND endedAt = p.startedAt),
                    (SELECT longitude FROM positions WHERE vehicle = p.vehicle AND at <= p.startedAt ORDER BY at DESC LIMIT 1)) AS longitude
            FROM parkedPeriods p WHERE p.vehicle = (SELECT key FROM vehicles WHERE id = ?) AND p.startedAt BETWEEN ? AND ?
            """
        var visits: [String: (visits: Int, seconds: Int, latitude: Double, longitude: Double)] = [:]
        let cursor = try store.cursor(sql, [vehicle, since ?? Int(Int32.min), until ?? Int(Int32.max)])
        do throws(SQLiteError) {
            while let row = try cursor.next() {
                guard let start = row.get("startedAt", as: Int.self), let end = row.get("endedAt", as: Int.self),
                    let latitude = row.get("latitude", as: Double.self), let longitude = row.get("longitude", as: Double.self)
                else { continue }
                let name = Place.name(latitude: latitude, longitude: longitude, among: places)
                let known = places.first { $0.name == name }
                var visit = visits[name] ?? (0, 0, known?.latitude ?? latitude, known?.longitude ?? longitude)
                visit.visits += 1
                visit.seconds += max(0, end - start)
                visits[name] = visit
            }
        } catch {
            throw call.error("history database \(store.path): \(error.message)", hint: "its tables are in docs/history.md")
        }
        return .value(
            .list(
                visits.sorted { $0.value.seconds > $1.value.seconds || ($0.value.seconds == $1.value.seconds && $0.key < $1.key) }.map {
                    name, visit in
                    [
                        "place": .string(name), "visits": .int(visit.visits), "hours": .double((Double(visit.seconds) / 360).rounded() / 10),
                        "latitude": .double(visit.latitude), "longitude": .double(visit.longitude),
                    ]
                }))
    }
}
