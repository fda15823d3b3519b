import APIContract

/// The sandbox's own endpoints under `/_control` (same TLS as the API, no token): the world's clock, and what was
/// delivered to callbacks.
///
/// - `GET /_control/clock`: `{"time": RFC 3339, "seconds": …, "scale": …}`.
/// - `POST /_control/clock` with `{"advance": 3600}` (seconds) or `{"advance": "PT1H"}`, and/or `{"scale": 60}`:
///   moves the world forward at once, or changes how fast it runs; answers as GET does.
/// - `GET /_control/deliveries`: every post to a callback (time, subject, target, notification ids, status or
///   error), how many wait and how many were dropped after 72 hours.
package struct ControlAPI: Sendable {
    let clock: SimulationClock
    let world: WorldFile
    let deliveries: Deliveries

    package static let basePath = "_control"

    package func handle(_ request: SandboxRequest) throws(SandboxError) -> SandboxResponse {
        let path = request.segments.dropFirst().joined(separator: "/")
        switch (request.method, path) {
        case ("GET", "clock"): return .json(200, clockDocument(), type: "application/json")
        case ("GET", "deliveries"): return .json(200, deliveries.document(), type: "application/json")
        case ("POST", "clock"):
            let body: JSON
            do throws(JSONParseError) { body = try JSONParser.parse(request.body) } catch {
                throw .badBody("$", "\(error.message) (line \(error.line), column \(error.column))")
            }
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
            do { try world.save(clock) } catch { throw .internalError("could not save the world: \(error)") }
            return .json(200, clockDocument(), type: "application/json")
        default:
            throw .gateway(
                404, "Not Found", "No control endpoint \(request.method) \(request.path); there are /_control/clock and /_control/deliveries")
        }
    }

    private func clockDocument() -> JSON {
        let now = clock.now
        return .obj(["time": .string(Timestamp.format(Int(now))), "seconds": .double(now), "scale": .double(clock.scale)])
    }
}
