import Client
import Shell

/// Runs one ``VehicleResource``: resolves the vehicle (argument or pipe), fills the path's ids, maps flags to the
/// query, and returns the decoded body — or, for a collection, a lazy list over its pages.
struct VehicleResourceCommand: Command {
    let api: APIContext
    let resource: VehicleResource

    var signature: Signature {
        var signature = Signature(resource.name, summary: resource.summary).input("vehicle records (optional): one request per vehicle, concurrently")
        signature = signature.optional("vehicle", .custom("vehicle"), "An id, VIN, unique prefix, label, or position in the last listing.")
        // Optional for the binder: with a vehicle record in the pipe, `trip TID` has only the trip id.
        for identifier in resource.identifiers { signature = signature.optional(identifier.name, .string, identifier.help) }
        for flag in resource.flags { signature = signature.flag(flag.flag, flag.shape, flag.help) }
        if resource.isTimed { signature = TimeWindow.flags(on: signature) }
        signature = signature.curlSwitch()
        for example in resource.examples { signature = signature.example(example.source, example.description) }
        return signature.output(resource.isCollection ? "list (lazy)" : "record")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        var call = call
        if let identifier = resource.identifiers.first, call.arguments[identifier.name] == nil, let vehicle = call.arguments["vehicle"],
            case .value(.record) = input
        {
            // `$v | trip TID`: the one positional is the trip, the vehicle comes from the pipe.
            call.arguments[identifier.name] = vehicle
            call.arguments["vehicle"] = nil
        }
        var path = resource.path
        for identifier in resource.identifiers {
            guard let value = call.arguments[identifier.name]?.value.text, !value.isEmpty else {
                throw call.error("'\(resource.name)' needs the \(identifier.name) id", hint: "usage: \(signature.usage)", code: .badArgument)
            }
            path = path.replacingOccurrences(of: "{\(identifier.placeholder)}", with: URLEncoding.encode(value))
        }
        var query: [(name: String, value: String?)] = []
        for flag in resource.flags {
            guard let value = call.value(flag.flag) else { continue }
            for part in value.text.split(separator: ",") { query.append((flag.parameter, String(part))) }
        }
        if resource.flags.contains(where: { $0.flag == "locale" }), call.value("locale") == nil { query.append(("locale", api.locale)) }
        if resource.isTimed, let window = try TimeWindow.query(call) { query.append(window) }
        nonisolated(unsafe) let api = api
        let (resource, fixedPath, fixedQuery, curl) = (resource, path, query, call.isSet("curl"))
        return try VehicleArgument.each(call, input: input, api: api) { worker, id in
            let full = api.vehiclePath(id, fixedPath)
            if resource.isCollection { return .stream(try api.collection(full, query: fixedQuery, on: worker, curl: curl)) }
            return .value(try api.get(full, query: fixedQuery, accept: resource.accept, on: worker, curl: curl))
        }
    }
}
