import APIContract
import Foundation

/// `/_control/vehicles/{n}`: a car of the world, by number (0, 1, …) or id.
///
/// `GET` answers its state now. `POST` changes it with any of these, applied in this order, then answers as GET:
/// - `"set": {"position": [lon, lat] | "versailles", "electricLevel": 0…100, "fuelLevel": 0…100, "locked": true,
///   "privacy": "None" | "Geolocation" | "Full", "airTemperature": -40…50}` — a field at once (a parked car is towed);
/// - `"plug": true | false` — charging starts at once unless the battery is full;
/// - `"stop": true` — ends the drive where the car is (the trip is recorded);
/// - `"drive": {"to": [lon, lat] | "place", "via": [...], "speed": km/h}` or `{"route": "out-of-paris"}` — sets off
///   from where the car is.
///
/// Nothing is changed when any part is wrong; the answer says which part, and the names it knows.
extension ControlAPI {
    func vehicle(_ name: String, _ body: JSON?) throws(SandboxError) -> SandboxResponse {
        let vehicle = try vehicle(named: name)
        guard let body else { return .json(200, document(vehicle, world.state(of: vehicle)), type: "application/json") }
        let change = try VehicleChange(body, vehicle: vehicle)
        let state = try engine.whileCaughtUp { () throws(SandboxError) -> VehicleState in
            try world.change(vehicle, at: clock.now) { (state: inout VehicleState) throws(SandboxError) in
                try change.apply(to: &state, model: vehicle.model)
            }
        }
        try save()
        return .json(200, document(vehicle, state), type: "application/json")
    }

    /// The car named by its number (0, 1, …) or its id.
    func vehicle(named name: String) throws(SandboxError) -> Fleet.Vehicle {
        let fleet = world.fleet
        guard let index = Int(name).flatMap({ (0..<fleet.vehicleCount).contains($0) ? $0 : nil }) ?? fleet.vehicleIndex(id: name) else {
            throw .gateway(404, "Not Found", "No vehicle \(name.prefix(24)); give its number (0 to \(fleet.vehicleCount - 1)) or its id")
        }
        return fleet.vehicle(index)
    }

    private func document(_ vehicle: Fleet.Vehicle, _ state: VehicleState) -> JSON {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let encoded = (try? encoder.encode(state)).flatMap { try? JSONParser.parse(Array($0)) } ?? .obj([:])
        return .obj([
            "vehicle": .int(vehicle.index), "id": .string(vehicle.id), "vin": .string(vehicle.vin), "label": .string(vehicle.model.label),
            "time": .string(Timestamp.format(Int(state.at))), "state": encoded,
        ])
    }
}

/// One `POST /_control/vehicles/{n}` body, checked whole before anything changes.
struct VehicleChange {
    var position: GeoPoint?
    var electricLevel: Double?
    var fuelLevel: Double?
    var locked: Bool?
    var privacy: String?
    var airTemperature: Double?
    var plug: Bool?
    var stop = false
    var drive: (path: [GeoPoint], speed: Double)?

    init(_ body: JSON, vehicle: Fleet.Vehicle) throws(SandboxError) {
        guard let members = body.members, !members.isEmpty else {
            throw .badBody("$", "expected an object with set, plug, stop or drive")
        }
        if let unknown = members.first(where: { !["set", "plug", "stop", "drive"].contains($0.0) }) {
            throw .badBody("$.\(unknown.0)", "unknown field; a vehicle takes set, plug, stop and drive")
        }
        if let set = body["set"] {
            guard let fields = set.members else { throw .badBody("$.set", "expected an object of fields") }
            for (key, value) in fields {
                let path = "$.set.\(key)"
                switch key {
                case "position": position = try Self.point(value, path)
                case "electricLevel", "fuelLevel":
                    guard let level = value.number, (0...100).contains(level) else { throw .badBody(path, "expected a level from 0 to 100") }
                    let has = key == "electricLevel" ? vehicle.model.motorization != .thermic : vehicle.model.motorization != .electric
                    guard has else {
                        throw .badBody(path, "a \(vehicle.model.label) has no \(key == "electricLevel" ? "traction battery" : "fuel tank")")
                    }
                    if key == "electricLevel" { electricLevel = level } else { fuelLevel = level }
                case "locked":
                    guard case .bool(let flag) = value else { throw .badBody(path, "expected true or false") }
                    locked = flag
                case "privacy":
                    guard let mode = value.string, ["None", "Geolocation", "Full"].contains(mode) else {
                        throw .badBody(path, "expected None, Geolocation or Full")
                    }
                    privacy = mode
                case "airTemperature":
                    guard let degrees = value.number, (-40...50).contains(degrees) else { throw .badBody(path, "expected °C from -40 to 50") }
                    airTemperature = degrees
                default:
                    throw .badBody(path, "unknown field; set takes position, electricLevel, fuelLevel, locked, privacy and airTemperature")
                }
            }
        }
        if let plug = body["plug"] {
            guard case .bool(let flag) = plug else { throw .badBody("$.plug", "expected true or false") }
            guard vehicle.model.motorization != .thermic else { throw .badBody("$.plug", "a \(vehicle.model.label) has no charging socket") }
            self.plug = flag
        }
        if let stop = body["stop"] {
            guard stop == .bool(true) else { throw .badBody("$.stop", "expected true") }
            self.stop = true
        }
        if let drive = body["drive"] {
            guard let fields = drive.members else { throw .badBody("$.drive", "expected {\"to\": [lon, lat]} or {\"route\": name}") }
            if let unknown = fields.first(where: { !["to", "via", "route", "speed"].contains($0.0) }) {
                throw .badBody("$.drive.\(unknown.0)", "unknown field; drive takes to, via, route and speed")
            }
            var path: [GeoPoint] = []
            if let route = drive["route"] {
                guard drive["to"] == nil, drive["via"] == nil else { throw .badBody("$.drive", "give either route or to (with via), not both") }
                guard let name = route.string, let places = NamedPlaces.routes[name] else {
                    throw .badBody("$.drive.route", "unknown route; there are \(NamedPlaces.routeNames)")
                }
                path = places.compactMap { NamedPlaces.places[$0] }
            } else {
                guard let to = drive["to"] else { throw .badBody("$.drive.to", "is required (or give a route)") }
                for (n, via) in (drive["via"]?.array ?? []).enumerated() { path.append(try Self.point(via, "$.drive.via[\(n)]")) }
                if drive["via"] != nil, drive["via"]?.array == nil { throw .badBody("$.drive.via", "expected an array of points") }
                path.append(try Self.point(to, "$.drive.to"))
            }
            let speed = drive["speed"]?.number ?? 50
            guard (5...250).contains(speed) else { throw .badBody("$.drive.speed", "expected km/h from 5 to 250") }
            self.drive = (path, speed)
        }
        if position != nil, drive != nil { throw .badBody("$.set.position", "a car cannot be towed and driven at once; send one, then the other") }
    }

    func apply(to state: inout VehicleState, model: Model) throws(SandboxError) {
        if let position {
            guard !state.moving || stop else { throw .badBody("$.set.position", "the car is driving; stop it first (\"stop\": true)") }
            state.stop()
            state.position = position
        }
        if electricLevel != nil || fuelLevel != nil, state.moving, !stop {
            throw .badBody("$.set", "the car is driving; stop it first (\"stop\": true) to set its energy")
        }
        if let electricLevel { state.electricLevel = electricLevel }
        if let fuelLevel {
            state.fuelLevel = fuelLevel
            state.endLowFuel()
        }
        if let locked { state.locked = locked }
        if let privacy { state.privacy = privacy }
        if let airTemperature { state.airTemperature = airTemperature }
        if stop { state.stop() }
        if let plug {
            guard !(plug && state.moving) else { throw .badBody("$.plug", "the car is driving; stop it first (\"stop\": true)") }
            state.setPlugged(plug)
        }
        if let (path, speed) = drive { state.start(along: path, speed: speed, model: model) }
        state.reportedAt = state.at
    }

    /// `[lon, lat]` or a named place.
    private static func point(_ value: JSON, _ path: String) throws(SandboxError) -> GeoPoint {
        if let name = value.string {
            guard let place = NamedPlaces.places[name.lowercased()] else { throw .badBody(path, "unknown place; there are \(NamedPlaces.names)") }
            return place
        }
        guard let pair = value.array, pair.count == 2, let lon = pair[0].number, let lat = pair[1].number, (-180...180).contains(lon),
            (-90...90).contains(lat)
        else { throw .badBody(path, "expected [longitude, latitude] or a place name") }
        return GeoPoint(lon: lon, lat: lat)
    }
}
