import Client
import Foundation
import Shell

/// One monitor `monitors update` acts on: its vehicle's id, its own id and, in 4.17, the callback it lives under.
struct MonitorTarget {
    var vehicle: String
    var monitor: String
    /// 4.17: the callback (`…/callbacks/{cbid}/monitors/{mid}`); nil for a v4.0 monitor.
    var callback: String?

    /// The monitor's path: under its vehicle (v4.0) or under its callback (4.17).
    var path: String {
        APIContext.vehiclePath(vehicle, (callback.map { "callbacks/\(URLEncoding.encode($0))/" } ?? "") + "monitors/\(URLEncoding.encode(monitor))")
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
}
