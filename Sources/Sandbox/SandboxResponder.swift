import APIContract
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Hummingbird's entry point: turns a request into a ``SandboxRequest``, has the ``SandboxRouter`` answer it, and
/// logs one line per request when asked.
struct SandboxResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let router: SandboxRouter
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
            if router.latencyMs > 0 { try await Task.sleep(for: .milliseconds(router.latencyMs)) }
            (response, cut) = router.answer(sandboxRequest)
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            // collectBody throws NIOTooManyBytesError (which Hummingbird gives that status): answered in the API's
            // error shape, and logged like any request.
            response = SandboxError.gateway(413, "Payload Too Large", "The request body is larger than \(Self.maxBody) bytes").response
        }
        log?.record(method: method, target: target, status: response.status, seconds: Clock.monotonic - started, dropped: cut)
        return Self.hummingbirdResponse(response, cut: cut)
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
