import APIContract

/// Routes one request to the IDP (`/am/oauth2/…`), the world's control (`/_control/…`) or the API
/// (`/connectedcar/v4/…`), with the fault injector in front of the API: a pure request → response function, which
/// the HTTPS server and in-process tests share.
package struct SandboxRouter: Sendable {
    let api: ConnectedCarAPI
    let oauth: OAuthServer
    let control: ControlAPI
    let faults: FaultInjector

    /// How long the fault injector delays every request (`--latency-ms`).
    var latencyMs: Int { faults.settings.latencyMs }

    /// The answer to `request`; `cut` says to cut the connection mid-response (`--drop-rate`).
    package func answer(_ request: SandboxRequest) -> (response: SandboxResponse, cut: Bool) {
        let segments = request.segments
        do {
            if segments.starts(with: ["am", "oauth2"]) {
                switch segments.dropFirst(2).joined(separator: "/") {
                case "authorize": return (try oauth.authorize(request), false)
                case "access_token": return (try oauth.token(request), false)
                case "token/revoke": return (try oauth.revoke(request), false)
                default: throw SandboxError.oauth(404, "not_found", "No OAuth endpoint at \(request.path)")
                }
            }
            if segments.first == ControlAPI.basePath { return (try control.handle(request), false) }
            guard segments.starts(with: ConnectedCarAPI.basePath) else {
                throw SandboxError.gateway(
                    404, "Not Found", "No resource matches \(request.method) \(request.path); the API is under /connectedcar/v4")
            }
            let (fate, rateHeaders) = faults.admit(method: request.method)
            var response: SandboxResponse
            switch fate {
            case .rateLimited:
                response = SandboxError.gateway(429, "Too Many Requests", "Rate Limit exceeded").response
            case .fail:
                response = SandboxError.internalError("the vehicle data service did not answer").response
                if faults.settings.failStatus != 500 {
                    response = SandboxError.gateway(faults.settings.failStatus, "Service Unavailable", "The backend did not answer in time").response
                }
            case .serve, .drop:
                do { response = try api.handle(request, origin: "https://\(request.headers["host"] ?? "127.0.0.1")") } catch {
                    response = error.response
                }
            }
            if let garble = faults.settings.garble, (200..<300).contains(response.status) { response = garble.apply(to: response) }
            response.headers += rateHeaders
            return (response, fate == .drop)
        } catch let error as SandboxError {
            return (error.response, false)
        } catch {
            return (SandboxError.internalError("\(error)").response, false)
        }
    }
}
