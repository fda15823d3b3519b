import APIContract

/// Trips, under `/user/trips` (all vehicles) and `/user/vehicles/{id}/trips`, and what hangs off a trip.
extension ConnectedCarAPI {
    static let tripRoutes: [Route] = {
        var routes: [Route] = [
            Route("GET", "user/trips", query: Route.paging.union(["timestamps"])) { c throws(SandboxError) in
                let query = try c.collection(filters: ["timestamps"])
                let intervals = try TimestampsFilter.intervals(query.values("timestamps"), now: c.api.clock.seconds)
                let trips = TripIndex(c)
                let selection: IndexRuns
                if intervals.isEmpty {
                    selection = .all(trips.count)
                } else {
                    selection = IndexRuns(
                        (0..<c.fleet.vehicleCount).flatMap { v in
                            let start = trips.start(of: v)
                            return IndexRuns.within(intervals, count: trips.count(of: v)) { trips.startedAt(v, $0) }
                                .runs.map { ($0.lowerBound + start)..<($0.upperBound + start) }
                        })
                }
                return try c.page(query, selection, "trips") { trips.document(at: $0) }
            },
            Route("GET", "user/vehicles/{id}/trips", query: Route.paging.union(["timestamps"])) { c throws(SandboxError) in
                let vehicle = try c.vehicle()
                let query = try c.collection(filters: ["timestamps"])
                let intervals = try TimestampsFilter.intervals(query.values("timestamps"), now: c.api.clock.seconds)
                // The world's trips first (most recent first), then the generated ones: start times keep falling.
                let live = Array(c.api.world.state(of: vehicle).listedTrips.reversed())
                let count = live.count + c.fleet.tripsPerVehicle
                let selection =
                    intervals.isEmpty
                    ? IndexRuns.all(count)
                    : IndexRuns.within(intervals, count: count) { k in
                        k < live.count ? Int(live[k].startedAt) : c.fleet.trip(vehicle: vehicle, k - live.count).startedAt
                    }
                return try c.page(query, selection, "trips") { k in
                    k < live.count
                        ? c.documents.liveTrip(vehicle, live[k]) : c.documents.trip(vehicle, c.fleet.trip(vehicle: vehicle, k - live.count))
                }
            },
        ]
        // The same trip operations exist below /user/trips/{tid} and /user/vehicles/{id}/trips/{tid}.
        for prefix in ["user/trips/{tid}", "user/vehicles/{id}/trips/{tid}"] {
            let scoped = prefix.hasPrefix("user/vehicles")
            @Sendable func resolve(_ c: RouteContext) throws(SandboxError) -> (Fleet.Vehicle, Fleet.Trip) {
                try c.trip(of: scoped ? try c.vehicle() : nil)
            }
            routes += [
                Route("GET", prefix) { c throws(SandboxError) in
                    if let (vehicle, live) = try c.liveTrip(of: scoped ? try c.vehicle() : nil) {
                        return .json(200, c.documents.liveTrip(vehicle, live))
                    }
                    let (vehicle, trip) = try resolve(c)
                    return .json(200, c.documents.trip(vehicle, trip))
                },
                Route("GET", prefix + "/alerts", query: Route.paging.union(["timestamps"])) { c throws(SandboxError) in
                    if let (vehicle, live) = try c.liveTrip(of: scoped ? try c.vehicle() : nil) {
                        let locale = try c.locale()
                        let query = try c.collection(filters: ["timestamps", "locale"])
                        let intervals = try TimestampsFilter.intervals(query.values("timestamps"), now: c.api.clock.seconds)
                        let alerts = c.api.world.state(of: vehicle).alerts.reversed().filter { alert in
                            (live.startedAt...live.stoppedAt).contains(alert.startedAt)
                                && (intervals.isEmpty || intervals.contains { $0.contains(Int(alert.startedAt)) })
                        }
                        let pageLocale = query.values("locale").first ?? locale
                        return try c.page(query, .all(alerts.count), "alerts") { c.documents.liveAlert(vehicle, alerts[$0], locale: pageLocale) }
                    }
                    let (vehicle, trip) = try resolve(c)
                    let locale = try c.locale()
                    let query = try c.collection(filters: ["timestamps", "locale"])
                    let selection = try alertSelection(c, vehicle, query, trip: trip)
                    let pageLocale = query.values("locale").first ?? locale
                    return try c.page(query, selection, "alerts") { c.documents.alert(vehicle, $0, locale: pageLocale) }
                },
                Route("GET", prefix + "/alerts/{aid}") { c throws(SandboxError) in
                    let (vehicle, trip) = try resolve(c)
                    guard let aid = c.parameters["aid"], let (v, k) = c.fleet.alertIndex(id: aid), v == vehicle.index,
                        (trip.startedAt...trip.stoppedAt).contains(c.fleet.alertStart(vehicle: v, k))
                    else { throw .notFound("We didn't find the alert for this trip.") }
                    return .json(200, c.documents.alert(vehicle, k, locale: try c.locale()))
                },
                Route("GET", prefix + "/collisions", query: Route.paging.union(["timestamps"])) { c throws(SandboxError) in
                    if try c.liveTrip(of: scoped ? try c.vehicle() : nil) != nil { return try nothing(c, "Collisions") }
                    let (vehicle, trip) = try resolve(c)
                    let query = try c.collection(filters: ["timestamps"])
                    let selection = try collisionSelection(c, vehicle, query, trip: trip)
                    return try c.page(query, selection, "Collisions") { c.documents.collision(vehicle, $0) }
                },
                Route("GET", prefix + "/collisions/{cid}") { c throws(SandboxError) in
                    let (vehicle, trip) = try resolve(c)
                    guard let cid = c.parameters["cid"], let (v, n) = c.fleet.collisionIndex(id: cid), v == vehicle.index,
                        c.fleet.collisionTrips(vehicle: v)[n] == trip.index
                    else { throw .notFound("No collision was found for this trip.") }
                    return .json(200, c.documents.collision(vehicle, n))
                },
                Route("GET", prefix + "/ecoaching") { c throws(SandboxError) in
                    if try c.liveTrip(of: scoped ? try c.vehicle() : nil) != nil {
                        throw .notFound("No eco-coaching was computed for this trip yet.")
                    }
                    let (vehicle, trip) = try resolve(c)
                    _ = try c.locale()
                    return .json(200, c.documents.ecoaching(vehicle, trip))
                },
                Route("GET", prefix + "/telemetry", query: Route.paging.union(["timestamps", "type", "extension"])) { c throws(SandboxError) in
                    if let (vehicle, live) = try c.liveTrip(of: scoped ? try c.vehicle() : nil) {
                        return try telemetry(c, vehicle, trip: nil, live: live)
                    }
                    let (vehicle, trip) = try resolve(c)
                    return try telemetry(c, vehicle, trip: trip)
                },
                Route("GET", prefix + "/wayPoints", query: Route.paging.union(["timestamps", "tolerance"])) { c throws(SandboxError) in
                    if let (vehicle, live) = try c.liveTrip(of: scoped ? try c.vehicle() : nil) { return try liveWayPoints(c, vehicle, live) }
                    let (vehicle, trip) = try resolve(c)
                    return try wayPoints(c, vehicle, trip)
                },
            ]
        }
        return routes
    }()

    /// Every vehicle's trips one after the other, each vehicle's live trips (most recent first) before its
    /// generated ones: the index space of `/user/trips`.
    struct TripIndex {
        let c: RouteContext
        /// The live trips (most recent first) of the cars that made some.
        let live: [Int: [LiveTrip]]

        init(_ c: RouteContext) {
            self.c = c
            var live: [Int: [LiveTrip]] = [:]
            for index in 0..<c.fleet.vehicleCount {
                let trips = c.api.world.state(of: c.fleet.vehicle(index)).listedTrips
                if !trips.isEmpty { live[index] = trips.reversed() }
            }
            self.live = live
        }

        var count: Int { c.fleet.vehicleCount * c.fleet.tripsPerVehicle + live.values.reduce(0) { $0 + $1.count } }

        func count(of vehicle: Int) -> Int { c.fleet.tripsPerVehicle + (live[vehicle]?.count ?? 0) }

        /// The index of a vehicle's first trip.
        func start(of vehicle: Int) -> Int {
            vehicle * c.fleet.tripsPerVehicle + live.filter { $0.key < vehicle }.values.reduce(0) { $0 + $1.count }
        }

        func startedAt(_ vehicle: Int, _ k: Int) -> Int {
            let own = live[vehicle] ?? []
            return k < own.count ? Int(own[k].startedAt) : c.fleet.trip(vehicle: c.fleet.vehicle(vehicle), k - own.count).startedAt
        }

        func document(at index: Int) -> JSON {
            var vehicle = 0
            var rest = index
            if live.isEmpty {
                (vehicle, rest) = index.quotientAndRemainder(dividingBy: max(1, c.fleet.tripsPerVehicle))
            } else {
                while vehicle < c.fleet.vehicleCount - 1, rest >= count(of: vehicle) {
                    rest -= count(of: vehicle)
                    vehicle += 1
                }
            }
            let v = c.fleet.vehicle(vehicle)
            let own = live[vehicle] ?? []
            return rest < own.count ? c.documents.liveTrip(v, own[rest]) : c.documents.trip(v, c.fleet.trip(vehicle: v, rest - own.count))
        }
    }

    /// An empty page: a live trip has no collisions.
    static func nothing(_ c: RouteContext, _ key: String) throws(SandboxError) -> SandboxResponse {
        let query = try c.collection(filters: ["timestamps", "type", "extension", "locale"])
        return try c.page(query, IndexRuns([]), key) { _ in .null }
    }

    /// A live trip's way points (one every 30 s).
    static func liveWayPoints(_ c: RouteContext, _ vehicle: Fleet.Vehicle, _ trip: LiveTrip) throws(SandboxError) -> SandboxResponse {
        try pathPage(
            c, count: Documents.liveWayPointCount(trip),
            point: {
                let p = trip.point(at: min(trip.duration, Double($0 * 30)))
                return (p.lon, p.lat)
            },
            time: { c.documents.liveWayPoint(vehicle, trip, $0).time }, document: { c.documents.liveWayPoint(vehicle, trip, $0).document })
    }

    /// A generated trip's way points.
    static func wayPoints(_ c: RouteContext, _ vehicle: Fleet.Vehicle, _ trip: Fleet.Trip) throws(SandboxError) -> SandboxResponse {
        try pathPage(
            c, count: Fleet.wayPointCount(trip),
            point: {
                let p = c.documents.wayPoint(vehicle, trip, $0).point
                return (p.lon, p.lat)
            },
            time: { c.documents.wayPoint(vehicle, trip, $0).time }, document: { c.documents.wayPointDocument(vehicle, trip, $0) })
    }

    /// A trip's path of `count` points, optionally simplified (Ramer–Douglas–Peucker with `tolerance` km; `reduced`
    /// tells whether points were dropped) and filtered by `timestamps`.
    private static func pathPage(
        _ c: RouteContext, count: Int, point: (Int) -> (Double, Double), time: (Int) -> Int, document: (Int) -> JSON
    ) throws(SandboxError) -> SandboxResponse {
        let query = try c.collection(filters: ["timestamps", "tolerance"])
        var kept = Array(0..<count)
        if let text = query.values("tolerance").first {
            guard let tolerance = Double(text), tolerance >= 0, tolerance.isFinite else {
                throw .badParameter("tolerance", "'\(text)' is not a distance in km (e.g. 0.05)")
            }
            kept = PathSimplifier.simplify((0..<count).map(point), toleranceKm: tolerance)
        }
        let intervals = try TimestampsFilter.intervals(query.values("timestamps"), now: c.api.clock.seconds)
        if !intervals.isEmpty {
            kept = kept.filter { n in intervals.contains { $0.contains(time(n)) } }
        }
        let reduced = kept.count < count && query.values("tolerance").first != nil
        return try c.page(query, IndexRuns(kept.map { $0..<($0 + 1) }), "positions", extra: [("reduced", .bool(reduced))]) { document($0) }
    }
}
