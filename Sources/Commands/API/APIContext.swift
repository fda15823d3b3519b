import APIContract
import Client
import Foundation
import Listener
import Shell

/// What every API command shares: the session (tokens, connection pool), the session settings (`set locale …`)
/// and the vehicle cache that reference resolution and completion read.
///
/// Not `Sendable`: one shell uses it from one thread; fan-out gives each worker its own `Session.makeWorker()`.
package final class APIContext {
    /// The session in use; opened on first use (so that a broken profile only fails the commands that need it).
    private var current: Session?
    private var opener: (() throws -> Session)?
    /// The profile named at launch (`--profile`), until its session opens.
    private(set) var pendingProfile: String?
    /// Passwords typed in this session (`login --user` at a prompt): lines holding them stay out of the history.
    private(set) var typedSecrets: Set<String> = []
    let cacheDirectory: URL
    /// Id, VIN, label and brand of the profile's vehicles, for references and completion.
    package private(set) var vehicles: VehicleCache
    /// The profiles of config.toml (and `sandbox` under `ccsh --sandbox`), for `profile` and `login`; nil when the
    /// context was made from one session (tests, benchmarks).
    package var profiles: ProfileBook?
    /// Default `locale` for commands that take one; the profile's by default.
    package var locale: String?
    /// `--api-version` or `set api-version`: the version spoken instead of the profile's, until another profile is
    /// used.
    package var apiVersionOverride: APIVersion?
    /// `pageSize` sent with collection requests (the API's default, 60, when nil).
    package var pageSize: Int?
    /// How many vehicles a fan-out (`vehicles | status`) queries at once.
    package var concurrency = 8
    /// Receives every API exchange of this context's sessions, secrets masked (`ccsh --verbose`); nil leaves each
    /// session's own.
    package var trace: ((TraceEvent) -> Void)? {
        didSet { if let trace { current?.trace = trace } }
    }
    /// Told after each page of a collection read on this thread (not in fan-outs), and when it ends.
    package var onPaging: ((PagingProgress) -> Void)?
    /// `listen --background` listeners running in this shell, by port; `listen` reads from them, `remote` watches
    /// them for its action's events.
    package var listeners: [UInt16: WebhookListener] = [:]
    /// Told each time a remote action that a command waits for changes status, and when the wait ends.
    package var onRemoteProgress: ((RemoteProgress) -> Void)?
    /// What the tables showed, shared with the shell's presentation: item references typed back read it, and
    /// vehicle tables number their rows from the cache.
    package let shown = ShownTables()
    /// The server's clock, from its `Date` headers, shared with every session this context opens and with the
    /// shell's presentation: ages and `--since` count from it.
    package let serverClock = ServerClock()
    /// The vehicles' names, for errors made on any thread (``ResourceWords``).
    let vehicleNames = VehicleNames()
    /// `--verbose`: errors name a request by its path, as the trace does, rather than in words.
    package var verbose = false

    /// A context on an open session.
    package init(session: Session, cacheDirectory: URL) {
        self.cacheDirectory = cacheDirectory
        current = session
        session.serverClock = serverClock
        vehicles = VehicleCache(
            file: cacheDirectory.appendingPathComponent("\(session.profile.name)-vehicles.json"), shown: shown, names: vehicleNames)
        locale = session.profile.locale
    }

    /// A context whose session `open` makes when a command first needs it: its error (no config, no such profile, an
    /// unset secret) is that command's error, and ccsh still starts. `profile` names it for the vehicle cache.
    package init(profile: String?, cacheDirectory: URL, open: @escaping () throws -> Session) {
        self.cacheDirectory = cacheDirectory
        opener = open
        pendingProfile = profile
        // Preloaded only when the profile is named: otherwise it is known once the config is read, when the session
        // opens, and its cache replaces this one.
        vehicles = VehicleCache(
            file: cacheDirectory.appendingPathComponent("\(profile ?? "default")-vehicles.json"), preloading: profile != nil, shown: shown,
            names: vehicleNames)
    }

    /// Remembers a password the user typed, for ``isRevealed(in:)``.
    package func rememberTyped(secret: String) {
        typedSecrets.insert(secret)
    }

    /// The session in use if it is open (nothing is opened).
    var openSession: Session? { current }

    /// The session in use, opened now if it was not yet.
    package var session: Session {
        get throws {
            if let current { return current }
            guard let opener else {
                throw ClientError(
                    code: .configuration, request: "profile", message: "no profile is in use",
                    hint: "add one with `profile add NAME --brand … --client-id … --cert … --key …`, or start ccsh with --sandbox")
            }
            let session = try opener()
            use(session)
            return session
        }
    }

    /// Switches to another session (`profile use`): its vehicle cache and its locale come with it.
    package func use(_ session: Session) {
        if let previous = current {
            // Another profile speaks its own version; `set retries` and `set timeout` outlive the change.
            apiVersionOverride = nil
            session.retryPolicy = previous.retryPolicy
            session.transport.timeoutMilliseconds = previous.transport.timeoutMilliseconds
        }
        if let trace { session.trace = trace }
        session.serverClock = serverClock
        current = session
        opener = nil
        pendingProfile = nil
        let cache = cacheDirectory.appendingPathComponent("\(session.profile.name)-vehicles.json")
        if vehicles.file != cache { vehicles = VehicleCache(file: cache, preloading: false, shown: shown, names: vehicleNames) }
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
    /// `inWords` false: its errors name it by its path (``relative(inWords:on:_:)``).
    package func send(_ request: APIRequest, on worker: Session? = nil, curl: Bool = false, inWords: Bool = true) throws -> Value {
        let session = try worker ?? session
        if curl { return .string(session.curlCommand(for: request)) }
        let body = try relative(inWords: inWords, on: session) { () throws(ClientError) in try session.send(request).body }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            // A DELETE or a status change may answer with nothing; a GET never does.
            guard request.method != "GET" else {
                throw named(
                    ClientError(
                        code: .decoding, request: "\(request.method) \(request.path)", message: "the response is empty",
                        hint: "the API answers every GET with JSON: something between may have dropped it; try again, or see it with --verbose"),
                    inWords: inWords, on: session)
            }
            return .null
        }
        return try decode(body, request, inWords: inWords, on: session)
    }

    /// Runs a request; its errors name what was asked in words (`alert f46b25…fba5 of C5 Aircross Hybrid 225`,
    /// ``ResourceWords``) with a hint that fits, or — `inWords` false (`api`), `--verbose`, or a path ccsh does not
    /// know — by its path under the API base (`GET /user/…`, as users write paths), never the full URL.
    /// `session` is the one that sent the request (a fan-out worker's, on its thread): its profile gives the base.
    func relative<T>(inWords: Bool = true, on session: Session, _ body: () throws(ClientError) -> T) throws(ClientError) -> T {
        do {
            return try body()
        } catch {
            throw named(error, inWords: inWords, on: session)
        }
    }

    /// `error` with its request named as ``relative(inWords:on:_:)`` says.
    private func named(_ error: ClientError, inWords: Bool, on session: Session) -> ClientError {
        var error = error
        let base = URL(string: session.profile.apiBase)?.path ?? ""
        let parts = error.request.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return error }
        let method = String(parts[0])
        let path = !base.isEmpty && parts[1].hasPrefix(base) ? String(parts[1].dropFirst(base.count)) : String(parts[1])
        let resource = ResourceWords(path: path, vehicles: vehicleNames)
        if inWords, !verbose, let resource {
            error.request = (method == "GET" ? "" : method + " ") + resource.words
            if error.status == 404, let hint = resource.notFoundHint { error.hint = hint }
        } else {
            error.request = method + " " + path
        }
        if error.status == 404, resource == nil, error.hint == APIErrorBody.unknownIDHint {
            error.hint = "check the path: the API has no such endpoint (`help api`)"
        }
        return error
    }
    /// A paged collection as a lazy list: each page is fetched when a consumer reads past the previous one.
    package func collection(
        _ path: String, query: [(name: String, value: String?)] = [], on worker: Session? = nil, curl: Bool = false,
        inWords: Bool = true, onRow: ((Value) -> Void)? = nil
    ) throws -> ValueStream {
        var query = query
        if let pageSize, !query.contains(where: { $0.name == "pageSize" }) { query.append(("pageSize", String(pageSize))) }
        let request = APIRequest.get(path, query: query)
        let session = try worker ?? session
        if curl { return ValueStream([.string(session.curlCommand(for: request))]) }
        let cursor = CollectionCursor(session: session, request: request)
        if worker == nil, let onPaging {
            let started = Date()
            cursor.onPage = { pages, totalPages in
                onPaging(PagingProgress(path: path, pages: pages, totalPages: totalPages, seconds: Date().timeIntervalSince(started)))
            }
        }
        return ValueStream { [self] in
            guard let bytes = try relative(inWords: inWords, on: session, { () throws(ClientError) in try cursor.next() }) else {
                if worker == nil {
                    onPaging?(PagingProgress(path: path, pages: cursor.pagesFetched, totalPages: cursor.totalPage, seconds: 0, isFinished: true))
                }
                return nil
            }
            let row = try decode(bytes, request, inWords: inWords, on: session)
            onRow?(row)
            return row
        }
    }

    /// JSON from the API as a value; anything else is a decoding error naming the request.
    func decode(_ bytes: [UInt8], _ request: APIRequest, inWords: Bool = true, on session: Session) throws -> Value {
        do {
            return try JSONReader.value(from: bytes)
        } catch {
            throw named(
                ClientError(
                    code: .decoding, request: "\(request.method) \(request.path)", message: "the response is not valid JSON (\(error.description))",
                    hint: "the server sent something other than the API's JSON: try again, or see the exchange with --verbose"),
                inWords: inWords, on: session)
        }
    }
}

/// How far a collection read has got, for a progress line (`alerts 0 | count` over many slow pages).
package struct PagingProgress: Sendable {
    /// The collection's path under the API base.
    package var path: String
    package var pages: Int
    package var totalPages: Int?
    /// Since the first request.
    package var seconds: Double
    /// The last page was read (or the consumer stopped).
    package var isFinished = false
}
