import Client
import Shell

/// The vehicle a command acts on: its `vehicle` argument, a vehicle record from the pipe — or a list of them,
/// which becomes one request per vehicle, run concurrently (``FanOut``).
enum VehicleArgument {
    /// Runs `operation` for the command's vehicle; for a list of vehicles from the pipe, for each of them
    /// concurrently, the rows tagged with their `vin`. A single vehicle's collection stays lazy. `operation` is
    /// `Sendable`: it captures only values, and sends with the ``Requests`` it is given.
    static func each(
        _ call: Call, input: PipelineData, api: APIContext, operation: @escaping @Sendable (_ requests: Requests, _ id: String) throws -> PipelineData
    ) throws -> PipelineData {
        guard call.arguments["vehicle"] == nil, input.isList else { return try operation(try api.requests(), try id(call, input: input, api: api)) }
        let fanOut = FanOut(api: api, vehicles: input.rows(), range: call.range) { requests, id in
            let result = try operation(requests, id).collect()
            return result.listItems ?? [result]
        }
        return .stream(fanOut.stream())
    }

    /// `$v | monitors show MID`, `$v | remote lock`: with a vehicle record in the pipe and `name` not given, the one
    /// positional the binder put in `vehicle` is `name`'s.
    static func shifted(_ call: Call, to name: String, input: PipelineData) -> Call {
        guard call.arguments[name] == nil, let first = call.arguments["vehicle"], case .value(.record) = input else { return call }
        var call = call
        call.arguments[name] = first
        call.arguments["vehicle"] = nil
        return call
    }

    /// The one vehicle's id.
    static func id(_ call: Call, input: PipelineData, api: APIContext) throws -> String {
        let resolver = VehicleResolver(api: api)
        if let bound = call.arguments["vehicle"] { return try resolver.id(for: bound.value, at: bound.range) }
        let value = try input.collect()
        guard case .record = value else {
            throw call.error(
                "'\(call.name)' needs a vehicle", hint: "give an id, VIN, label or position (`\(call.name) 0`), or pipe vehicle records",
                code: .badArgument)
        }
        return try resolver.id(for: value, at: call.range)
    }
}
