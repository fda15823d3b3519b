import APIContract
import Foundation

/// Alerts, trips, way points, collisions, telemetry and eco-coaching documents.
extension Documents {
    // MARK: Alerts

    /// Alert `k` of a vehicle; `message` is in `locale` (see ``AlertKind``).
    package func alert(_ v: Fleet.Vehicle, _ k: Int, locale: String?) -> JSON {
        var random = SeededRandom(seed: fleet.seed, "alert", v.index, k)
        let kind = random.pick(AlertKind.all)
        let started = fleet.alertStart(vehicle: v.index, k)
        let active = k < random.int(in: 0...2)
        let ended = active ? nil : min(fleet.epoch - 60, started + random.int(in: 300...172_800))
        let near = fleet.place(vehicle: v, random.int(in: 0...3))
        return alertDocument(
            v, id: fleet.ids.make(.alert, ResourceID.pack(v.index, k)), type: kind.type, severity: kind.severity,
            message: kind.message(locale: locale), started: started, ended: ended, near: near, locale: locale, random: &random)
    }

    /// An alert in production's shape; `random` draws its positions' details.
    func alertDocument(
        _ v: Fleet.Vehicle, id: String, type: String, severity: String, message: String, started: Int, ended: Int?,
        near: (lon: Double, lat: Double, alt: Double), locale: String?, random: inout SeededRandom
    ) -> JSON {
        let path = "\(vehiclePath(v))/alerts/\(id)"
        return .obj([
            "id": .string(id), "type": .string(type), "severity": .string(severity), "active": .bool(ended == nil),
            "message": .string(message),
            "startedAt": .string(Timestamp.format(started)), "endAt": ended.map { .string(Timestamp.format($0)) },
            "startPosition": position(near, at: started, random: &random),
            "endPosition": ended.map { position(near, at: $0, random: &random) },
            "createdAt": .string(Timestamp.format(started + 5)), "updatedAt": .string(Timestamp.format(ended ?? started + 5)),
            "_links": .obj([
                "self": link(path + (locale.map { "?locale=\(FormEncoding.encode($0))" } ?? "")),
                "vehicle": link(vehiclePath(v)),
            ]),
        ])
    }

    // MARK: Trips

    package func trip(_ v: Fleet.Vehicle, _ trip: Fleet.Trip) -> JSON {
        var random = SeededRandom(seed: fleet.seed, "trip.doc", v.index, trip.index)
        let path = "\(vehiclePath(v))/trips/\(trip.id)"
        let endMileage = SeededRandom.round(v.mileage - Double(trip.index) * 23.7 - random.double(in: 0...5), 1)
        let electricShare =
            v.model.motorization == .electric ? 100.0 : v.model.motorization == .hybrid ? SeededRandom.round(random.double(in: 20...80), 0) : 0
        let startLevel = SeededRandom.round(random.double(in: 30...100), 0)
        let used = SeededRandom.round(min(startLevel - 1, trip.distance / Double(max(1, v.model.range)) * 100), 0)
        let energyType: JSON = v.model.motorization == .thermic ? "Fuel" : "Electric"
        let subType: JSON = v.model.motorization == .thermic ? "FossilEnergy" : "ElectricEnergy"
        let consumption =
            v.model.motorization == .thermic ? SeededRandom.round(random.double(in: 4.5...7.5), 1) : SeededRandom.round(random.double(in: 13...19), 1)
        return .obj([
            "id": .string(trip.id), "createdAt": .string(Timestamp.format(trip.stoppedAt + 7)),
            "updatedAt": .string(Timestamp.format(trip.stoppedAt + 14)),
            "startedAt": .string(Timestamp.format(trip.startedAt)), "stoppedAt": .string(Timestamp.format(trip.stoppedAt)),
            "duration": .int(trip.duration), "distance": .double(trip.distance), "done": true, "faults": [],
            "odometer": .double(endMileage), "startMileage": .double(SeededRandom.round(endMileage - trip.distance, 1)),
            "startPosition": position(fleet.place(vehicle: v, trip.index + 1), at: trip.startedAt, random: &random),
            "stopPosition": position(fleet.place(vehicle: v, trip.index), at: trip.stoppedAt, random: &random),
            "avgConsumption": [.obj(["type": energyType, "value": .double(consumption)])],
            "zeroEmissionRatio": .double(electricShare),
            "startEnergies": [.obj(["type": energyType, "subType": subType, "level": .double(startLevel)])],
            "endEnergies": [.obj(["type": energyType, "subType": subType, "level": .double(startLevel - used)])],
            "kinetic": .obj([
                "avgSpeed": .double(SeededRandom.round(trip.distance / Double(trip.duration) * 3600, 1)),
                "maxSpeed": .double(SeededRandom.round(random.double(in: 50...130), 0)),
            ]),
            "_links": tripLinks(v, path),
        ])
    }

    /// A trip's `_links`; `path` is the trip's own.
    func tripLinks(_ v: Fleet.Vehicle, _ path: String) -> JSON {
        .obj([
            "self": link(path), "vehicle": link(vehiclePath(v)), "alerts": link(path + "/alerts"), "collisions": link(path + "/collisions"),
            "wayPoints": link(path + "/wayPoints"), "telemetry": link(path + "/telemetry"), "ecoaching": link(path + "/ecoaching"),
        ])
    }

    /// Way point `n` of a trip, interpolated along a gently curved path from start to stop.
    package func wayPoint(_ v: Fleet.Vehicle, _ trip: Fleet.Trip, _ n: Int) -> (point: (lon: Double, lat: Double, alt: Double), time: Int) {
        let count = Fleet.wayPointCount(trip)
        let from = fleet.place(vehicle: v, trip.index + 1)
        let to = fleet.place(vehicle: v, trip.index)
        let t = Double(n) / Double(count - 1)
        var random = SeededRandom(seed: fleet.seed, "waypoint", v.index, trip.index)
        let bend = random.double(in: -0.25...0.25)
        let wobble = SeededRandom(seed: fleet.seed, "waypoint.n", v.index, trip.index, n)
        var w = wobble
        let lon = from.lon + (to.lon - from.lon) * t - (to.lat - from.lat) * bend * sin(t * .pi) + w.double(in: -0.0004...0.0004)
        let lat = from.lat + (to.lat - from.lat) * t + (to.lon - from.lon) * bend * sin(t * .pi) + w.double(in: -0.0004...0.0004)
        let alt = (from.alt + (to.alt - from.alt) * t).rounded()
        return ((SeededRandom.round(lon, 6), SeededRandom.round(lat, 6), alt), trip.startedAt + trip.duration * n / (count - 1))
    }

    package func wayPointDocument(_ v: Fleet.Vehicle, _ trip: Fleet.Trip, _ n: Int) -> JSON {
        let (point, time) = wayPoint(v, trip, n)
        var random = SeededRandom(seed: fleet.seed, "waypoint.doc", v.index, trip.index, n)
        return position(point, at: time, random: &random)
    }

    // MARK: Collisions

    /// Collision `c` of a vehicle (see ``Fleet/collisionTrips(vehicle:)``).
    package func collision(_ v: Fleet.Vehicle, _ c: Int) -> JSON {
        let tripIndex = fleet.collisionTrips(vehicle: v.index)[c]
        let trip = fleet.trip(vehicle: v, tripIndex)
        var random = SeededRandom(seed: fleet.seed, "collision", v.index, c)
        let side = random.pick(["front", "rear", "lateral"])
        let level = random.pick(["low", "low", "medium", "high"])
        let id = fleet.ids.make(.collision, ResourceID.pack(v.index, c))
        let at = Timestamp.format(trip.startedAt + trip.duration / 2)
        let severity: JSON = level == "high" ? "Major" : level == "medium" ? "Minor" : "Minimal"
        return .obj([
            "id": .string(id), "createdAt": .string(at), "updatedAt": .string(at),
            "front": .obj(["level": .string(side == "front" ? level : "none")]),
            "rear": .obj(["level": .string(side == "rear" ? level : "none")]),
            "lateral": .obj(["level": .string(side == "lateral" ? level : "none")]),
            "pedestrian": false, "rollOver": false, "tippedOver": false,
            "details": [.obj(["side": .string(side.prefix(1).uppercased() + side.dropFirst()), "severity": severity])],
            "_links": .obj([
                "self": link("\(vehiclePath(v))/collisions/\(id)"), "vehicle": link(vehiclePath(v)),
                "trip": link("\(vehiclePath(v))/trips/\(trip.id)"),
            ]),
        ])
    }

    // MARK: Telemetry

    /// Telemetry message `m` of a vehicle; `sections` keeps only the named top-level groups (from `type`), and
    /// `extensions` embeds `location`/`maintenance`/`alerts` data.
    package func telemetry(_ v: Fleet.Vehicle, _ m: Int, sections: Set<String>?, extensions: [String]) -> JSON {
        let time = fleet.telemetryTime(vehicle: v, m)
        let at = JSON.string(Timestamp.format(time))
        var random = SeededRandom(seed: fleet.seed, "telemetry", v.index, m)
        let phase = m % Fleet.telemetryPerTrip
        let moving = phase != 0 && phase != Fleet.telemetryPerTrip - 1
        let speed = moving ? SeededRandom.round(random.double(in: 20...110), 1) : 0
        let electric = v.model.motorization != .thermic
        let level = SeededRandom.round(random.double(in: 20...95), 0)
        func keep(_ section: String) -> Bool { sections.map { $0.contains(section) } ?? true }
        var vehicle: [(String, JSON)] = []
        if keep("odometer") {
            vehicle.append(("odometer", .obj(["createdAt": at, "mileage": .double(SeededRandom.round(v.mileage - Double(m) * 4, 1))])))
        }
        if keep("kinetic") { vehicle.append(("kinetic", .obj(["createdAt": at, "moving": .bool(moving), "speed": .double(speed)]))) }
        if keep("ignition") { vehicle.append(("ignition", .obj(["createdAt": at, "type": moving ? "Start" : "Stop"]))) }
        if keep("engines") {
            vehicle.append(
                (
                    "engines",
                    [
                        .obj([
                            "type": electric ? "Electric" : "Thermic",
                            "speed": .double(moving ? SeededRandom.round(random.double(in: 900...3200), 0) : 0),
                        ])
                    ]
                ))
        }
        if keep("energy") {
            vehicle.append(
                (
                    "energy",
                    [
                        .obj([
                            "createdAt": at, "type": electric ? "Electric" : "Fuel", "level": .double(level),
                            "autonomy": .int(Int(Double(v.model.range) * level / 100)),
                        ])
                    ]
                ))
        }
        if keep("doorsState") {
            vehicle.append(
                (
                    "doorsState",
                    .obj(["lockedState": moving ? ["Locked"] : ["Unlocked"], "opening": [.obj(["identifier": "Driver", "state": "Closed"])]])
                ))
        }
        if keep("brakingSystem") { vehicle.append(("brakingSystem", .obj(["parking": .bool(!moving)]))) }
        if keep("transmission") {
            vehicle.append(
                (
                    "transmission",
                    .obj([
                        "gearbox": .obj(["mode": .obj(["automatic": true, "sport": false, "snow": false]), "gear": .obj(["recommended": "None"])])
                    ])
                ))
        }
        if keep("adas") { vehicle.append(("adas", .obj(["esp": true, "abs": true]))) }
        if keep("lighting") { vehicle.append(("lighting", .obj(["light": [], "turn": []]))) }
        if keep("safety") { vehicle.append(("safety", .obj(["createdAt": at, "beltWarning": "Normal"]))) }
        var embedded: [(String, JSON)] = []
        if extensions.contains("location") {
            let trip = fleet.trip(vehicle: v, m / Fleet.telemetryPerTrip)
            let n = (Fleet.wayPointCount(trip) - 1) * (Fleet.telemetryPerTrip - 1 - phase) / (Fleet.telemetryPerTrip - 1)
            embedded.append(("location", wayPointDocument(v, trip, n)))
        }
        if extensions.contains("maintenance") {
            let doc = maintenance(v)
            embedded.append(
                (
                    "maintenance",
                    .obj(["daysBeforeMaintenace": doc["daysBeforeMaintenance"], "mileageBeforeMaintenance": doc["mileageBeforeMaintenance"]])
                ))
        }
        if extensions.contains("alerts") { embedded.append(("alerts", [])) }
        let id = fleet.ids.make(.telemetry, ResourceID.pack(v.index, m))
        return .obj([
            "id": .string(id), "createdAt": at,
            "environment": keep("environment")
                ? .obj([
                    "air": .obj(["temp": .double(SeededRandom.round(random.double(in: -3...28), 1))]),
                    "luminosity": .obj(["day": .bool(random.chance(0.6))]),
                ]) : nil,
            "privacy": keep("privacy") ? .obj(["createdAt": at, "state": "None"]) : nil,
            "vehicle": vehicle.isEmpty ? nil : .object(vehicle),
            "_embedded": embedded.isEmpty ? nil : .obj(["extension": .object(embedded)]),
            "_links": .obj(["self": link("\(vehiclePath(v))/telemetry"), "vehicle": link(vehiclePath(v))]),
        ])
    }

    // MARK: Eco-coaching

    package func ecoaching(_ v: Fleet.Vehicle, _ trip: Fleet.Trip) -> JSON {
        var random = SeededRandom(seed: fleet.seed, "ecoaching", v.index, trip.index)
        let categories = ["Global", "Acceleration", "Break", "AirCondioner", "ColdEngine", "TirePressure", "Slope", "Speed", "StartStop"]
        let path = "\(vehiclePath(v))/trips/\(trip.id)"
        return .obj([
            "scores": .array(categories.map { .obj(["category": .string($0), "score": .double(SeededRandom.round(random.double(in: 3...10), 1))]) }),
            "_links": .obj(["self": link(path + "/ecoaching"), "trip": link(path), "vehicle": link(vehiclePath(v))]),
        ])
    }
}
