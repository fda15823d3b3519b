import Shell

/// `status REF`: the vehicle's latest status (energy, doors, battery, position…).
struct StatusCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("status", summary: "Show a vehicle's latest status: energy, doors, battery, last position.")
            .input("vehicle records (optional): one request per vehicle, concurrently")
            .optional("vehicle", .vehicle)
            .flag("extension", .oneOf(["odometer", "kinetic"]), "Embed an extra data set (v4.0).")
            .curlSwitch()
            .example("status 0 | get energy.0.level", "The first vehicle's energy level.")
            .example("vehicles | status | select vin energy.0.level", "Every vehicle's level, fetched concurrently.")
    }

    /// The status card, completed with the vehicle's name from the cache, its maintenance and its active alerts
    /// (two GETs, made only when a card is drawn; a failed one leaves its line out).
    var view: View? {
        nonisolated(unsafe) let api = api
        return StatusView.view { record in
            guard let id = record.linkedID("vehicle") else { return StatusView.Extras() }
            var extras = StatusView.Extras()
            if let entry = api.vehicles.entries.first(where: { $0.id == id }) {
                extras.vehicle = [entry.label, entry.vin, entry.brand].filter { !$0.isEmpty }.joined(separator: " · ")
            }
            extras.maintenance = (try? api.get(api.vehiclePath(id, "maintenance")))?.recordValue
            if case .record(let page)? = try? api.get(api.vehiclePath(id, "alerts"), query: [("pageSize", "60"), ("locale", api.locale)]) {
                let active = page.records("_embedded.alerts").filter { $0.bool("active") == true }.count
                extras.activeAlerts = (active, (page.number("totalPage") ?? 1) > 1)
            }
            return extras
        }
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        nonisolated(unsafe) let api = api
        let query: [(name: String, value: String?)] = [("extension", call.string("extension"))]
        let curl = call.isSet("curl")
        return try VehicleArgument.each(call, input: input, api: api) { worker, id in
            .value(try api.get(api.vehiclePath(id, "status"), query: query, on: worker, curl: curl))
        }
    }
}
