import APIContract

/// The sandbox's own endpoints under `/_control` (same TLS as the API, no token): the world's clock, its cars, and
/// what was delivered to callbacks.
///
/// - `GET /_control/clock`: `{"time": RFC 3339, "seconds": …, "scale": …}`.
/// - `POST /_control/clock` with `{"advance": 3600}` (seconds) or `{"advance": "PT1H"}`, and/or `{"scale": 60}`:
///   moves the world forward at once, or changes how fast it runs; answers as GET does.
/// - `GET /_control/vehicles/{n}` and `POST /_control/vehicles/{n}` (n: the vehicle's number or id): see
///   ``vehicle(_:_:)``.
/// - `GET /_control/deliveries`: every post to a callback (time, subject, target, notification ids, status or
///   error), how many wait and how many were dropped, and how far monitors have been evaluated.
/// - `GET /_control/vehicles/{n}/truth`: what really happened to the car (charges, drives, parked periods): see
///   ``truth(_:)``.
/// - `GET /_control/quota`: the day quota, `{"limit", "used", "remaining"}` over the 24 hours before the world's
///   now (what a recorder spent).
package struct ControlAPI: Sendable {
    let world: World
    let engine: MonitorEngine
    let keeper: WorldKeeper
    let deliveries: Deliveries
    let faults: FaultInjector

    var clock: SimulationClock { world.clock }

    package static let basePath = "_control"

    package init(world: World, engine: MonitorEngine, keeper: WorldKeeper, deliveries: Deliveries, faults: FaultInjector) {
        self.world = world
        self.engine = engine
        self.keeper = keeper
        self.deliveries = deliveries
        self.faults = faults
    }

    package func handle(_ request: SandboxRequest) throws(SandboxError) -> SandboxResponse {
        let path = Array(request.segments.dropFirst())
        switch (request.method, path.first ?? "", path.count) {
        case ("GET", "clock", 1): return .json(200, clockDocument(), type: "application/json")
        case ("GET", "deliveries", 1):
            let evaluated = engine.snapshot.evaluatedUntil
            let document = deliveries.document()
                .setting("monitorsEvaluatedUntil", .string(Timestamp.format(Int(evaluated)))).setting("monitorsEvaluatedSeconds", .double(evaluated))
            return .json(200, document, type: "application/json")
        case ("GET", "quota", 1):
            let (limit, used) = faults.quota
            return .json(200, .obj(["limit": .int(limit), "used": .int(used), "remaining": .int(max(0, limit - used))]), type: "application/json")
        case ("POST", "clock", 1): return try advance(try body(request))
        case ("GET", "vehicles", 2), ("POST", "vehicles", 2):
            return try vehicle(path[1], request.method == "POST" ? try body(request) : nil)
        case ("GET", "vehicles", 3) where path[2] == "truth": return try truth(path[1])
        default:
            throw .gateway(
                404, "Not Found",
                "No control endpoint \(request.method) \(request.path); there are /_control/clock, /_control/vehicles/{n}, /_control/vehicles/{n}/truth, /_control/deliveries and /_control/quota"
            )
        }
    }

    func body(_ request: SandboxRequest) throws(SandboxError) -> JSON {
        do throws(JSONParseError) { return try JSONParser.parse(request.body) } catch {
            throw .badBody("$", "\(error.message) (line \(error.line), column \(error.column))")
        }
    }

    func save() throws(SandboxError) {
        do { try keeper.save() } catch { throw .internalError("could not save the world: \(error)") }
    }

    private func advance(_ body: JSON) throws(SandboxError) -> SandboxResponse {
        guard let members = body.members, !members.isEmpty else { throw .badBody("$", "expected {\"advance\": seconds} or {\"scale\": N}") }
        if let unknown = members.first(where: { !["advance", "scale"].contains($0.0) }) {
            throw .badBody("$.\(unknown.0)", "unknown field; the clock takes advance and scale")
        }
        if let advance = body["advance"] {
            guard let seconds = advance.number ?? advance.string.flatMap(Timestamp.duration).map(Double.init), seconds >= 0,
                seconds <= 400 * 86400
            else {
                throw .badBody("$.advance", "expected seconds (0 to 400 days) or an ISO 8601 duration like PT1H")
            }
            clock.advance(by: seconds)
        }
        if let scale = body["scale"] {
            guard let factor = scale.number, factor >= 0, factor <= 100_000 else {
                throw .badBody("$.scale", "expected a number from 0 to 100000")
            }
            clock.setScale(factor)
        }
        try save()
        return .json(200, clockDocument(), type: "application/json")
    }

    private func clockDocument() -> JSON {
        let now = clock.now
        return .obj(["time": .string(Timestamp.format(Int(now))), "seconds": .double(now), "scale": .double(clock.scale)])
    }
}
