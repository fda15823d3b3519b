import Shell

/// `status REF`: the vehicle's latest status (energy, doors, battery, position…).
struct StatusCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("status", summary: "Show a vehicle's latest status: energy, doors, battery, last position.")
            .input("vehicle records (optional): one request per vehicle, concurrently")
            .optional("vehicle", .custom("vehicle"), "An id, VIN, unique prefix, label, or position in the last listing.")
            .flag("extension", .oneOf(["odometer", "kinetic"]), "Embed an extra data set (v4.0).")
            .curlSwitch()
            .example("status 0 | get energy.0.level", "The first vehicle's energy level.")
            .example("vehicles | status | select vin energy.0.level", "Every vehicle's level, fetched concurrently.")
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
