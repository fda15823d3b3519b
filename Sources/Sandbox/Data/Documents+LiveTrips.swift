import APIContract

/// The trips the world recorded (``LiveTrip``), in the shape of the generated ones: the trip, and its way points
/// every 30 seconds along the path it drove.
extension Documents {
    package func liveTrip(_ v: Fleet.Vehicle, _ trip: LiveTrip) -> JSON {
        let id = fleet.liveTripID(vehicle: v.index, trip.number)
        let path = "\(vehiclePath(v))/trips/\(id)"
        let (started, stopped) = (Int(trip.startedAt), Int(trip.stoppedAt))
        var random = SeededRandom(seed: fleet.seed, "live.trip", v.index, trip.number)
        let electric = trip.startElectric != nil
        let energyType: JSON = electric ? "Electric" : "Fuel"
        let subType: JSON = electric ? "ElectricEnergy" : "FossilEnergy"
        let start = (electric ? trip.startElectric : trip.startFuel) ?? 0
        let end = (electric ? trip.endElectric : trip.endFuel) ?? 0
        let duration = max(1, stopped - started)
        // The share of the distance driven on the battery, from the levels it started and ended with.
        let electricKm = ((trip.startElectric ?? 0) - (trip.endElectric ?? 0)) / 100 * Double(v.model.range)
        return .obj([
            "id": .string(id), "createdAt": .string(Timestamp.format(stopped + 7)), "updatedAt": .string(Timestamp.format(stopped + 14)),
            "startedAt": .string(Timestamp.format(started)), "stoppedAt": .string(Timestamp.format(stopped)),
            "duration": .int(duration), "distance": .double(SeededRandom.round(trip.distance, 1)), "done": true, "faults": [],
            "odometer": .double(SeededRandom.round(trip.startOdometer + trip.distance, 1)),
            "startMileage": .double(SeededRandom.round(trip.startOdometer, 1)),
            "startPosition": livePosition(trip.path.points.first, v, at: started, random: &random),
            "stopPosition": livePosition(trip.path.points.last, v, at: stopped, random: &random),
            "avgConsumption": [.obj(["type": energyType, "value": .double(electric ? 15.5 : 6.1)])],
            "zeroEmissionRatio": .double(SeededRandom.round(min(100, electricKm / max(0.001, trip.distance) * 100), 0)),
            "startEnergies": [.obj(["type": energyType, "subType": subType, "level": .double(SeededRandom.round(start, 0))])],
            "endEnergies": [.obj(["type": energyType, "subType": subType, "level": .double(SeededRandom.round(end, 0))])],
            "kinetic": .obj([
                "avgSpeed": .double(SeededRandom.round(trip.distance / Double(duration) * 3600, 1)),
                "maxSpeed": .double(SeededRandom.round(trip.speed, 0)),
            ]),
            "_links": tripLinks(v, path),
        ])
    }

    /// The trip an event's `vehicle.trip` extension names: the car's last live trip, else its last generated one.
    package func latestTrip(_ v: Fleet.Vehicle, _ state: VehicleState) -> JSON? {
        if let live = state.trips.last { return liveTrip(v, live) }
        return fleet.tripsPerVehicle > 0 ? trip(v, fleet.trip(vehicle: v, 0)) : nil
    }

    /// How many way points a live trip has: one every 30 s, the stop included.
    package static func liveWayPointCount(_ trip: LiveTrip) -> Int { max(2, Int(trip.duration / 30) + 2) }

    /// Way point `n` of a live trip and when the car was there.
    package func liveWayPoint(_ v: Fleet.Vehicle, _ trip: LiveTrip, _ n: Int) -> (document: JSON, time: Int) {
        let count = Self.liveWayPointCount(trip)
        let seconds = n == count - 1 ? trip.duration : min(trip.duration, Double(n * 30))
        let time = Int(trip.startedAt + seconds)
        var random = SeededRandom(seed: fleet.seed, "live.waypoint", v.index, trip.number, n)
        return (livePosition(trip.point(at: seconds), v, at: time, random: &random), time)
    }

    /// When telemetry message `phase` of a live trip was recorded (0: at the stop … 5: at the start, as for the
    /// generated trips).
    package static func liveTelemetryTime(_ trip: LiveTrip, phase: Int) -> Int {
        let last = Fleet.telemetryPerTrip - 1
        return Int(trip.startedAt + trip.duration * Double(last - phase) / Double(last))
    }

    /// Telemetry message `phase` of a live trip: the generated message's shape with the trip's instant, odometer,
    /// speed, energy and (extension `location`) position.
    package func liveTelemetry(_ v: Fleet.Vehicle, _ trip: LiveTrip, phase: Int, sections: Set<String>?, extensions: [String]) -> JSON {
        let time = Self.liveTelemetryTime(trip, phase: phase)
        let seconds = Double(time) - trip.startedAt
        let share = trip.duration > 0 ? seconds / trip.duration : 1
        let moving = phase != 0 && phase != Fleet.telemetryPerTrip - 1
        let at = JSON.string(Timestamp.format(time))
        let template = telemetry(v, 0, sections: sections, extensions: extensions.filter { $0 != "location" })
        var vehicle = template["vehicle"] ?? .obj([:])
        func update(_ key: String, _ change: (JSON) -> JSON) {
            if let value = vehicle[key] { vehicle = vehicle.setting(key, change(value)) }
        }
        update("odometer") {
            $0.setting("createdAt", at).setting("mileage", .double(SeededRandom.round(trip.startOdometer + trip.distance * share, 1)))
        }
        update("kinetic") { $0.setting("createdAt", at).setting("moving", .bool(moving)).setting("speed", .double(moving ? trip.speed : 0)) }
        update("ignition") { $0.setting("createdAt", at).setting("type", .string(moving ? "Start" : "Stop")) }
        update("safety") { $0.setting("createdAt", at) }
        update("energy") { energies in
            .array(
                (energies.array ?? []).map { energy in
                    let electric = energy["type"] == .string("Electric")
                    guard let start = electric ? trip.startElectric : trip.startFuel, let end = electric ? trip.endElectric : trip.endFuel else {
                        return energy
                    }
                    let level = (start + (end - start) * share).rounded()
                    let range = electric ? v.model.range : v.model.fuelRange
                    return energy.setting("createdAt", at).setting("level", .double(level)).setting(
                        "autonomy", .int(Int(Double(range) * level / 100)))
                })
        }
        var document = template.setting("createdAt", at)
            .setting(
                "id", .string(fleet.ids.make(.telemetry, ResourceID.pack(v.index, Fleet.liveTripBase + trip.number * Fleet.telemetryPerTrip + phase)))
            )
        if template["vehicle"] != nil { document = document.setting("vehicle", vehicle) }
        if extensions.contains("location") {
            let point = liveWayPoint(v, trip, min(Self.liveWayPointCount(trip) - 1, Int(seconds / 30))).document
            let embedded = (template["_embedded"]?["extension"] ?? .obj([:])).setting("location", point)
            document = document.setting("_embedded", .obj(["extension": embedded]))
        }
        return document
    }

    private func livePosition(_ point: GeoPoint?, _ v: Fleet.Vehicle, at time: Int, random: inout SeededRandom) -> JSON {
        let p = point ?? GeoPoint(lon: v.home.lon, lat: v.home.lat)
        return position((SeededRandom.round(p.lon, 6), SeededRandom.round(p.lat, 6), v.home.alt), at: time, random: &random)
    }
}
