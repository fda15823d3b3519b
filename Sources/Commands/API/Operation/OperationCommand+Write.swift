import APIContract
import Client
import Foundation
import Shell

extension OperationCommand {
    /// A write (`PUT`, `DELETE`) to each item the call names — ids written after the vehicle, or item records
    /// from the pipe — located first (4.17: under which callback), confirmed when the operation asks, said with
    /// its car at a terminal, then sent one after the other. Nothing is sent for an item that cannot be found.
    func write(_ call: Call, input: PipelineData, template: PathTemplate, context: CommandContext) throws -> PipelineData {
        let curl = call.isSet("curl")
        let targets = try located(try writeTargets(call, input, template), template, call)
        if let confirmation = operation.hooks.confirm, !call.isSet("yes"), !curl, !targets.isEmpty {
            guard try confirmed(confirmation, targets, call, context) else {
                context.interpreter.writeError("nothing \(confirmation.verb)d\n")
                return .value(.list([]))
            }
        }
        if !curl { ActedOnCar(api: api).say(call.name, targets.compactMap { $0.ids["vehicle"] }, context: context) }
        let body = try operation.body?(call).bytes
        let requests = try api.requests()
        let rows = try targets.map { target in
            let reply = try requests.send(APIRequest(operation.method, template.filled(target.ids), body: body), curl: curl)
            return curl ? reply : operation.hooks.answer?(reply, target.ids) ?? reply
        }
        if operation.answers == .recordWhenOne, rows.count == 1, let row = rows.first, !input.isList { return .value(row) }
        return .value(.list(rows))
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
        var written = call.rest
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
