import APIContract

/// 4.17 alarms: `/user/vehicles/{id}/alarms[/{aid}]`, filtered by `type` (`vehicle.alarm.status`,
/// `vehicle.alarm.trigger`) and `timestamps`.
extension ConnectedCarAPI {
    static let alarmRoutes: [Route] = [
        Route("GET", "user/vehicles/{id}/alarms", query: Route.paging.union(["type", "timestamps"])) { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            let query = try c.collection(filters: ["type", "timestamps"])
            let types = query.values("type").flatMap { $0.split(separator: ",").map(String.init) }
            let known = ["vehicle.alarm.status", "vehicle.alarm.trigger"]
            for type in types where !known.contains(type) { throw .badParameter("type", "'\(type)' is not one of \(known.joined(separator: ", "))") }
            let intervals = try TimestampsFilter.intervals(query.values("timestamps"), now: c.api.clock.seconds)
            let events = c.fleet.alarms(vehicle: vehicle).filter { event in
                let type = event.trigger == nil ? "vehicle.alarm.status" : "vehicle.alarm.trigger"
                return (types.isEmpty || types.contains(type)) && (intervals.isEmpty || intervals.contains { $0.contains(event.at) })
            }
            return try c.page(query, .all(events.count), "alarms") { c.documents.alarm(vehicle, events[$0]) }
        },
        Route("GET", "user/vehicles/{id}/alarms/{aid}") { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            guard let aid = c.parameters["aid"], let (v, n) = c.fleet.alarmIndex(id: aid), v == vehicle.index else {
                throw .notFound("We didn't find the alarm for this vehicle.")
            }
            return .json(200, c.documents.alarm(vehicle, c.fleet.alarms(vehicle: vehicle)[n]))
        },
    ]
}
