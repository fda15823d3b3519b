import APIContract
import Client
import Shell

/// Runs any ``APIOperation``, the same way for every one: checks that the API version has it, reads the path's ids
/// from the arguments (``ItemResolver``), the pipe or a piped record's own link, maps the flags to the query, and
/// sends — once, or for each piped vehicle concurrently (``VehicleArgument``) with a `Sendable` ``OperationPlan`` —
/// returning the record, or a lazy list over a collection's pages. `--curl` shows the request instead.
struct OperationCommand: Command, VersionedCommand {
    let api: APIContext
    let operation: APIOperation
    /// Made once: the registry, completion and help read it often.
    let signature: Signature

    init(api: APIContext, operation: APIOperation) {
        self.api = api
        self.operation = operation
        signature = Self.signature(of: operation)
    }

    var versions: Set<APIVersion> { operation.versions }

    var view: View? { operation.hooks.view.map { $0(api) } ?? operation.view?() }

    /// The command's signature, from its declaration.
    private static func signature(of operation: APIOperation) -> Signature {
        var signature = Signature(operation.name, summary: operation.summary)
        let underVehicle = operation.paths.values.contains { $0.hasVehicle }
        if underVehicle {
            signature = signature.input(operation.input ?? "vehicle records (optional): one request per vehicle, concurrently")
                .optional("vehicle", .vehicle)
        } else if let input = operation.input {
            signature = signature.input(input)
        }
        // Optional for the binder: with a record in the pipe, `trip TID` has only the trip id.
        for (n, item) in operation.arguments.enumerated() {
            let isLast = n == operation.arguments.count - 1
            signature =
                operation.takesMany && isLast ? signature.rest(item.placeholder + "s", item.kind) : signature.optional(item.placeholder, item.kind)
        }
        for flag in operation.flags { signature = signature.flag(flag.flag, flag.shape, flag.help) }
        if let flags = operation.hooks.flags { signature = flags(signature) }
        if let type = operation.hooks.callbacksServing, !signature.flags.contains(where: { $0.name == "callback-id" }) {
            signature = signature.flag(
                "callback-id", .kind(.callback), "4.17: only under this callback (default: every callback serving \(type.lowercased())s).")
        }
        if operation.isTimed { signature = TimeWindow.flags(on: signature) }
        if operation.dryRun { signature = signature.switch("dry-run", "Check the body and show the request instead of sending it.") }
        if let confirmation = operation.hooks.confirm {
            signature = signature.switch("yes", "\(confirmation.verb.capitalized) without asking; required in scripts.")
        }
        signature = signature.curlSwitch()
        if let discussion = operation.discussion { signature = signature.discussion(discussion) }
        for example in operation.examples { signature = signature.example(example.source, example.description, result: example.result) }
        return signature.output(operation.output ?? (operation.answer == .collection ? "list (lazy)" : "record"))
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        try api.require(versions, call)
        guard let template = operation.paths[api.apiVersion] else { return .empty }
        if operation.method != "GET" { return try write(call, input: input, template: template, context: context) }
        let query = try self.query(call)
        let input = operation.arguments.last.map { call.arguments[$0.placeholder] == nil } == true ? try Self.readWhole(input) : input
        if let linked = Self.linked(input, call, template, operation.arguments.last) { return try run(linked, template, query, call) }
        // `$v | trip TID`: the one positional is the trip, the vehicle comes from the pipe.
        let call = operation.arguments.first.map { VehicleArgument.shifted(call, to: $0.placeholder, input: input) } ?? call
        var ids: [String: String] = [:]
        if operation.hooks.callbacksServing != nil, let callback = call.string("callback-id") {
            guard template.ids.contains(where: { $0.name == ItemResolver.Item.callback.placeholder }) else {
                throw call.error(
                    "--callback-id is for API 4.17, where these live under callbacks",
                    hint: "in \(api.apiVersion.rawValue) they live under the vehicle",
                    argument: "callback-id", code: .badArgument)
            }
            ids["callback"] = callback
        }
        for item in operation.arguments where template.ids.contains(where: { $0.name == item.placeholder }) {
            guard let bound = call.arguments[item.placeholder], !bound.value.text.isEmpty else {
                throw call.error("'\(operation.name)' needs the \(item.kind.name) id", hint: "usage: \(signature.usage)", code: .badArgument)
            }
            let resolver = ItemResolver(api: api, item: item, call: call) { [self, ids] in
                try listing(of: item, in: template, ids: ids, call: call, input: input)
            }
            ids[item.placeholder] = try resolver.id(for: bound.value, at: bound.range)
        }
        let plan = plan(template, ids: ids, query: query, call: call)
        guard template.hasVehicle else {
            let answer = try plan.run(try api.requests(), vehicle: nil)
            guard let listing = operation.hooks.listing, !plan.curl, case .stream(let rows) = answer else { return answer }
            return .stream(listing(rows, call, api))
        }
        return try VehicleArgument.each(call, input: input, api: api) { requests, vehicle in try plan.run(requests, vehicle: vehicle) }
    }

    private func plan(_ template: PathTemplate, ids: [String: String], query: [(name: String, value: String?)], call: Call) -> OperationPlan {
        OperationPlan(
            template: template, ids: ids, query: query, accept: operation.accept, answer: operation.answer, curl: call.isSet("curl"),
            hooks: operation.hooks)
    }

    /// The query parameters the flags ask for, with the session's locale where the operation takes one.
    private func query(_ call: Call) throws -> [(name: String, value: String?)] {
        var query: [(name: String, value: String?)] = []
        for flag in operation.flags {
            guard let given = call.flagValues[flag.flag]?.last else {
                if flag.defaultsToSessionLocale { query.append((flag.parameter, api.locale)) }
                continue
            }
            query += try flag.values(given, call).map { (flag.parameter, $0) }
        }
        if operation.isTimed, let window = try TimeWindow.query(call, now: api.serverClock.now) { query.append(window) }
        return query
    }

    /// A stream that may be items (`callbacks | callbacks show`) read whole: a list, which still fans out over
    /// vehicles if it is not.
    static func readWhole(_ input: PipelineData) throws -> PipelineData {
        guard case .stream = input else { return input }
        return .value(.list(try input.rows().collect()))
    }

    /// The items a reference may name: the collection they are listed in, for the vehicle the call names.
    func listing(of item: ItemResolver.Item, in template: PathTemplate, ids: [String: String], call: Call, input: PipelineData) throws
        -> [Value]
    {
        guard let collection = template.listing(of: item) else { return [] }
        let vehicle = collection.hasVehicle ? try VehicleArgument.id(call, input: input, api: api) : nil
        let listing = OperationPlan(
            template: collection, ids: ids, query: [], accept: nil, answer: .collection, curl: false,
            hooks: APIOperation.Hooks(callbacksServing: operation.hooks.callbacksServing))
        return try listing.run(try api.requests(), vehicle: vehicle).collect().listItems ?? []
    }

    /// Records piped into an operation on items (`alerts 0 | first | alert`, `trips 0 | first 2 | waypoints`,
    /// `monitors 0 | monitors pause`): the ids of each (``linkedIDs(of:_:_:)``). Nil when the input is not records
    /// of the item's kind, or arguments name them; empty for an empty list.
    static func linked(_ input: PipelineData, _ call: Call, _ template: PathTemplate, _ item: ItemResolver.Item?) -> [[String: String]]? {
        guard let item, call.arguments["vehicle"] == nil, call.arguments[item.placeholder] == nil, call.rest.isEmpty,
            case .value(let value) = input
        else { return nil }
        if value.listItems?.isEmpty == true { return [] }
        let rows = value.listItems ?? [value]
        let linked = rows.compactMap { row in row.recordValue.flatMap { linkedIDs(of: $0, template, item) } }
        return linked.isEmpty || linked.count != rows.count ? nil : linked
    }

    /// The ids of an item's record: read from its own link (or its link named after the item, as `monitors
    /// create` answers), else its id and its vehicle's (from its `vehicle` link). Nil when the record is not of the
    /// item's kind, or does not say which vehicle it belongs to.
    private static func linkedIDs(of record: Record, _ template: PathTemplate, _ item: ItemResolver.Item) -> [String: String]? {
        guard item.view.matches(record), let id = item.view.identity?(record) else { return nil }
        for link in ["self", item.placeholder] {
            if let href = record.string("_links.\(link).href"), var ids = template.ids(inLink: href) {
                ids[item.placeholder] = ids[item.placeholder] ?? id
                return ids
            }
        }
        guard template.hasVehicle else { return [item.placeholder: id] }
        return (record.linkedID("vehicle") ?? record.vehicleInSelfLink).map { ["vehicle": $0, item.placeholder: id] }
    }

    /// The operation for each piped item, in order: a single item's collection stays lazy; several are joined.
    private func run(_ linked: [[String: String]], _ template: PathTemplate, _ query: [(name: String, value: String?)], _ call: Call) throws
        -> PipelineData
    {
        let requests = try api.requests()
        let answers = try linked.map { ids in try plan(template, ids: ids, query: query, call: call).run(requests, vehicle: nil) }
        if answers.count == 1, let answer = answers.first { return answer }
        return .value(
            .list(
                try answers.flatMap { answer in
                    let value = try answer.collect()
                    return value.listItems ?? [value]
                }))
    }
}
