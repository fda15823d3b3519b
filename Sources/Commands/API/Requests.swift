import APIContract
import Client
import Foundation
import Shell

/// What requests need from the shell's settings, copied when a command starts: fan-out workers read this on their
/// own threads, never the one-thread ``APIContext``.
struct RequestSettings: Sendable {
    /// `pageSize` sent with collection requests (the API's default, 60, when nil).
    var pageSize: Int?
    /// `--verbose`: errors name a request by its path rather than in words.
    var verbose: Bool
    /// The vehicles' names, for errors in words (``ResourceWords``).
    let vehicleNames: VehicleNames
}

/// Sends API requests on one session and decodes their answers: the shell's session on its thread, or a fan-out
/// worker's on the worker's thread (``FanOut``). Errors name what was asked in words.
struct Requests {
    let session: Session
    let settings: RequestSettings
    /// Told after each page of a collection, and when it ends (the shell's thread only: workers have none).
    var onPaging: ((PagingProgress) -> Void)?

    /// A GET decoded into a value.
    /// - Parameter curl: return the equivalent curl command (`--curl`) instead of sending.
    func get(_ path: String, query: [(name: String, value: String?)] = [], accept: String? = nil, curl: Bool = false) throws -> Value {
        var request = APIRequest.get(path, query: query)
        if let accept { request.accept = accept }
        return try send(request, curl: curl)
    }

    /// Sends any request and decodes its body (an empty body is null); or, with `curl`, returns the curl command.
    /// `inWords` false: its errors name it by its path (``relative(inWords:_:)``).
    func send(_ request: APIRequest, curl: Bool = false, inWords: Bool = true) throws -> Value {
        if curl { return .string(session.curlCommand(for: request)) }
        let session = session
        let body = try relative(inWords: inWords) { () throws(ClientError) in try session.send(request).body }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            // A DELETE or a status change may answer with nothing; a GET never does.
            guard request.method != "GET" else {
                throw named(
                    ClientError(
                        code: .decoding, request: "\(request.method) \(request.path)", message: "the response is empty",
                        hint: "the API answers every GET with JSON: something between may have dropped it; try again, or see it with --verbose"),
                    inWords: inWords)
            }
            return .null
        }
        return try decode(body, request, inWords: inWords)
    }

    /// A paged collection as a lazy list: each page is fetched when a consumer reads past the previous one.
    func collection(_ path: String, query: [(name: String, value: String?)] = [], curl: Bool = false, inWords: Bool = true) throws -> ValueStream {
        var query = query
        if let pageSize = settings.pageSize, !query.contains(where: { $0.name == "pageSize" }) {
            query.append(("pageSize", String(pageSize)))
        }
        let request = APIRequest.get(path, query: query)
        if curl { return ValueStream([.string(session.curlCommand(for: request))]) }
        let cursor = CollectionCursor(session: session, request: request)
        if let onPaging {
            let started = Date()
            cursor.onPage = { pages, totalPages in
                onPaging(PagingProgress(path: path, pages: pages, totalPages: totalPages, seconds: Date().timeIntervalSince(started)))
            }
        }
        return ValueStream { [self] in
            guard let bytes = try relative(inWords: inWords, { () throws(ClientError) in try cursor.next() }) else {
                onPaging?(PagingProgress(path: path, pages: cursor.pagesFetched, totalPages: cursor.totalPage, seconds: 0, isFinished: true))
                return nil
            }
            return try decode(bytes, request, inWords: inWords)
        }
    }

    /// Runs a request; its errors name what was asked in words (`alert f46b25…fba5 of C5 Aircross Hybrid 225`,
    /// ``ResourceWords``) with a hint that fits, or — `inWords` false (`api`), `--verbose`, or a path ccsh does not
    /// know — by its path under the API base (`GET /user/…`, as users write paths), never the full URL.
    func relative<T>(inWords: Bool = true, _ body: () throws(ClientError) -> T) throws(ClientError) -> T {
        do {
            return try body()
        } catch {
            throw named(error, inWords: inWords)
        }
    }

    /// `error` with its request named as ``relative(inWords:_:)`` says.
    private func named(_ error: ClientError, inWords: Bool) -> ClientError {
        var error = error
        let base = URL(string: session.profile.apiBase)?.path ?? ""
        let parts = error.request.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return error }
        let method = String(parts[0])
        let path = !base.isEmpty && parts[1].hasPrefix(base) ? String(parts[1].dropFirst(base.count)) : String(parts[1])
        let resource = ResourceWords(path: path, vehicles: settings.vehicleNames)
        if inWords, !settings.verbose, let resource {
            error.request = (method == "GET" ? "" : method + " ") + resource.words
        } else {
            error.request = method + " " + path
        }
        if error.status == 404, let hint = resource?.notFoundHint { error.hint = hint }
        if error.status == 404, resource == nil, error.hint == APIErrorBody.unknownIDHint {
            error.hint = "check the path: the API has no such endpoint (`help api`)"
        }
        return error
    }

    /// JSON from the API as a value; anything else is a decoding error naming the request.
    private func decode(_ bytes: [UInt8], _ request: APIRequest, inWords: Bool) throws -> Value {
        do {
            return try JSONReader.value(from: bytes)
        } catch {
            throw named(
                ClientError(
                    code: .decoding, request: "\(request.method) \(request.path)", message: "the response is not valid JSON (\(error.description))",
                    hint: "the server sent something other than the API's JSON: try again, or see the exchange with --verbose"),
                inWords: inWords)
        }
    }
}
