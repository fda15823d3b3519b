import APIContract

/// What the writing operations share: a JSON body, a `{"status": "Running" | "Paused"}` setter, and stores whose
/// failures are a 500, never a silent loss.
extension ConnectedCarAPI {
    /// A 415 unless the body is sent as JSON.
    static func requireJSON(_ request: SandboxRequest) throws(SandboxError) {
        let type = request.headers["content-type"]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") || type.hasPrefix("application/hal+json") else {
            throw .badParameter("Content-Type", "the body must be sent as application/json, not \(type.isEmpty ? "nothing" : type)", code: 41500)
        }
    }

    /// Runs a store change; a failure to write the state file is a 500, never a silent loss.
    static func store<T>(_ change: () throws -> T) throws(SandboxError) -> T {
        do { return try change() } catch { throw .internalError("could not save the change: \(error)") }
    }

    /// The status a `…/status` PUT sets: `Running` or `Paused`.
    static func statusSetter(_ request: SandboxRequest) throws(SandboxError) -> String {
        try requireJSON(request)
        let body: JSON
        do throws(JSONParseError) { body = try JSONParser.parse(request.body) } catch {
            throw .badBody("$", "\(error.message) (line \(error.line), column \(error.column))")
        }
        guard body.members != nil else { throw .badBody("$", "expected an object like {\"status\": \"Paused\"}, got \(body.kindName)") }
        guard let status = body["status"]?.string, status == "Running" || status == "Paused" else {
            throw .badBody("$.status", "expected \"Running\" or \"Paused\", got \(body["status"]?.text ?? "nothing")")
        }
        return status
    }

    /// A body checked by one of APIContract's validators; its first problem is a 400 naming the field.
    static func checked<T>(_ request: SandboxRequest, _ validate: ([UInt8]) throws(MonitorProblem) -> T) throws(SandboxError) -> T {
        try requireJSON(request)
        do throws(MonitorProblem) { return try validate(request.body) } catch { throw .badBody(error.path, error.apiText) }
    }
}
