import APIContract
import Client
import Foundation
import Shell

extension OperationCommand {
    /// A write (`PUT`, `DELETE`) to each item the call names — ids written after the vehicle, or item records
    /// from the pipe — located first (4.17: under which callback), confirmed when the operation asks, said with
    /// its car at a terminal, then sent one after the other; a `POST` creates (``create(_:input:piped:template:context:)``).
    /// Nothing is sent for an item that cannot be found, nor with a body that does not pass the API's rules.
    func write(_ call: Call, input: PipelineData, template: PathTemplate, context: CommandContext) throws -> PipelineData {
        let (curl, dryRun) = (call.isSet("curl"), call.isSet("dry-run"))
        var (input, piped) = (input, Record?.none)
        if case .value(.record(let record)) = input, operation.hooks.isBody?(record) == true { (input, piped) = (.value(.null), record) }
        if operation.method == "POST" { return try create(call, input: input, piped: piped, template: template, context: context) }
        let targets = try located(try writeTargets(call, input, template), template, call)
        if let confirmation = operation.hooks.confirm, !call.isSet("yes"), !curl, !targets.isEmpty {
            guard try confirmed(confirmation, targets, call, context) else {
                context.interpreter.writeError("nothing \(confirmation.verb)d\n")
                return .value(.list([]))
            }
        }
        if !curl, !dryRun { ActedOnCar(api: api).say(call.name, targets.compactMap { $0.ids["vehicle"] }, context: context) }
        let requests = try api.requests()
        let rows = try targets.map { target in
            let path = template.filled(target.ids)
            let body = try operation.body.map { build in
                try build(
                    APIOperation.BodyInput(
                        call: call, piped: piped, version: api.apiVersion, context: context, now: { try serverNow(sends: !call.isSet("curl")) },
                        current: { try requests.get(path) }))
            }
            if dryRun { return Self.dryRun(target.ids["vehicle"].map(ActedOnCar(api: api).record), operation.method, path, body) }
            let reply = try requests.send(APIRequest(operation.method, path, body: body?.bytes), curl: curl)
            return curl ? reply : operation.hooks.answer?(reply, target.ids) ?? reply
        }
        if operation.answers == .recordWhenOne, rows.count == 1, let row = rows.first, !input.isList { return .value(row) }
        return .value(.list(rows))
    }

    /// A `POST` that creates an item: once, or for each piped vehicle concurrently; its body checked first, its
    /// callback found or made first (a 4.17 monitor, a remote action), never sent twice
    /// (``APIOperation/Hooks/reconcile``), and followed when the operation says so (a remote action's outcome).
    private func create(_ call: Call, input: PipelineData, piped: Record?, template: PathTemplate, context: CommandContext) throws -> PipelineData {
        // `$v | remote lock`: the one positional is the action, the vehicle comes from the pipe.
        let call = signature.positionals.dropFirst().first.map { VehicleArgument.shifted(call, to: $0.name, input: input) } ?? call
        let (curl, dryRun) = (call.isSet("curl"), call.isSet("dry-run"))
        // The body first: one that does not pass the API's rules sends nothing, not even a callback's creation.
        let body = try operation.body.map { build in
            try build(
                APIOperation.BodyInput(
                    call: call, piped: piped, version: api.apiVersion, context: context, now: { try serverNow(sends: !call.isSet("curl")) },
                    current: { .null }))
        }
        var ids: [String: String] = [:]
        if let callback = operation.hooks.callback, template.ids.contains(where: { $0.name == ItemResolver.Item.callback.placeholder }) {
            ids["callback"] = try callback(call, api)
        }
        let named = ActedOnCar(api: api)
        let post = Post(
            template: template, method: operation.method, body: body, cars: named.records(), curl: curl, dryRun: dryRun,
            reconcile: operation.hooks.reconcile, attempts: operation.postAttempts, wakesCar: operation.wakesCar)
        guard template.hasVehicle else { return .value(try post.send(try api.requests(), ids)) }
        guard !operation.fansOut || !input.isList else {
            return try VehicleArgument.each(call, input: input, api: api) { [ids] requests, vehicle in
                .value(try post.send(requests, ids.merging(["vehicle": vehicle]) { $1 }))
            }
        }
        ids["vehicle"] = try VehicleArgument.id(call, input: input, api: api)
        // One car: said at a terminal before anything is sent.
        if !dryRun, !curl { named.say(operation.hooks.saying?(call) ?? call.name, ids["vehicle"].map { [$0] } ?? [], context: context) }
        let follow = dryRun || curl ? nil : try operation.hooks.follow?(call, api, context, ids)
        var answer: Value
        do {
            answer = try post.send(try api.requests(), ids)
        } catch let error as ClientError where error.status == 404 && !dryRun && !curl {
            guard let replacement = try operation.hooks.callbackGone?(call, api) else { throw error }
            ids["callback"] = replacement
            answer = try post.send(try api.requests(), ids)
        }
        return .value(try follow?.outcome(of: answer, ids: ids) ?? answer)
    }

    /// One POST as the workers of a fan-out send it: values only.
    private struct Post: Sendable {
        let template: PathTemplate
        let method: String
        let body: JSON?
        /// The cached cars, by id, for `--dry-run`'s answer.
        let cars: [String: Value]
        let curl: Bool
        let dryRun: Bool
        let reconcile: (@Sendable (_ requests: Requests, _ path: String, _ body: Value) -> (() throws -> Value?)?)?
        let attempts: Int
        /// Whether an accepted request wakes the car (counted for `quota`).
        let wakesCar: Bool

        func send(_ requests: Requests, _ ids: [String: String]) throws -> Value {
            let path = template.filled(ids)
            if dryRun { return OperationCommand.dryRun(ids["vehicle"].map { cars[$0] ?? ["id": .string($0)] }, method, path, body) }
            let request = APIRequest(method, path, body: body?.bytes)
            let answer: Value
            if !curl, let lookup = reconcile?(requests, path, body.map(Value.init) ?? .null) {
                answer = try PostOnce(requests: requests, request: request, lookup: lookup, maxAttempts: attempts).run()
            } else {
                answer = try requests.send(request, curl: curl)
            }
            if wakesCar, !curl { requests.session.budget.noteWakeUp() }
            return answer
        }
    }

    /// The server's now; when it has not said its time yet in this session (its first request is this one), it is
    /// asked (`GET /user`), so that what carries a time — a remote action's label — is in the server's, not this
    /// machine's. Under `--curl`, which sends nothing, the machine's.
    private func serverNow(sends: Bool) throws -> Date {
        if sends, !api.serverClock.hasObserved { _ = try api.get("/user") }
        return api.serverClock.now
    }

    /// What `--dry-run` answers: the car, the request and its checked body, nothing sent.
    fileprivate static func dryRun(_ vehicle: Value?, _ method: String, _ path: String, _ body: JSON?) -> Value {
        var fields: [Record.Field] = vehicle.map { [.init(name: "vehicle", value: $0)] } ?? []
        fields += [.init(name: "method", value: .string(method)), .init(name: "path", value: .string(path))]
        return .record(Record(fields + [.init(name: "body", value: body.map(Value.init) ?? .null)]))
    }

    /// One item a write goes to: its path's ids, and its label when a piped record gave it (for the question).
    private struct Target {
        var ids: [String: String]
        var label: String?
    }

    /// The items of a write: records from the pipe (`monitors 0 | monitors pause`), or ids written after the
    /// vehicle — which may come from the pipe (`$v | monitors pause MID`: every positional is then an item).
    private func writeTargets(_ call: Call, _ input: PipelineData, _ template: PathTemplate) throws -> [Target] {
        guard let item = operation.arguments.last else { return [] }
        let input = try Self.readWhole(input)
        if let linked = Self.linked(input, call, template, item) {
            let rows = (try? input.collect()).map { $0.listItems ?? [$0] } ?? []
            return zip(linked, rows).map { ids, row in Target(ids: ids, label: Self.label(of: row)) }
        }
        var written = call.rest + (call.arguments[item.placeholder].map { [$0] } ?? [])
        var vehicleCall = call
        if template.hasVehicle, case .value(.record) = input, let first = call.arguments["vehicle"] {
            written.insert(first, at: 0)
            vehicleCall.arguments["vehicle"] = nil
        }
        if written.isEmpty, case .value(let value) = input, value != .null {
            let other = value.listItems.map { $0.first { $0.recordValue.map { !item.view.matches($0) } ?? true } } ?? value
            throw call.error(
                "'\(call.name)' takes \(item.kind.name) records from the pipe, got \(other?.kindPhrase ?? value.kindPhrase)",
                hint: "pipe the output of `\(item.listing)`, or write `\(call.name) \(template.hasVehicle ? "VEHICLE " : "")ID…`", code: .typeMismatch
            )
        }
        guard !written.isEmpty else {
            throw call.error(
                "'\(call.name)' needs \(item.kind.name) ids",
                hint: "write `\(call.name) \(template.hasVehicle ? "VEHICLE " : "")ID…` (TAB lists them), or pipe `\(item.listing)`",
                code: .badArgument)
        }
        let vehicle = template.hasVehicle ? try VehicleArgument.id(vehicleCall, input: input.isList ? .value(.null) : input, api: api) : nil
        var listed: [Value]?  // the items, listed once for all the references that need them
        let resolver = ItemResolver(api: api, item: item, call: call) { [self] in
            let rows = try listed ?? listing(of: item, in: template, ids: vehicle.map { ["vehicle": $0] } ?? [:], call: vehicleCall, input: input)
            listed = rows
            return rows
        }
        return try written.map { bound in
            var ids = vehicle.map { ["vehicle": $0] } ?? [:]
            ids[item.placeholder] = try resolver.id(for: bound.value, at: bound.range)
            return Target(ids: ids)
        }
    }

    /// On API 4.17, the callback each item lives under: `--callback-id`, its record's link, or the one that has it
    /// (asked in turn; `CBID` under `--curl`, which sends nothing to find it).
    private func located(_ targets: [Target], _ template: PathTemplate, _ call: Call) throws -> [Target] {
        guard let type = operation.hooks.callbacksServing, let below = template.belowCallback, let item = below.item else { return targets }
        let scan = CallbackScan(requests: try api.requests(), type: type)
        var listed: [String]?  // the callbacks serving the type, listed once for all the items that need them
        return try targets.map { target in
            var target = target
            if target.ids["callback"] == nil { target.ids["callback"] = call.string("callback-id") }
            guard target.ids["callback"] == nil, !call.isSet("curl"), let vehicle = target.ids["vehicle"], let id = target.ids[item] else {
                return target
            }
            let candidates = try listed ?? scan.callbacks(named: nil)
            listed = candidates
            target.ids["callback"] = try scan.find(vehicle: vehicle, resource: below.resource, id: id, callback: nil, among: candidates).callback
            return target
        }
    }

    /// Asks at a terminal; with nobody to ask (a script), the write is refused and nothing is sent.
    private func confirmed(_ confirmation: APIOperation.Confirmation, _ targets: [Target], _ call: Call, _ context: CommandContext) throws
        -> Bool
    {
        let noun = operation.arguments.last?.kind.name ?? "item"
        let names = targets.map { target in
            let id = target.ids[operation.arguments.last?.placeholder ?? ""] ?? ""
            return target.label.map { "'\($0)' (\(id))" } ?? id
        }
        let also = confirmation.alsoTaking.map { " and \($0) \(targets.count == 1 ? "it" : "them")" } ?? ""
        let question = "\(confirmation.verb) \(targets.count == 1 ? noun : "\(targets.count) \(noun)s") \(names.joined(separator: ", "))\(also)?"
        guard let ask = context.interpreter.ask else {
            throw call.error(
                "'\(call.name)' needs --yes here: there is nobody to ask",
                hint:
                    "add --yes to \(confirmation.verb) without asking\(confirmation.consequence.map { " (\($0))" } ?? ""); nothing was \(confirmation.verb)d",
                code: .badArgument)
        }
        return ["y", "yes"].contains(ask("\(question) [y/N] ", false)?.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// A piped item's label, for the question: its own, or its monitor body's.
    private static func label(of row: Value) -> String? {
        row.recordValue.flatMap { $0.string("label") ?? $0.string("monitor.label") }
    }
}
