import Shell

/// The vehicle a command acts on: its `vehicle` argument, or a vehicle record from the pipe.
enum VehicleArgument {
    static func id(_ call: Call, input: PipelineData, api: APIContext) throws -> String {
        let resolver = VehicleResolver(api: api)
        if let bound = call.arguments["vehicle"] { return try resolver.id(for: bound.value, at: bound.range) }
        let value = try input.collect()
        switch value {
        case .record: return try resolver.id(for: value, at: call.range)
        case .list:
            throw call.error(
                "'\(call.name)' takes one vehicle, the pipe holds a list", hint: "run it per vehicle: `… | each { \(call.name) $it }`",
                code: .typeMismatch)
        default:
            throw call.error(
                "'\(call.name)' needs a vehicle", hint: "give an id, VIN, label or position (`\(call.name) 0`), or pipe a vehicle record",
                code: .badArgument)
        }
    }
}
