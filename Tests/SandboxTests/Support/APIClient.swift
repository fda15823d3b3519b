import APIContract
import Client
import Foundation
import Sandbox
import TestSupport

/// A test's way into the sandbox: real libcurl, real mutual TLS and real OAuth against a sandbox process, or the
/// same requests answered in-process (``InProcessSandbox``). One per test (not thread-safe).
final class APIClient {
    let endpoints: SandboxEndpoints
    /// Sends one request: over the network, or to the in-process router.
    let perform: (HTTPRequestData) throws -> HTTPResponseData

    init(_ sandbox: SandboxProcess, tls: TLSOptions? = nil) throws {
        endpoints = sandbox.endpoints
        let transport = try CurlTransport(tls: tls ?? sandbox.tls)
        perform = { request in try transport.perform(request) }
    }

    init(_ sandbox: InProcessSandbox) {
        endpoints = sandbox.endpoints
        perform = { request in sandbox.perform(request) }
    }

    /// A decoded response.
    struct Reply {
        var status: Int
        var json: JSON
        var raw: HTTPResponseData
        func header(_ name: String) -> String? { raw.header(name) }
    }

    /// Sends a form to an IDP endpoint with HTTP Basic client authentication (unless `basic` is nil).
    func form(
        _ url: String, _ fields: [(String, String)], basic: (String, String)? = nil, authenticate: Bool = true
    ) throws -> Reply {
        let credentials = basic ?? (endpoints.clientID, endpoints.clientSecret)
        var headers = [(name: "Content-Type", value: "application/x-www-form-urlencoded")]
        if authenticate {
            let raw = Data("\(credentials.0):\(credentials.1)".utf8).base64EncodedString()
            headers.append((name: "Authorization", value: "Basic \(raw)"))
        }
        let body = fields.map { "\(FormEncoding.encode($0.0))=\(FormEncoding.encode($0.1))" }.joined(separator: "&")
        return try reply(perform(HTTPRequestData(method: "POST", url: url, headers: headers, body: Array(body.utf8))))
    }

    /// A password-grant token in `realm` (default: the sandbox's).
    func passwordToken(realm: String? = nil) throws -> (access: String, refresh: String) {
        let reply = try form(
            endpoints.tokenURL,
            [
                ("grant_type", "password"), ("username", endpoints.username), ("password", endpoints.password),
                ("realm", realm ?? endpoints.realm), ("scope", "openid profile"),
            ])
        guard reply.status == 200, let access = reply.json["access_token"]?.string, let refresh = reply.json["refresh_token"]?.string else {
            throw TestFailure("password grant failed: \(reply.status) \(reply.raw.text)")
        }
        return (access, refresh)
    }

    /// An API request. `path` is below the base URL unless it is a full URL; `clientID`, `token` and `realm`
    /// default to valid values and can be set to nil to leave them out.
    func api(
        _ path: String, method: String = "GET", query: [(String, String)] = [], token: String?? = .none,
        realm: String?? = .none, clientID: String?? = .none, body: String? = nil, headers: [(String, String)] = []
    ) throws -> Reply {
        var url = path.hasPrefix("https://") ? path : endpoints.baseURL + path
        var items = query
        let id = clientID ?? endpoints.clientID
        if let id, !url.contains("client_id=") { items.insert(("client_id", id), at: 0) }
        if !items.isEmpty {
            url += (url.contains("?") ? "&" : "?") + items.map { "\(FormEncoding.encode($0.0))=\(FormEncoding.encode($0.1))" }.joined(separator: "&")
        }
        var requestHeaders = headers.map { (name: $0.0, value: $0.1) }
        let bearer = try token ?? cachedToken()
        if let bearer { requestHeaders.append((name: "Authorization", value: "Bearer \(bearer)")) }
        if let realm = realm ?? endpoints.realm { requestHeaders.append((name: "x-introspect-realm", value: realm)) }
        if body != nil, !requestHeaders.contains(where: { $0.name.lowercased() == "content-type" }) {
            requestHeaders.append((name: "Content-Type", value: "application/json"))
        }
        return try reply(perform(HTTPRequestData(method: method, url: url, headers: requestHeaders, body: body.map { Array($0.utf8) })))
    }

    private var token: String?
    private func cachedToken() throws -> String {
        if let token { return token }
        let fresh = try passwordToken().access
        token = fresh
        return fresh
    }

    func reply(_ raw: HTTPResponseData) throws -> Reply {
        let json = raw.body.isEmpty ? JSON.null : ((try? JSONParser.parse(raw.body)) ?? .string(raw.text))
        return Reply(status: raw.status, json: json, raw: raw)
    }

    /// Follows `_links.next` from `path` and returns every embedded item under `key`.
    func walk(_ path: String, key: String, query: [(String, String)] = []) throws -> (items: [JSON], pages: Int) {
        var reply = try api(path, query: query)
        var items: [JSON] = []
        var pages = 0
        while true {
            pages += 1
            guard reply.status == 200 else { throw TestFailure("page \(pages): \(reply.status) \(reply.raw.text)") }
            items += reply.json["_embedded"]?[key]?.array ?? []
            guard let next = reply.json["_links"]?["next"]?["href"]?.string, pages < 1000 else { break }
            reply = try api(next)
        }
        return (items, pages)
    }
}

/// A test helper that could not do its job (a failed login, a broken page), with the server's answer.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension APIClient {
    /// Moves the sandbox world's clock forward by `seconds` (`POST /_control/clock`).
    @discardableResult
    func advanceClock(_ seconds: Int) throws -> Reply {
        try reply(
            perform(
                HTTPRequestData(
                    method: "POST", url: endpoints.serverURL + "/_control/clock", headers: [(name: "Content-Type", value: "application/json")],
                    body: Array(#"{"advance": \#(seconds)}"#.utf8))))
    }
}

extension APIClient {
    /// A GET (or, with a body, a POST) on one of the sandbox's `/_control` endpoints.
    func control(_ path: String, body: String? = nil) throws -> Reply {
        try reply(
            perform(
                HTTPRequestData(
                    method: body == nil ? "GET" : "POST", url: endpoints.serverURL + path,
                    headers: body == nil ? [] : [(name: "Content-Type", value: "application/json")], body: body.map { Array($0.utf8) })))
    }

    /// Changes a car of the world (`POST /_control/vehicles/{n}`), failing the test's helper when refused.
    @discardableResult
    func world(_ vehicle: Int, _ body: String) throws -> JSON {
        let reply = try control("/_control/vehicles/\(vehicle)", body: body)
        guard reply.status == 200 else { throw TestFailure("control of vehicle \(vehicle): \(reply.status) \(reply.raw.text)") }
        return reply.json
    }

    /// Advances the clock by `seconds` in slices of `slice`, then waits until the monitors have been evaluated up to
    /// the clock and nothing waits to be delivered (at most ten real seconds).
    func advanceAndSettle(_ seconds: Int, slice: Int = 3600) throws {
        var left = seconds
        while left > 0 {
            try advanceClock(min(slice, left))
            left -= min(slice, left)
        }
        try settle()
    }

    /// Waits until the monitors have been evaluated up to the clock and no delivery waits (at most ten real seconds).
    func settle() throws {
        for _ in 0..<200 {
            let clock = try control("/_control/clock").json["seconds"]?.number ?? 0
            let deliveries = try control("/_control/deliveries").json
            if (deliveries["monitorsEvaluatedSeconds"]?.number ?? 0) + 10 > clock, deliveries["pending"]?.number == 0 { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TestFailure("the sandbox did not settle: \(try control("/_control/deliveries").raw.text.suffix(400))")
    }
}
