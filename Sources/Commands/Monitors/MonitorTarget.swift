import Client
import Foundation
import Shell

/// One monitor a command acts on (`pause`, `resume`, `delete`): its vehicle's id, its own id and, in 4.17, the
/// callback it lives under.
struct MonitorTarget {
    var vehicle: String
    var monitor: String
    /// The monitor's label when known (from a piped record), for confirmations.
    var label: String?
    /// 4.17: the callback (`…/callbacks/{cbid}/monitors/{mid}`); nil for a v4.0 monitor, or when not yet known.
    var callback: String?

    /// The monitor's path: under its vehicle (v4.0) or under its callback (4.17).
    var path: String {
        APIContext.vehiclePath(vehicle, (callback.map { "callbacks/\(URLEncoding.encode($0))/" } ?? "") + "monitors/\(URLEncoding.encode(monitor))")
    }

    /// On 4.17, the callback each target lives under: `--callback-id`, the piped record's, or the one that has it
    /// (`CBID` under `--curl`, which sends nothing to find it).
    static func located(_ targets: [MonitorTarget], _ call: Call, api: APIContext) throws -> [MonitorTarget] {
        guard api.apiVersion == .v417 else { return targets }
        let scan = CallbackScan(requests: try api.requests(), type: "Monitor")
        var listed: [String]?  // the account's callbacks, listed once for all the targets that need them
        return try targets.map { target in
            var target = target
            if target.callback == nil { target.callback = call.string("callback-id") }
            if target.callback == nil, call.isSet("curl") { target.callback = "CBID" }
            if target.callback == nil {
                let candidates = try listed ?? scan.callbacks(named: nil)
                listed = candidates
                target.callback = try scan.find(vehicle: target.vehicle, resource: "monitors", id: target.monitor, callback: nil, among: candidates)
                    .callback
            }
            return target
        }
    }

    /// Adds the arguments every monitor action takes: a vehicle and monitor ids.
    static func arguments(on signature: Signature) -> Signature {
        signature
            .input("monitor records (from `monitors`, `monitors show` or `monitors create`), or a vehicle record")
            .optional("vehicle", .vehicle)
            .rest("monitors", .monitor)
            .flag("callback-id", .kind(.callback), "4.17: the callback the monitors live under (default: found by asking each).")
    }

    /// The targets of a call: `REF MID…`, `$vehicle | … MID…`, or monitor records from the pipe. A monitor is
    /// written as its id, its short form or prefix, or its number in the last monitors table (``ItemResolver``).
    static func all(_ call: Call, input: PipelineData, api: APIContext) throws -> [MonitorTarget] {
        if call.arguments["vehicle"] == nil, input.isList || isMonitor(try? input.collect()) {
            return try input.rows().collect().map { try target(from: $0, call: call, api: api) }
        }
        if case .value(.record) = input, let first = call.arguments["vehicle"] {
            // `$v | monitors pause MID`: every positional is a monitor id, the vehicle is the piped one.
            var fromPipe = call
            fromPipe.arguments["vehicle"] = nil
            let vehicle = try VehicleArgument.id(fromPipe, input: input, api: api)
            return try ([first] + call.rest).map { MonitorTarget(vehicle: vehicle, monitor: try id($0, vehicle: vehicle, call: call, api: api)) }
        }
        guard !call.rest.isEmpty else {
            throw call.error(
                "'\(call.name)' needs monitor ids", hint: "write `\(call.name) VEHICLE MID…`, or pipe monitors: `monitors 0 | \(call.name)`",
                code: .badArgument)
        }
        let vehicle = try VehicleArgument.id(call, input: .value(.null), api: api)
        return try call.rest.map { MonitorTarget(vehicle: vehicle, monitor: try id($0, vehicle: vehicle, call: call, api: api)) }
    }

    /// The id of the monitor `reference` names among `vehicle`'s (under `--callback-id` on 4.17, when given).
    static func id(_ reference: Call.Bound, vehicle: String, call: Call, api: APIContext) throws -> String {
        let resolver = ItemResolver(api: api, item: .monitor, call: call) {
            guard api.apiVersion == .v417 else { return try api.collection(api.vehiclePath(vehicle, "monitors")).collect() }
            return try CallbackScan(requests: try api.requests(), type: "Monitor").collection(
                vehicle: vehicle, resource: "monitors", callback: call.string("callback-id")
            )
            .collect()
        }
        return try resolver.id(for: reference.value, at: reference.range)
    }

    /// Whether a value is a monitor record (`Monitor` or `MonitorRef`) rather than a vehicle.
    static func isMonitor(_ value: Value?) -> Bool {
        guard case .record(let record)? = value else { return false }
        return record["monitor"] != nil || record["monitorId"] != nil || record["mid"] != nil
    }

    /// A piped monitor record's target: its id (`id`, `mid` or `monitorId`) and its vehicle, read from its links
    /// (`…/vehicles/{id}/monitors/{mid}`, 4.17 `…/vehicles/{id}/callbacks/{cbid}/monitors/{mid}`) or, failing that,
    /// from its `vin` column.
    private static func target(from row: Value, call: Call, api: APIContext) throws -> MonitorTarget {
        guard case .record(let record) = row, let id = (record["id"] ?? record["mid"] ?? record["monitorId"])?.text, isMonitor(row) else {
            throw call.error(
                "'\(call.name)' takes monitor records from the pipe, got \(row.kindPhrase)",
                hint: "pipe the output of `monitors`, or write `\(call.name) VEHICLE MID…`", code: .typeMismatch)
        }
        let label = record["monitor"]?.recordValue?["label"]?.text
        let links = record["_links"]?.recordValue
        for link in ["self", "monitor"] {
            guard let href = links?[link]?.recordValue?["href"]?.text, let range = href.range(of: "/vehicles/") else { continue }
            let rest = href[range.upperBound...].split(separator: "/")
            let vehicle = rest.first.map { $0.removingPercentEncoding ?? String($0) } ?? ""
            if rest.count >= 3, rest[1] == "monitors" { return MonitorTarget(vehicle: vehicle, monitor: id, label: label) }
            if rest.count >= 5, rest[1] == "callbacks", rest[3] == "monitors" {
                return MonitorTarget(vehicle: vehicle, monitor: id, label: label, callback: rest[2].removingPercentEncoding ?? String(rest[2]))
            }
        }
        if let vin = record["vin"] {
            return MonitorTarget(vehicle: try VehicleResolver(api: api).id(for: vin, at: call.range), monitor: id, label: label)
        }
        throw call.error("monitor \(id) does not say which vehicle it belongs to", hint: "write `\(call.name) VEHICLE \(id)`", code: .badArgument)
    }
}
