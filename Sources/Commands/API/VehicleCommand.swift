import Shell

/// `vehicle REF`: one vehicle's details.
struct VehicleCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("vehicle", summary: "Show one vehicle: id, VIN, brand, label, engine, pictures.")
            .input("vehicle records (optional): one request per vehicle, concurrently")
            .optional("vehicle", .vehicle)
            .curlSwitch()
            .example("vehicle 0 | get vin", "The VIN of the first vehicle.")
    }

    var view: View? { .vehicle }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        nonisolated(unsafe) let api = api
        let curl = call.isSet("curl")
        return try VehicleArgument.each(call, input: input, api: api) { worker, id in .value(try api.get(api.vehiclePath(id), on: worker, curl: curl))
        }
    }
}
