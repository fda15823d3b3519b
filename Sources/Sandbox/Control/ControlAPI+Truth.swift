import APIContract

/// `GET /_control/vehicles/{n}/truth`: what really happened to a car since the world began — its charge sessions
/// (and when it was unplugged after each), its drives (with the trips the API never lists) and its parked periods —
/// for tests and recorders to check what they derived against. Levels come twice: `startLevel`/`endLevel` as the car reports them (whole per cent, as in
/// the status), `startLevelExact`/`endLevelExact` as the car has them; energy is from the exact levels and the
/// battery's capacity.
extension ControlAPI {
    func truth(_ name: String) throws(SandboxError) -> SandboxResponse {
        let vehicle = try vehicle(named: name)
        let state = world.state(of: vehicle)
        let capacity = Double(vehicle.model.batteryWh) / 1000
        func time(_ t: Double?) -> JSON { t.map { .string(Timestamp.format(Int($0))) } ?? .null }
        func level(_ value: Double?) -> JSON { value.map { .double($0.rounded()) } ?? .null }
        func exact(_ value: Double?) -> JSON { value.map { .double(SeededRandom.round($0, 3)) } ?? .null }
        func place(_ point: GeoPoint) -> JSON { [.double(SeededRandom.round(point.lon, 6)), .double(SeededRandom.round(point.lat, 6))] }
        let charges: [JSON] = state.charges.map { charge in
            let energy = charge.endLevel.map { ($0 - charge.startLevel) / 100 * capacity }
            return .obj([
                "startedAt": time(charge.startedAt), "endedAt": time(charge.endedAt), "unpluggedAt": time(charge.unpluggedAt),
                "startLevel": level(charge.startLevel), "endLevel": level(charge.endLevel),
                "startLevelExact": exact(charge.startLevel), "endLevelExact": exact(charge.endLevel),
                "energyAdded": energy.map { .double(SeededRandom.round($0, 3)) } ?? .null,
                "power": .double(VehicleState.chargePower(vehicle.model, on: charge.charger)), "mode": .string(charge.mode),
                "place": place(charge.position),
            ])
        }
        var drives: [JSON] = state.trips.map { trip in
            .obj([
                "startedAt": time(trip.startedAt), "stoppedAt": time(trip.stoppedAt), "distance": .double(SeededRandom.round(trip.distance, 3)),
                "startOdometer": exact(trip.startOdometer), "endOdometer": exact(trip.startOdometer + trip.distance),
                "startLevel": level(trip.startElectric ?? trip.startFuel), "endLevel": level(trip.endElectric ?? trip.endFuel),
                "listed": .bool(trip.unreported != true),
                "trip": trip.unreported == true ? .null : .string(world.fleet.liveTripID(vehicle: vehicle.index, trip.number)),
                "from": place(trip.path.points.first ?? state.position), "to": place(trip.path.points.last ?? state.position),
            ])
        }
        if let drive = state.drive {
            drives.append(
                .obj([
                    "startedAt": time(drive.startedAt), "stoppedAt": .null, "startOdometer": exact(drive.startOdometer),
                    "startLevel": level(drive.startElectric ?? drive.startFuel), "listed": .bool(drive.unreported != true),
                ]))
        }
        let document: JSON = .obj([
            "vehicle": .int(vehicle.index), "id": .string(vehicle.id), "time": time(state.at),
            "life": world.life.map { .string($0.profile.rawValue) } ?? .null,
            "capacity": vehicle.model.batteryWh > 0 ? .double(capacity) : .null,
            "charges": .array(charges), "drives": .array(drives), "parked": .array(parked(state)),
        ])
        return .json(200, document, type: "application/json")
    }

    /// The car's parked periods: from the end of one drive to the start of the next (or now), with the time spent
    /// charging inside, the exact levels at both ends and the drain while not charging (% a day).
    private func parked(_ state: VehicleState) -> [JSON] {
        var periods: [(start: Double, end: Double, from: Double?, to: Double?)] = []
        for (trip, next) in zip(state.trips, state.trips.dropFirst()) {
            periods.append((trip.stoppedAt, next.startedAt, trip.endElectric, next.startElectric))
        }
        if let last = state.trips.last {
            periods.append((last.stoppedAt, state.drive?.startedAt ?? state.at, last.endElectric, state.drive?.startElectric ?? state.electricLevel))
        }
        return periods.map { period in
            let inside = state.charges.filter { $0.startedAt < period.end && ($0.endedAt ?? .infinity) > period.start }
            let charging = inside.reduce(0.0) { $0 + min($1.endedAt ?? state.at, period.end) - max($1.startedAt, period.start) }
            let gained = inside.reduce(0.0) { $0 + (($1.endLevel ?? state.electricLevel ?? 0) - $1.startLevel) }
            let days = (period.end - period.start - charging) / 86400
            let drain = period.from.flatMap { from in period.to.map { to in (from - to + gained) / days } }
            return .obj([
                "startedAt": .string(Timestamp.format(Int(period.start))), "endedAt": .string(Timestamp.format(Int(period.end))),
                "chargingSeconds": .int(Int(charging)),
                "startLevelExact": period.from.map { .double(SeededRandom.round($0, 3)) } ?? .null,
                "endLevelExact": period.to.map { .double(SeededRandom.round($0, 3)) } ?? .null,
                "drainPercentPerDay": drain.flatMap { days > 0 ? .double(SeededRandom.round($0, 3)) : nil } ?? .null,
            ])
        }
    }
}
