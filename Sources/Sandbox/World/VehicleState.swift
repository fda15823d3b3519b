import APIContract

/// What one car is like at one simulated instant (`at`): where it is and where it is going, its energy, plug,
/// doors, cabin and privacy, and the trips it made since the world began. It starts as the fleet's generated status
/// (``init(vehicle:status:trips:)``), then moves with the clock (``advance(to:model:)``), with remote actions
/// (``apply(_:)``) and with the control endpoints; documents read it (``written(over:model:)``).
package struct VehicleState: Sendable, Equatable, Codable {
    /// The simulated second this state describes.
    package var at: Double
    package var position: GeoPoint
    package var altitude: Double
    /// Degrees from north of the car's last movement.
    package var heading: Double
    package var odometer: Double
    /// Traction battery level (%), for cars that have one.
    package var electricLevel: Double?
    /// Tank level (%), for cars that have one.
    package var fuelLevel: Double?
    package var plugged: Bool
    /// `InProgress`, `Finished`, `Stopped` or `Disconnected`.
    package var chargingStatus: String
    package var locked: Bool
    package var privacy: String
    package var preconditioning: Bool
    /// The last navigation destination sent to the car, `[longitude, latitude]`.
    package var destination: [Double]?
    package var airTemperature: Double
    /// The drive in progress, if the car is moving.
    package var drive: Drive?
    /// Trips finished since the world began, oldest first.
    package var trips: [LiveTrip] = []
    /// Alerts raised since the world began, oldest first.
    package var alerts: [LiveAlert] = []
    /// Charges since the world began, oldest first; the last is open while the car charges. (Worlds saved before
    /// charges were kept have none.)
    package var charges: [LiveCharge] {
        get { chargeLog ?? [] }
        set { chargeLog = newValue }
    }
    private var chargeLog: [LiveCharge]?
    /// The charger the car is plugged into; nil: a home wall box (``chargePower(_:)``, `Slow`).
    package var charger: Charger?
    /// When the car last sent data (``VehicleState/reportTimes``); nil while nothing happened to it since the
    /// fleet was generated, so its documents keep their generated times.
    package var reportedAt: Double?

    private enum CodingKeys: String, CodingKey {
        case at, position, altitude, heading, odometer, electricLevel, fuelLevel, plugged, chargingStatus, locked, privacy
        case preconditioning, destination, airTemperature, drive, trips, alerts, charger, reportedAt
        case chargeLog = "charges"
    }

    package var charging: Bool { chargingStatus == "InProgress" }
    /// The trips the API lists: all but the ones it never reports.
    package var listedTrips: [LiveTrip] { trips.filter { $0.unreported != true } }
    package var moving: Bool { drive != nil }
    /// km/h.
    package var speed: Double { drive?.speed ?? 0 }

    /// The generated state of `vehicle` (its fleet status document), at the fleet's epoch.
    package init(
        vehicle: Fleet.Vehicle, status: JSON, parkedAt place: (lon: Double, lat: Double, alt: Double), heading: Double, epoch: Int
    ) {
        at = Double(epoch)
        position = GeoPoint(lon: place.lon, lat: place.lat)
        altitude = place.alt
        self.heading = heading
        odometer = status["odometer"]?["mileage"]?.number ?? vehicle.mileage
        let energies = status["energies"]?.array ?? []
        let electric = energies.first { $0["type"] == .string("Electric") }
        electricLevel = electric?["level"]?.number
        fuelLevel = energies.first { $0["type"] == .string("Fuel") }?["level"]?.number
        let charging = electric?["extension"]?["electric"]?["charging"]
        plugged = charging?["plugged"] == .bool(true)
        chargingStatus = charging?["status"]?.string ?? "Disconnected"
        locked = status["doorsState"]?["lockedStates"]?.array?.contains(.string("Locked")) ?? false
        privacy = status["privacy"]?["state"]?.string ?? "None"
        preconditioning = status["preconditioning"]?["airConditioning"]?["status"] == .string("Enabled")
        airTemperature = status["environment"]?["air"]?["temp"]?.number ?? 15
        // A car generated charging began when its status says it last reported.
        beginCharge()
        if let reported = status["updatedAt"]?.string.flatMap(Timestamp.parse), !charges.isEmpty { charges[0].startedAt = Double(reported) }
    }

    // MARK: Remote actions

    /// The state after `action` succeeded.
    package mutating func apply(_ action: RemoteAction) {
        let body = action.remote[action.action]
        switch action.action {
        case "door": locked = body?["state"] == .string("Locked")
        case "charging":
            if case .bool(let start)? = body?["immediate"], plugged, electricLevel != nil {
                endCharge()
                chargingStatus = start ? ((electricLevel ?? 0) >= 100 ? "Finished" : "InProgress") : "Stopped"
                beginCharge()
            }
        case "preconditioning":
            if case .bool(let start)? = body?["airConditioning"]?["immediate"] { preconditioning = start }
        case "navigation":
            destination = body?["positions"]?.array?.last?["coordinates"]?.array?.compactMap(\.number)
        default: return
        }
        reportedAt = at
    }

    /// Why the car cannot carry out `action` now, or whether it already has; nil when it can.
    package func refusal(of action: String, body: JSON?) -> (outcome: String, cause: String?)? {
        if privacy == "Full" { return ("Failed", "NotPossibleDueToVehiclePrivacyLevel") }
        switch action {
        case "door":
            let wantsLocked = body?["state"] == .string("Locked")
            return wantsLocked == locked ? ("AlreadyDone", nil) : nil
        case "charging":
            guard case .bool(let start)? = body?["immediate"] else { return nil }
            guard electricLevel != nil else { return ("Failed", "WrongCommand") }
            if start, !plugged { return ("Failed", "ExternalChargingSystemError") }
            return start == charging ? ("AlreadyDone", nil) : nil
        case "preconditioning":
            if let level = electricLevel, level < 10 { return ("Failed", "NotPossibleDueToVehicleBatteryLevel") }
            guard case .bool(let start)? = body?["airConditioning"]?["immediate"] else { return nil }
            return start == preconditioning ? ("AlreadyDone", nil) : nil
        default: return nil
        }
    }
}
