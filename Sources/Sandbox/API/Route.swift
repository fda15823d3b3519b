import APIContract

/// One operation of the API: method, path template (`user/vehicles/{id}/alerts/{aid}`), the query parameters it
/// accepts, and its handler.
struct Route: Sendable {
    let method: String
    let template: [String]
    let query: Set<String>
    let handler: @Sendable (RouteContext) throws(SandboxError) -> SandboxResponse

    /// Query parameters every operation accepts: the gateway's `client_id`, and `locale`, which mobile-app clients
    /// append to every call.
    static let commonQuery: Set<String> = ["client_id", "locale"]
    /// Paging parameters of every collection.
    static let paging: Set<String> = ["indexRange", "pageSize", "pageToken"]

    init(
        _ method: String, _ template: String, query: Set<String> = [],
        _ handler: @escaping @Sendable (RouteContext) throws(SandboxError) -> SandboxResponse
    ) {
        self.method = method
        self.template = template.split(separator: "/").map(String.init)
        self.query = query.union(Self.commonQuery)
        self.handler = handler
    }

    /// The path parameters when `segments` fit the template.
    func match(_ segments: ArraySlice<String>) -> [String: String]? {
        guard segments.count == template.count else { return nil }
        var parameters: [String: String] = [:]
        for (part, segment) in zip(template, segments) {
            if part.hasPrefix("{") {
                parameters[String(part.dropFirst().dropLast())] = segment
            } else if part != segment {
                return nil
            }
        }
        return parameters
    }
}

/// What a handler works with: the request, its path parameters, the fleet and the caller's identity.
struct RouteContext {
    let request: SandboxRequest
    let parameters: [String: String]
    let api: ConnectedCarAPI
    let documents: Documents
    /// The account the bearer token belongs to.
    let user: String

    var fleet: Fleet { documents.fleet }

    /// The vehicle named by `{id}`, or 404.
    func vehicle() throws(SandboxError) -> Fleet.Vehicle {
        guard let id = parameters["id"], let index = fleet.vehicleIndex(id: id) else {
            throw .notFound("We didn't find the vehicle \(parameters["id"].map { String($0.prefix(24)) + "…" } ?? "").")
        }
        return fleet.vehicle(index)
    }

    /// The trip named by `{tid}`; when `owner` is given it must be that vehicle's.
    func trip(of owner: Fleet.Vehicle?) throws(SandboxError) -> (Fleet.Vehicle, Fleet.Trip) {
        guard let tid = parameters["tid"], let (v, k) = fleet.tripIndex(id: tid), owner.map({ $0.index == v }) ?? true else {
            throw .notFound("No trip was found.")
        }
        let vehicle = owner ?? fleet.vehicle(v)
        return (vehicle, fleet.trip(vehicle: vehicle, k))
    }

    /// The live trip named by `{tid}` (one the world recorded), or nil when `{tid}` names no live trip; a live
    /// trip id whose trip is not (or no longer) there is not found.
    func liveTrip(of owner: Fleet.Vehicle?) throws(SandboxError) -> (Fleet.Vehicle, LiveTrip)? {
        guard let tid = parameters["tid"], let (v, n) = fleet.liveTripIndex(id: tid) else { return nil }
        guard owner.map({ $0.index == v }) ?? true else { throw .notFound("No trip was found.") }
        let vehicle = owner ?? fleet.vehicle(v)
        let trips = api.world.state(of: vehicle).trips
        guard n < trips.count, trips[n].unreported != true else { throw .notFound("No trip was found.") }
        return (vehicle, trips[n])
    }

    /// The validated `locale`, if given.
    func locale() throws(SandboxError) -> String? {
        guard let locale = request.queryValue("locale") else { return nil }
        guard Localization.isWellFormed(locale) else {
            throw .badParameter("locale", "'\(locale)' is not a locale like fr-FR (supported: \(AlertKind.locales.joined(separator: ", ")))")
        }
        return locale
    }

    /// The paging state of a collection at the current path.
    func collection(filters: Set<String> = [], limits: CollectionQuery.Limits = .standard) throws(SandboxError) -> CollectionQuery {
        try CollectionQuery.from(request, path: apiPath, filters: filters, limits: limits, tokenKey: fleet.seed)
    }

    /// The request path below the API base.
    var apiPath: String { "/" + request.segments.dropFirst(2).map { FormEncoding.encode($0) }.joined(separator: "/") }

    func page(_ query: CollectionQuery, _ selection: IndexRuns, _ key: String, extra: [(String, JSON)] = [], item: (Int) -> JSON)
        throws(SandboxError) -> SandboxResponse
    {
        let renderer = CollectionPage(baseURL: documents.baseURL, tokenKey: fleet.seed)
        return .json(200, try renderer.render(query, selection: selection, embeddedKey: key, extra: extra, item: item))
    }
}
