import Foundation
import Shell

/// One monitor a command acts on (`pause`, `resume`, `delete`): its vehicle's id and its own id.
struct MonitorTarget {
    var vehicle: String
    var monitor: String
    /// The monitor's label when known (from a piped record), for confirmations.
    var label: String?

    /// Adds the arguments every monitor action takes: a vehicle and monitor ids.
    static func arguments(on signature: Signature) -> Signature {
        signature
            .input("monitor records (from `monitors`, `monitors show` or `monitors create`), or a vehicle record")
            .optional("vehicle", .custom("vehicle"), "An id, VIN, unique prefix, label, or position in the last listing.")
            .rest("monitors", .string, "Monitor ids.")
    }

    /// The targets of a call: `REF MID…`, `$vehicle | … MID…`, or monitor records from the pipe.
    static func all(_ call: Call, input: PipelineData, api: APIContext) throws -> [MonitorTarget] {
        let ids = call.rest.map(\.value.text)
        if call.arguments["vehicle"] == nil, input.isList || isMonitor(try? input.collect()) {
            return try input.rows().collect().map { try target(from: $0, call: call, api: api) }
        }
        if case .value(.record) = input, let first = call.arguments["vehicle"] {
            // `$v | monitors pause MID`: every positional is a monitor id, the vehicle is the piped one.
            var fromPipe = call
            fromPipe.arguments["vehicle"] = nil
            let vehicle = try VehicleArgument.id(fromPipe, input: input, api: api)
            return ([first.value.text] + ids).map { MonitorTarget(vehicle: vehicle, monitor: $0) }
        }
        guard !ids.isEmpty else {
            throw call.error(
                "'\(call.name)' needs monitor ids", hint: "write `\(call.name) VEHICLE MID…`, or pipe monitors: `monitors 0 | \(call.name)`",
                code: .badArgument)
        }
        let vehicle = try VehicleArgument.id(call, input: .value(.null), api: api)
        return ids.map { MonitorTarget(vehicle: vehicle, monitor: $0) }
    }

    /// Whether a value is a monitor record (`Monitor` or `MonitorRef`) rather than a vehicle.
    private static func isMonitor(_ value: Value?) -> Bool {
        guard case .record(let record)? = value else { return false }
        return record["monitor"] != nil || record["monitorId"] != nil || record["mid"] != nil
    }

    /// A piped monitor record's target: its id (`id`, `mid` or `monitorId`) and its vehicle, read from its links
    /// (`…/vehicles/{id}/monitors/{mid}`) or, failing that, from its `vin` column.
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
            if rest.count >= 3, rest[1] == "monitors" {
                return MonitorTarget(vehicle: rest[0].removingPercentEncoding ?? String(rest[0]), monitor: id, label: label)
            }
        }
        if let vin = record["vin"] {
            return MonitorTarget(vehicle: try VehicleResolver(api: api).id(for: vin, at: call.range), monitor: id, label: label)
        }
        throw call.error("monitor \(id) does not say which vehicle it belongs to", hint: "write `\(call.name) VEHICLE \(id)`", code: .badArgument)
    }
}
