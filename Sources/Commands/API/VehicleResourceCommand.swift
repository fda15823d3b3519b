import APIContract
import Client
import Shell

/// Runs one ``VehicleResource``: resolves the vehicle (argument or pipe), fills the path's ids, maps flags to the
/// query, and returns the decoded body — or, for a collection, a lazy list over its pages.
struct VehicleResourceCommand: Command, VersionedCommand {
    let api: APIContext
    let resource: VehicleResource

    var signature: Signature {
        var signature = Signature(resource.name, summary: resource.summary).input("vehicle records (optional): one request per vehicle, concurrently")
        signature = signature.optional("vehicle", .vehicle)
        // Optional for the binder: with a vehicle record in the pipe, `trip TID` has only the trip id.
        for identifier in resource.identifiers { signature = signature.optional(identifier.name, identifier.item.kind) }
        for flag in resource.flags { signature = signature.flag(flag.flag, flag.shape, flag.help) }
        if resource.isTimed { signature = TimeWindow.flags(on: signature) }
        signature = signature.curlSwitch()
        for example in resource.examples { signature = signature.example(example.source, example.description) }
        return signature.output(resource.isCollection ? "list (lazy)" : "record")
    }

    var view: View? { resource.view?() }
    var versions: Set<APIVersion> { resource.versions }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        try api.require(versions, call)
        // `$v | trip TID`: the one positional is the trip, the vehicle comes from the pipe.
        let call = resource.identifiers.first.map { VehicleArgument.shifted(call, to: $0.name, input: input) } ?? call
        if let items = Self.items(in: input, for: resource, call: call) { return try runForItems(items, call) }
        var path = resource.path
        for identifier in resource.identifiers {
            guard let bound = call.arguments[identifier.name], !bound.value.text.isEmpty else {
                throw call.error("'\(resource.name)' needs the \(identifier.name) id", hint: "usage: \(signature.usage)", code: .badArgument)
            }
            let resolver = ItemResolver(api: api, item: identifier.item, call: call) { [api] in
                try api.collection(api.vehiclePath(try VehicleArgument.id(call, input: input, api: api), identifier.item.listing)).collect()
            }
            let id = try resolver.id(for: bound.value, at: bound.range)
            path = path.replacingOccurrences(of: "{\(identifier.placeholder)}", with: URLEncoding.encode(id))
        }
        let query = try self.query(call)
        nonisolated(unsafe) let api = api
        let (resource, fixedPath, fixedQuery, curl) = (resource, path, query, call.isSet("curl"))
        return try VehicleArgument.each(call, input: input, api: api) { worker, id in
            let full = api.vehiclePath(id, fixedPath)
            if resource.isCollection { return .stream(try api.collection(full, query: fixedQuery, on: worker, curl: curl)) }
            return .value(try api.get(full, query: fixedQuery, accept: resource.accept, on: worker, curl: curl))
        }
    }

    /// The query parameters the flags ask for, with the profile's locale when the resource takes one.
    private func query(_ call: Call) throws -> [(name: String, value: String?)] {
        var query: [(name: String, value: String?)] = []
        for flag in resource.flags {
            guard let value = call.value(flag.flag) else { continue }
            for part in value.text.split(separator: ",") { query.append((flag.parameter, String(part))) }
        }
        if resource.flags.contains(where: { $0.flag == "locale" }), call.value("locale") == nil { query.append(("locale", api.locale)) }
        if resource.isTimed, let window = try TimeWindow.query(call, now: api.serverClock.now) { query.append(window) }
        return query
    }

    /// Items piped into a per-item resource (`trips 0 | first 1 | waypoints`, `alerts 0 | first | alert`): each
    /// one's vehicle (from its `_links.vehicle`, or its own link) and id; nil when the input is not items of the
    /// resource's kind or arguments name them.
    private static func items(in input: PipelineData, for resource: VehicleResource, call: Call) -> [(vehicle: String, item: String)]? {
        guard let identifier = resource.identifiers.first, call.arguments["vehicle"] == nil, call.arguments[identifier.name] == nil,
            case .value(let value) = input
        else { return nil }
        let view = identifier.item.view
        let rows = value.listItems ?? [value]
        let items = rows.compactMap { row -> (String, String)? in
            guard case .record(let record) = row, view.matches(record), let vehicle = record.linkedID("vehicle") ?? record.vehicleInSelfLink,
                let item = view.identity?(record)
            else { return nil }
            return (vehicle, item)
        }
        return items.isEmpty || items.count != rows.count ? nil : items
    }

    /// The resource of each piped item, in order: a single item's collection stays lazy; several are joined.
    private func runForItems(_ items: [(vehicle: String, item: String)], _ call: Call) throws -> PipelineData {
        let query = try self.query(call)
        func path(_ item: (vehicle: String, item: String)) -> String {
            let placeholder = resource.identifiers.first.map { "{\($0.placeholder)}" } ?? ""
            return api.vehiclePath(item.vehicle, resource.path.replacingOccurrences(of: placeholder, with: URLEncoding.encode(item.item)))
        }
        let curl = call.isSet("curl")
        if items.count == 1, let item = items.first {
            if resource.isCollection { return .stream(try api.collection(path(item), query: query, curl: curl)) }
            return .value(try api.get(path(item), query: query, accept: resource.accept, curl: curl))
        }
        var rows: [Value] = []
        for item in items {
            if resource.isCollection {
                rows += try api.collection(path(item), query: query, curl: curl).collect()
            } else {
                rows.append(try api.get(path(item), query: query, accept: resource.accept, curl: curl))
            }
        }
        return .value(.list(rows))
    }
}
