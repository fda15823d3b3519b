import Client
import Foundation
import Shell

/// What every API command shares: the session (tokens, connection pool), the session settings (`set locale …`)
/// and the vehicle cache that reference resolution and completion read.
///
/// Not `Sendable`: one shell uses it from one thread; fan-out gives each worker its own `Session.makeWorker()`.
package final class APIContext {
    package let session: Session
    package let vehicles: VehicleCache
    /// Default `locale` for commands that take one; the profile's by default.
    package var locale: String?
    /// `pageSize` sent with collection requests (the API's default, 60, when nil).
    package var pageSize: Int?
    /// How many vehicles a fan-out (`vehicles | status`) queries at once.
    package var concurrency = 8

    package init(session: Session, cacheDirectory: URL) {
        self.session = session
        vehicles = VehicleCache(file: cacheDirectory.appendingPathComponent("\(session.profile.name)-vehicles.json"))
        locale = session.profile.locale
    }

    /// The API path of one vehicle, or of one of its resources.
    package func vehiclePath(_ id: String, _ resource: String? = nil) -> String { Self.vehiclePath(id, resource) }

    /// The API path of one vehicle, or of one of its resources (for closures that run on fan-out threads).
    package static func vehiclePath(_ id: String, _ resource: String? = nil) -> String {
        "/user/vehicles/\(URLEncoding.encode(id))" + (resource.map { "/" + $0 } ?? "")
    }

    /// A GET decoded into a value.
    /// - Parameter worker: the session to use; a fan-out passes each thread's own.
    /// - Parameter curl: return the equivalent curl command (`--curl`) instead of sending.
    package func get(
        _ path: String, query: [(name: String, value: String?)] = [], accept: String? = nil, on worker: Session? = nil, curl: Bool = false
    ) throws -> Value {
        var request = APIRequest.get(path, query: query)
        if let accept { request.accept = accept }
        return try send(request, on: worker, curl: curl)
    }

    /// Sends any request and decodes its body (an empty body is null); or, with `curl`, returns the curl command.
    package func send(_ request: APIRequest, on worker: Session? = nil, curl: Bool = false) throws -> Value {
        let session = worker ?? session
        if curl { return .string(session.curlCommand(for: request)) }
        let body = try relative { () throws(ClientError) in try session.send(request).body }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .null }
        return try decode(body, request)
    }

    /// Runs a request; its errors name the request by its path under the API base (`GET /user/vehicles/…`, as
    /// users write paths), not by the full URL path.
    func relative<T>(_ body: () throws(ClientError) -> T) throws(ClientError) -> T {
        do {
            return try body()
        } catch {
            var error = error
            let base = URL(string: session.profile.apiBase)?.path ?? ""
            let parts = error.request.split(separator: " ", maxSplits: 1)
            if parts.count == 2, !base.isEmpty, parts[1].hasPrefix(base) { error.request = parts[0] + " " + parts[1].dropFirst(base.count) }
            throw error
        }
    }

    /// A paged collection as a lazy list: each page is fetched when a consumer reads past the previous one.
    package func collection(
        _ path: String, query: [(name: String, value: String?)] = [], on worker: Session? = nil, curl: Bool = false,
        onRow: ((Value) -> Void)? = nil
    ) -> ValueStream {
        var query = query
        if let pageSize, !query.contains(where: { $0.name == "pageSize" }) { query.append(("pageSize", String(pageSize))) }
        let request = APIRequest.get(path, query: query)
        if curl { return ValueStream([.string((worker ?? session).curlCommand(for: request))]) }
        let cursor = CollectionCursor(session: worker ?? session, request: request)
        return ValueStream { [self] in
            guard let bytes = try relative({ () throws(ClientError) in try cursor.next() }) else { return nil }
            let row = try decode(bytes, request)
            onRow?(row)
            return row
        }
    }

    /// JSON from the API as a value; anything else is a decoding error naming the request.
    func decode(_ bytes: [UInt8], _ request: APIRequest) throws -> Value {
        do {
            return try JSONReader.value(from: bytes)
        } catch {
            throw ClientError(
                code: .decoding, request: "\(request.method) \(request.path)", message: "the response is not valid JSON (\(error.description))")
        }
    }
}
