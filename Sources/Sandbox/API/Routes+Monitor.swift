import APIContract

/// v4.0 monitors: `/user/vehicles/{id}/monitors[/{mid}[/status]]` (docs/api.md §10.1).
extension ConnectedCarAPI {
    static let monitorRoutes: [Route] = [
        Route("GET", "user/vehicles/{id}/monitors", query: Route.paging) { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            let query = try c.collection()
            let records = c.api.monitors.list(user: c.user, vehicle: vehicle.id)
            return try c.page(query, .all(records.count), "monitors") { monitorDocument(c, vehicle, records[$0]) }
        },
        Route("POST", "user/vehicles/{id}/monitors") { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            try requireJSON(c.request)
            let parameter = try validated(c.request.body)
            let record = try store { () throws in
                try c.api.monitors.create(user: c.user, vehicle: vehicle.id, parameter: parameter, at: c.api.clock.seconds)
            }
            var response = SandboxResponse.json(201, monitorRef(c, vehicle, record))
            response.headers.append(("Location", "\(c.documents.baseURL)\(c.documents.vehiclePath(vehicle))/monitors/\(record.id)"))
            return response
        },
        Route("GET", "user/vehicles/{id}/monitors/{mid}") { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            return .json(200, monitorDocument(c, vehicle, try existing(c, vehicle)))
        },
        Route("PUT", "user/vehicles/{id}/monitors/{mid}") { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            let record = try existing(c, vehicle)
            try requireJSON(c.request)
            let parameter = try validated(c.request.body)
            let updated = try store { () throws in
                try c.api.monitors.update(user: c.user, vehicle: vehicle.id, id: record.id, at: c.api.clock.seconds) { $0.parameter = parameter }
            }
            guard let updated else { throw .notFound("We didn't find the monitor \(record.id).") }
            return .json(201, monitorRef(c, vehicle, updated))
        },
        Route("PUT", "user/vehicles/{id}/monitors/{mid}/status") { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            let record = try existing(c, vehicle)
            let status = try statusSetter(c.request)
            let updated = try store { () throws in
                try c.api.monitors.update(user: c.user, vehicle: vehicle.id, id: record.id, at: c.api.clock.seconds) { $0.status = status }
            }
            guard let updated else { throw .notFound("We didn't find the monitor \(record.id).") }
            return .json(200, monitorRef(c, vehicle, updated))
        },
        Route("DELETE", "user/vehicles/{id}/monitors/{mid}") { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            let record = try existing(c, vehicle)
            let removed = try store { () throws in try c.api.monitors.delete(user: c.user, vehicle: vehicle.id, id: record.id) }
            guard removed else { throw .notFound("We didn't find the monitor \(record.id).") }
            return SandboxResponse(status: 200)
        },
    ]

    private static func existing(_ c: RouteContext, _ vehicle: Fleet.Vehicle) throws(SandboxError) -> MonitorStore.Record {
        guard let mid = c.parameters["mid"], let record = c.api.monitors.get(user: c.user, vehicle: vehicle.id, id: mid) else {
            throw .notFound("We didn't find the monitor \(c.parameters["mid"] ?? "") for this vehicle.")
        }
        return record
    }

    /// The body as a monitor, or a 400 with its first problem (docs/api.md §10.1).
    private static func validated(_ body: [UInt8]) throws(SandboxError) -> JSON {
        do throws(MonitorProblem) { return try MonitorValidator.validate(body: body) } catch { throw .badBody(error.path, error.apiText) }
    }

    static func monitorDocument(_ c: RouteContext, _ vehicle: Fleet.Vehicle, _ record: MonitorStore.Record) -> JSON {
        let path = "\(c.documents.vehiclePath(vehicle))/monitors/\(record.id)"
        return .obj([
            "id": .string(record.id), "status": .string(record.status), "monitor": record.parameter,
            "createdAt": .string(Timestamp.format(record.createdAt)), "updatedAt": .string(Timestamp.format(record.updatedAt)),
            "_links": .obj(["self": c.documents.link(path), "vehicle": c.documents.link(c.documents.vehiclePath(vehicle))]),
        ])
    }

    static func monitorRef(_ c: RouteContext, _ vehicle: Fleet.Vehicle, _ record: MonitorStore.Record) -> JSON {
        let path = "\(c.documents.vehiclePath(vehicle))/monitors/\(record.id)"
        return .obj([
            "monitorId": .string(record.id), "status": .string(record.status),
            "_links": .obj([
                "monitor": c.documents.link(path), "vehicle": c.documents.link(c.documents.vehiclePath(vehicle)),
                "delete": c.documents.link(path),
            ]),
        ])
    }
}
