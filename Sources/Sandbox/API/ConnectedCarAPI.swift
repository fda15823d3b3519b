import Foundation

/// The `/connectedcar/v4` API behind its gateway: checks `client_id`, the bearer token and `x-introspect-realm`
/// (docs/api.md §16.1), then dispatches to one of the operations of the v4.0 spec or of 4.17's (callbacks, monitors
/// under callbacks, remote actions, alarms); both are served at once, their paths differ.
package final class ConnectedCarAPI: Sendable {
    package let fleet: Fleet
    let oauth: OAuthServer
    let monitors: MonitorStore
    let callbacks: CallbackStore
    let clock: SimulationClock
    package let world: World
    /// `--remote-fail CAUSE`: every remote action fails with this cause.
    let remoteFailure: String?
    let routes: [Route]

    package static let basePath = ["connectedcar", "v4"]

    package init(
        fleet: Fleet, oauth: OAuthServer, monitors: MonitorStore, callbacks: CallbackStore, world: World, remoteFailure: String? = nil
    ) {
        self.fleet = fleet
        self.oauth = oauth
        self.monitors = monitors
        self.callbacks = callbacks
        self.world = world
        clock = world.clock
        self.remoteFailure = remoteFailure
        routes =
            Self.userRoutes + Self.vehicleRoutes + Self.tripRoutes + Self.monitorRoutes + Self.callbackRoutes + Self.callbackMonitorRoutes
            + Self.remoteRoutes + Self.alarmRoutes
    }

    /// Answers one request whose path starts with `/connectedcar/v4`; `origin` is `https://host:port`.
    package func handle(_ request: SandboxRequest, origin: String) throws(SandboxError) -> SandboxResponse {
        let rest = request.segments.dropFirst(Self.basePath.count)
        let candidates = routes.compactMap { route in route.match(rest).map { (route, $0) } }
        guard !candidates.isEmpty else {
            throw .gateway(404, "Not Found", "No resource matches \(request.method) \(request.path)")
        }
        guard let (route, parameters) = candidates.first(where: { $0.0.method == request.method }) else {
            var error = SandboxError.gateway(405, "Method Not Allowed", "\(request.method) is not allowed on \(request.path)")
            error.response.headers.append(("Allow", candidates.map(\.0.method).joined(separator: ", ")))
            throw error
        }
        let grant = try gateway(request)
        if let unknown = request.query.first(where: { !route.query.contains($0.name) }) {
            let accepted = route.query.subtracting(Route.commonQuery).sorted()
            throw .badParameter(
                unknown.name,
                "unknown query parameter for \(request.method) /\(route.template.joined(separator: "/")); "
                    + (accepted.isEmpty ? "it takes none besides client_id and locale" : "accepted: \(accepted.joined(separator: ", "))"),
                code: 40000)
        }
        let context = RouteContext(
            request: request, parameters: parameters, api: self,
            documents: Documents(fleet: fleet, baseURL: origin + "/" + Self.basePath.joined(separator: "/")),
            user: grant.user)
        return try route.handler(context)
    }

    /// Who the gateway let through.
    struct Grant {
        var user: String
        var realm: String
    }

    /// The gateway's checks, in its order: application, then token, then realm.
    private func gateway(_ request: SandboxRequest) throws(SandboxError) -> Grant {
        let securityChecks =
            "Cannot pass the security checks that are required by the target API or operation, Enable debug headers for more details."
        guard let clientID = request.queryValue("client_id"), !clientID.isEmpty else {
            throw .gateway(401, "Unauthorized", securityChecks)
        }
        guard clientID == oauth.clientID else { throw .gateway(401, "Unauthorized", "Not registered to plan") }
        guard let authorization = request.headers["authorization"], authorization.lowercased().hasPrefix("bearer "),
            let grant = oauth.introspect(String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        else { throw .gateway(401, "Unauthorized", "Token is invalid") }
        guard let realm = request.headers["x-introspect-realm"], !realm.isEmpty else {
            throw .gateway(401, "Unauthorized", securityChecks)
        }
        guard realm == grant.realm else { throw .gateway(401, "Unauthorized", "Token is invalid") }
        return Grant(user: oauth.account.email, realm: realm)
    }
}
