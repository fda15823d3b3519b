import Shell

/// `vehicle REF`: one vehicle's details.
struct VehicleCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("vehicle", summary: "Show one vehicle: id, VIN, brand, label, engine, pictures.")
            .input("a vehicle record (optional)")
            .optional("vehicle", .custom("vehicle"), "An id, VIN, unique prefix, label, or position in the last listing.")
            .example("vehicle 0 | get vin", "The VIN of the first vehicle.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        .value(try api.get(api.vehiclePath(try VehicleArgument.id(call, input: input, api: api))))
    }
}
