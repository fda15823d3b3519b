import Shell

/// `status REF`: the vehicle's latest status (energy, doors, battery, position…).
struct StatusCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("status", summary: "Show a vehicle's latest status: energy, doors, battery, last position.")
            .input("a vehicle record (optional)")
            .optional("vehicle", .custom("vehicle"), "An id, VIN, unique prefix, label, or position in the last listing.")
            .flag("extension", .oneOf(["odometer", "kinetic"]), "Embed an extra data set (v4.0).")
            .example("status 0 | get energy.0.level", "The first vehicle's energy level.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let id = try VehicleArgument.id(call, input: input, api: api)
        return .value(try api.get(api.vehiclePath(id, "status"), query: [("extension", call.string("extension"))]))
    }
}
