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

    /// The usage ledger of a profile (`quota`), beside the vehicle cache: `STATE/usage/PROFILE.log`.
    package func usageLedger(profile: String) -> UsageLedger {
        UsageLedger(profile: profile, stateDirectory: cacheDirectory.deletingLastPathComponent())
    }

    /// Adds what the open session spent since the last time to its profile's usage ledger. A ledger that cannot be
    /// written costs the command nothing: `quota` then shows less than was spent, and the gateway's own figures.
    package func recordUsage() {
        guard let session = current, let entry = session.budget.takeUnrecorded() else { return }
        try? usageLedger(profile: session.profile.name).append(entry)
    }

    /// Switches to another session (`profile use`): its vehicle cache and its locale come with it.
    package func use(_ session: Session) {
        recordUsage()
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

    /// What fan-out workers need of this context's settings, copied now.
    var settings: RequestSettings { RequestSettings(pageSize: pageSize, verbose: verbose, vehicleNames: vehicleNames) }

    /// Requests on the shell's session (opened now if it was not), telling ``onPaging`` how collections advance.
    func requests() throws -> Requests { Requests(session: try session, settings: settings, onPaging: onPaging) }

    /// A GET on the shell's session, decoded into a value (``Requests/get(_:query:accept:curl:)``).
    package func get(_ path: String, query: [(name: String, value: String?)] = [], accept: String? = nil, curl: Bool = false) throws -> Value {
        try requests().get(path, query: query, accept: accept, curl: curl)
    }

    /// Any request on the shell's session (``Requests/send(_:curl:inWords:)``).
    package func send(_ request: APIRequest, curl: Bool = false, inWords: Bool = true) throws -> Value {
        try requests().send(request, curl: curl, inWords: inWords)
    }

    /// A paged collection on the shell's session, as a lazy list (``Requests/collection(_:query:curl:inWords:)``).
    package func collection(
        _ path: String, query: [(name: String, value: String?)] = [], curl: Bool = false, inWords: Bool = true
    ) throws -> ValueStream {
        try requests().collection(path, query: query, curl: curl, inWords: inWords)
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
