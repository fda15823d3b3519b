import APIContract

/// 4.17 monitors, bound to a callback: `/user/vehicles/{id}/callbacks/{cbid}/monitors[/{mid}[/status]]`
/// (docs/api.md §10.2), checked with APIContract's 4.17 rules.
extension ConnectedCarAPI {
    static let callbackMonitorRoutes: [Route] = [
        Route("GET", "user/vehicles/{id}/callbacks/{cbid}/monitors", query: Route.paging) { c throws(SandboxError) in
            let (vehicle, callback) = (try c.vehicle(), try c.callback())
            let query = try c.collection()
            let records = c.api.monitors.list(user: c.user, vehicle: vehicle.id, callback: callback.id)
            return try c.page(query, .all(records.count), "monitors") { monitor417(c, vehicle, callback, records[$0]) }
        },
        Route("POST", "user/vehicles/{id}/callbacks/{cbid}/monitors") { c throws(SandboxError) in
            let (vehicle, callback) = (try c.vehicle(), try c.callback(serving: "Monitor"))
            let parameter = try checked(c.request) { (body) throws(MonitorProblem) in try MonitorValidator.validate(body: body, version: .v417) }
            let record = try store { () throws in
                try c.api.monitors.create(user: c.user, vehicle: vehicle.id, parameter: parameter, callback: callback.id, at: c.api.clock.seconds)
            }
            return .json(202, monitorRef417(c, vehicle, callback, record))
        },
        Route("GET", "user/vehicles/{id}/callbacks/{cbid}/monitors/{mid}") { c throws(SandboxError) in
            let (vehicle, callback) = (try c.vehicle(), try c.callback())
            return .json(200, monitor417(c, vehicle, callback, try existing417(c, vehicle, callback)))
        },
        Route("PUT", "user/vehicles/{id}/callbacks/{cbid}/monitors/{mid}") { c throws(SandboxError) in
            try update417(c) { (request) throws(SandboxError) in
                let parameter = try checked(request) { (body) throws(MonitorProblem) in try MonitorValidator.validate(body: body, version: .v417) }
                return { $0.parameter = parameter }
            }
        },
        Route("PUT", "user/vehicles/{id}/callbacks/{cbid}/monitors/{mid}/status") { c throws(SandboxError) in
            try update417(c) { (request) throws(SandboxError) in
                let status = try statusSetter(request)
                return { $0.status = status }
            }
        },
        Route("DELETE", "user/vehicles/{id}/callbacks/{cbid}/monitors/{mid}") { c throws(SandboxError) in
            let (vehicle, callback) = (try c.vehicle(), try c.callback())
            let record = try existing417(c, vehicle, callback)
            let removed = try store { () throws in try c.api.monitors.delete(user: c.user, vehicle: vehicle.id, id: record.id, callback: callback.id)
            }
            guard removed else { throw .notFound("We didn't find the monitor \(record.id).") }
            return SandboxResponse(status: 204)
        },
    ]

    /// A PUT on an existing monitor: `change` reads the body and says how the record changes; answers 202 MonitorRef.
    private static func update417(
        _ c: RouteContext, _ change: (SandboxRequest) throws(SandboxError) -> @Sendable (inout MonitorStore.Record) -> Void
    ) throws(SandboxError) -> SandboxResponse {
        let (vehicle, callback) = (try c.vehicle(), try c.callback())
        let record = try existing417(c, vehicle, callback)
        let apply = try change(c.request)
        let updated = try store { () throws in
            try c.api.monitors.update(user: c.user, vehicle: vehicle.id, id: record.id, callback: callback.id, at: c.api.clock.seconds, apply)
        }
        guard let updated else { throw .notFound("We didn't find the monitor \(record.id).") }
        return .json(202, monitorRef417(c, vehicle, callback, updated))
    }

    private static func existing417(_ c: RouteContext, _ vehicle: Fleet.Vehicle, _ callback: CallbackStore.Callback) throws(SandboxError)
        -> MonitorStore.Record
    {
        guard let mid = c.parameters["mid"], let record = c.api.monitors.get(user: c.user, vehicle: vehicle.id, id: mid, callback: callback.id)
        else { throw .notFound("We didn't find the monitor \(c.parameters["mid"] ?? "") for this vehicle and callback.") }
        return record
    }

    static func monitor417Path(_ c: RouteContext, _ vehicle: Fleet.Vehicle, _ callback: CallbackStore.Callback, _ id: String) -> String {
        "\(c.documents.vehiclePath(vehicle))/callbacks/\(callback.id)/monitors/\(id)"
    }

    static func monitor417(_ c: RouteContext, _ vehicle: Fleet.Vehicle, _ callback: CallbackStore.Callback, _ record: MonitorStore.Record) -> JSON {
        .obj([
            "monitorId": .string(record.id), "status": .string(record.status), "monitor": record.parameter,
            "createdAt": .string(Timestamp.format(record.createdAt)), "updatedAt": .string(Timestamp.format(record.updatedAt)),
            "_links": .obj([
                "self": c.documents.link(monitor417Path(c, vehicle, callback, record.id)), "callback": c.documents.link(callbackPath(callback)),
                "vehicle": c.documents.link(c.documents.vehiclePath(vehicle)),
            ]),
        ])
    }

    static func monitorRef417(_ c: RouteContext, _ vehicle: Fleet.Vehicle, _ callback: CallbackStore.Callback, _ record: MonitorStore.Record) -> JSON
    {
        .obj([
            "monitorId": .string(record.id), "status": .string(record.status),
            "createdAt": .string(Timestamp.format(record.createdAt)), "updatedAt": .string(Timestamp.format(record.updatedAt)),
            "_links": .obj(["monitor": c.documents.link(monitor417Path(c, vehicle, callback, record.id))]),
        ])
    }
}
