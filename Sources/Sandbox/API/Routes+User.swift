/// `/user`, `/user/vehicles` and `/user/vehicles/{id}`.
extension ConnectedCarAPI {
    static let userRoutes: [Route] = [
        Route("GET", "user") { c throws(SandboxError) in
            let firstPage = (0..<min(60, c.fleet.vehicleCount)).map(c.fleet.vehicle)
            return .json(200, c.documents.user(embedding: firstPage))
        },
        Route("GET", "user/vehicles", query: Route.paging) { c throws(SandboxError) in
            let query = try c.collection()
            return try c.page(query, .all(c.fleet.vehicleCount), "vehicles") { c.documents.vehicle(c.fleet.vehicle($0)) }
        },
        Route("GET", "user/vehicles/{id}") { c throws(SandboxError) in
            .json(200, c.documents.vehicle(try c.vehicle()))
        },
    ]
}
