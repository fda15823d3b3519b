import APIContract

/// What a handler answers: status, extra headers and a body (JSON or empty).
package struct SandboxResponse: Sendable {
    package var status: Int
    package var headers: [(String, String)]
    package var body: [UInt8]

    package init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON body with its media type (`application/hal+json` for API resources).
    package static func json(_ status: Int, _ document: JSON, type: String = "application/hal+json") -> SandboxResponse {
        SandboxResponse(status: status, headers: [("Content-Type", type)], body: document.bytes)
    }
}

/// A failure a handler reports to the client, already in the body shape the real service uses for it.
package struct SandboxError: Error, Sendable {
    package var response: SandboxResponse

    /// Data not found (production shape, docs/api.md §5.2.3): `{"code": 40400, "message": "Not Found: …"}`.
    package static func notFound(_ what: String) -> SandboxError {
        SandboxError(response: .json(404, .obj(["code": 40400, "message": .string("Not Found: \(what)")]), type: "application/json"))
    }

    /// A bad query or path parameter, as the spec's xError `{code, debug, message}`; `debug` names the parameter.
    package static func badParameter(_ name: String, _ problem: String, code: Int = 40001) -> SandboxError {
        SandboxError(
            response: .json(
                400,
                .obj([
                    "code": .int(code), "debug": .string("parameter: \(name)"),
                    "message": .string("Bad Request: invalid parameter '\(name)': \(problem)"),
                ]), type: "application/json"))
    }

    /// A bad request body; `path` is the JSON path of the offending field (`$.triggerParam.bool.exp`).
    package static func badBody(_ path: String, _ problem: String) -> SandboxError {
        SandboxError(
            response: .json(
                400,
                .obj([
                    "code": 40002, "debug": .string("body: \(path)"),
                    "message": .string("Bad Request: \(path): \(problem)"),
                ]), type: "application/json"))
    }

    /// The API gateway's own errors (IBM API Connect shape), e.g. 401 "Token is invalid".
    package static func gateway(_ status: Int, _ message: String, _ moreInformation: String) -> SandboxError {
        SandboxError(
            response: .json(
                status,
                .obj([
                    "httpCode": .string(String(status)), "httpMessage": .string(message),
                    "moreInformation": .string(moreInformation),
                ]), type: "application/json"))
    }

    /// An OAuth 2 error from the IDP (`{"error": "invalid_grant", "error_description": …}`).
    package static func oauth(_ status: Int, _ error: String, _ description: String) -> SandboxError {
        var response = SandboxResponse.json(
            status, .obj(["error": .string(error), "error_description": .string(description)]), type: "application/json")
        if status == 401 { response.headers.append(("WWW-Authenticate", "Basic realm=\"oauth2\"")) }
        return SandboxError(response: response)
    }

    /// An internal error in production's shape (`code 50000`).
    package static func internalError(_ message: String) -> SandboxError {
        SandboxError(
            response: .json(500, .obj(["code": 50000, "message": .string("Internal Server Error: \(message)")]), type: "application/json"))
    }
}
