import APIContract

/// The data of one vehicle: status, position, maintenance, alerts, collisions and telemetry.
extension ConnectedCarAPI {
    static let vehicleRoutes: [Route] = [
        Route("GET", "user/vehicles/{id}/status", query: ["extension", "profile"]) { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            let extensions = c.request.queryValues("extension")
            for value in extensions where value != "odometer" && value != "kinetic" {
                throw .badParameter("extension", "'\(value)' is not one of odometer, kinetic")
            }
            if let profile = c.request.queryValue("profile"), profile != "endUser" {
                throw .badParameter("profile", "'\(profile)' is not endUser")
            }
            let status = c.documents.status(vehicle, extensions: extensions)
            return .json(200, c.api.world.reported(vehicle).written(over: status, model: vehicle.model))
        },
        Route("GET", "user/vehicles/{id}/lastPosition") { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            if let accept = c.request.headers["accept"],
                !["application/vnd.geo+json", "*/*", "application/*", "application/json"].contains(where: accept.lowercased().contains)
            {
                throw .badParameter("Accept", "lastPosition is served as application/vnd.geo+json, not \(accept)", code: 40600)
            }
            let position = c.api.world.reported(vehicle).written(overPosition: c.documents.lastPosition(vehicle))
            return .json(200, position, type: "application/vnd.geo+json")
        },
        Route("GET", "user/vehicles/{id}/maintenance") { c throws(SandboxError) in
            .json(200, c.documents.maintenance(try c.vehicle()))
        },
        Route("GET", "user/vehicles/{id}/alerts", query: Route.paging.union(["timestamps"])) { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            let locale = try c.locale()
            let query = try c.collection(filters: ["timestamps", "locale"])
            let pageLocale = query.values("locale").first ?? locale
            // The world's alerts first (most recent first), then the generated ones: start times keep falling.
            let live = Array(c.api.world.state(of: vehicle).alerts.reversed())
            let intervals = try TimestampsFilter.intervals(query.values("timestamps"), now: c.api.clock.seconds)
            let count = live.count + c.fleet.alertsPerVehicle
            let selection =
                intervals.isEmpty
                ? IndexRuns.all(count)
                : IndexRuns.within(intervals, count: count) { k in
                    k < live.count ? Int(live[k].startedAt) : c.fleet.alertStart(vehicle: vehicle.index, k - live.count)
                }
            return try c.page(query, selection, "alerts") { k in
                k < live.count
                    ? c.documents.liveAlert(vehicle, live[k], locale: pageLocale) : c.documents.alert(vehicle, k - live.count, locale: pageLocale)
            }
        },
        Route("GET", "user/vehicles/{id}/alerts/{aid}") { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            if let aid = c.parameters["aid"], let (v, n) = c.fleet.liveAlertIndex(id: aid), v == vehicle.index {
                let alerts = c.api.world.state(of: vehicle).alerts
                guard n < alerts.count else { throw .notFound("We didn't find the alert for this vehicle.") }
                return .json(200, c.documents.liveAlert(vehicle, alerts[n], locale: try c.locale()))
            }
            guard let aid = c.parameters["aid"], let (v, k) = c.fleet.alertIndex(id: aid), v == vehicle.index else {
                throw .notFound("We didn't find the alert for this vehicle.")
            }
            return .json(200, c.documents.alert(vehicle, k, locale: try c.locale()))
        },
        Route("GET", "user/vehicles/{id}/collisions", query: Route.paging.union(["timestamps"])) { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            let query = try c.collection(filters: ["timestamps"])
            let selection = try collisionSelection(c, vehicle, query, trip: nil)
            return try c.page(query, selection, "Collisions") { c.documents.collision(vehicle, $0) }
        },
        Route("GET", "user/vehicles/{id}/collisions/{cid}") { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            guard let cid = c.parameters["cid"], let (v, n) = c.fleet.collisionIndex(id: cid), v == vehicle.index else {
                throw .notFound("No collision was found.")
            }
            return .json(200, c.documents.collision(vehicle, n))
        },
        Route("GET", "user/vehicles/{id}/telemetry", query: Route.paging.union(["timestamps", "type", "extension"])) { c throws(SandboxError) in
            let vehicle = try c.vehicle()
            return try telemetry(c, vehicle, trip: nil)
        },
    ]

    /// Alerts of a vehicle, filtered by `timestamps` (on `startedAt`) and, inside a trip, by the trip's window.
    static func alertSelection(_ c: RouteContext, _ vehicle: Fleet.Vehicle, _ query: CollectionQuery, trip: Fleet.Trip? = nil)
        throws(SandboxError) -> IndexRuns
    {
        var intervals = try TimestampsFilter.intervals(query.values("timestamps"), now: c.api.clock.seconds)
        if let trip {
            let window = trip.startedAt...trip.stoppedAt
            intervals = intervals.isEmpty ? [window] : intervals.compactMap { $0.clamped(to: window) }.filter { !$0.isEmpty }
            if intervals.isEmpty { return IndexRuns([]) }
        }
        guard !intervals.isEmpty else { return .all(c.fleet.alertsPerVehicle) }
        return IndexRuns.within(intervals, count: c.fleet.alertsPerVehicle) { c.fleet.alertStart(vehicle: vehicle.index, $0) }
    }

    /// Collisions of a vehicle (optionally of one trip), filtered by `timestamps`.
    static func collisionSelection(_ c: RouteContext, _ vehicle: Fleet.Vehicle, _ query: CollectionQuery, trip: Fleet.Trip?)
        throws(SandboxError) -> IndexRuns
    {
        let intervals = try TimestampsFilter.intervals(query.values("timestamps"), now: c.api.clock.seconds)
        let trips = c.fleet.collisionTrips(vehicle: vehicle.index)
        let kept = trips.indices.filter { n in
            let t = c.fleet.trip(vehicle: vehicle, trips[n])
            let time = t.startedAt + t.duration / 2
            return (trip == nil || trip?.index == trips[n]) && (intervals.isEmpty || intervals.contains { $0.contains(time) })
        }
        return IndexRuns(kept.map { $0..<($0 + 1) })
    }

    /// Telemetry of a vehicle (its live trips' messages first), of one of its generated trips, or of a `live` trip,
    /// with `type`, `extension` and `timestamps` filters.
    static func telemetry(_ c: RouteContext, _ vehicle: Fleet.Vehicle, trip: Fleet.Trip?, live: LiveTrip? = nil) throws(SandboxError)
        -> SandboxResponse
    {
        _ = try c.locale()
        let query = try c.collection(filters: ["timestamps", "type", "extension"], limits: .telemetry)
        let types = query.values("type")
        for type in types where !TelemetryTypes.all.contains(type) {
            throw .badParameter("type", "'\(type)' is not a telemetry type (e.g. vehicle.energy.level, vehicle.odometer)")
        }
        let extensions = query.values("extension")
        for value in extensions where !["location", "alerts", "collision", "maintenance"].contains(value) {
            throw .badParameter("extension", "'\(value)' is not one of location, alerts, collision, maintenance")
        }
        var intervals = try TimestampsFilter.intervals(query.values("timestamps"), now: c.api.clock.seconds)
        let sections = types.isEmpty ? nil : Set(types.map(TelemetryTypes.section))
        let per = Fleet.telemetryPerTrip
        if let live {
            let selection =
                intervals.isEmpty ? IndexRuns.all(per) : IndexRuns.within(intervals, count: per) { Documents.liveTelemetryTime(live, phase: $0) }
            return try c.page(query, selection, "telemetries") {
                c.documents.liveTelemetry(vehicle, live, phase: $0, sections: sections, extensions: extensions)
            }
        }
        // The world's trips' messages come first (most recent first), then the generated ones.
        let liveTrips = trip == nil ? Array(c.api.world.state(of: vehicle).listedTrips.reversed()) : []
        let first = liveTrips.count * per
        let count = first + c.fleet.tripsPerVehicle * per
        @Sendable func time(_ m: Int) -> Int {
            m < first ? Documents.liveTelemetryTime(liveTrips[m / per], phase: m % per) : c.fleet.telemetryTime(vehicle: vehicle, m - first)
        }
        let selection: IndexRuns
        if let trip {
            let own = IndexRuns([trip.index * per..<(trip.index + 1) * per])
            if intervals.isEmpty { intervals = [Int.min...Int.max] }
            let filtered = IndexRuns.within(intervals, count: count, time: time)
            selection = IndexRuns(own.runs.flatMap { run in filtered.runs.compactMap { r in r.clamped(to: run).isEmpty ? nil : r.clamped(to: run) } })
        } else {
            selection = intervals.isEmpty ? .all(count) : IndexRuns.within(intervals, count: count, time: time)
        }
        return try c.page(query, selection, "telemetries") { m in
            m < first
                ? c.documents.liveTelemetry(vehicle, liveTrips[m / per], phase: m % per, sections: sections, extensions: extensions)
                : c.documents.telemetry(vehicle, m - first, sections: sections, extensions: extensions)
        }
    }
}
