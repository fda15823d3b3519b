import APIContract
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Hummingbird's entry point: turns a request into a ``SandboxRequest``, routes it to the IDP or the API, applies
/// the fault injector to API calls, and logs one line per request when asked.
struct SandboxResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let api: ConnectedCarAPI
    let oauth: OAuthServer
    let control: ControlAPI
    let faults: FaultInjector
    let log: RequestLog?

    /// Request bodies above this size get a 413 (a monitor is a few kB).
    static let maxBody = 1 << 20

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = Clock.monotonic
        var request = request
        let method = request.method.rawValue
        let target = request.uri.string
        var response: SandboxResponse
        var cut = false
        do {
            let body = try await request.collectBody(upTo: Self.maxBody)
            var headers: [String: String] = [:]
            for field in request.headers {
                headers[field.name.canonicalName] = headers[field.name.canonicalName].map { "\($0), \(field.value)" } ?? field.value
            }
            // HTTPTypes moves HTTP/1's Host header into the :authority pseudo-header.
            if let authority = request.head.authority { headers["host"] = authority }
            let sandboxRequest = SandboxRequest(method: method, target: target, headers: headers, body: Array(buffer: body))
            if faults.settings.latencyMs > 0 { try await Task.sleep(for: .milliseconds(faults.settings.latencyMs)) }
            (response, cut) = answer(sandboxRequest)
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            // collectBody throws NIOTooManyBytesError (which Hummingbird gives that status): answered in the API's
            // error shape, and logged like any request.
            response = SandboxError.gateway(413, "Payload Too Large", "The request body is larger than \(Self.maxBody) bytes").response
        }
        log?.record(method: method, target: target, status: response.status, seconds: Clock.monotonic - started, dropped: cut)
        return Self.hummingbirdResponse(response, cut: cut)
    }

    /// Routes one request; the second value says whether to cut the connection mid-response.
    private func answer(_ request: SandboxRequest) -> (SandboxResponse, Bool) {
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

    /// Converts to Hummingbird; a cut response sends its headers and half its body, then fails the connection.
    private static func hummingbirdResponse(_ response: SandboxResponse, cut: Bool) -> Response {
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        let status = HTTPResponse.Status(code: response.status)
        let bytes = response.body
        guard cut else { return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes))) }
        fields[.contentLength] = String(max(bytes.count, 2))
        return Response(
            status: status, headers: fields,
            body: ResponseBody(contentLength: max(bytes.count, 2)) { writer in
                try await writer.write(ByteBuffer(bytes: bytes.prefix(bytes.count / 2)))
                throw ConnectionCut()
            })
    }

    /// Thrown from a body writer to make Hummingbird close the connection mid-response (`--drop-rate`).
    struct ConnectionCut: Error {}
}

/// One line per request on stderr: method, path (never the query, which may carry codes), status, duration.
/// Tokens and secrets travel in headers and bodies, which are never logged.
final class RequestLog: Sendable {
    func record(method: String, target: String, status: Int, seconds: Double, dropped: Bool) {
        let path = target.prefix { $0 != "?" }
        let ms = (seconds * 10000).rounded() / 10
        let line = "\(Timestamp.format(Int(Clock.now))) \(method) \(path) \(status) \(ms)ms\(dropped ? " (connection cut)" : "")\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
