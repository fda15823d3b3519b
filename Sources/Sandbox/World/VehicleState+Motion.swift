/// How a car's state moves with the clock: along its drive (position, heading, odometer, energy falling, a trip
/// recorded when it stops), charging when plugged (the level rising at the charger's power, `InProgress` →
/// `Finished`), and otherwise a slow drain of the traction battery. Every step is computed from where the drive or
/// the charge began, so advancing once or in many small steps gives the same state.
///
/// The car reports (``reportedAt``) as a connected car does, and its status documents show what it last reported
/// (README, the sandbox's "A world that moves"): all the time while it drives; when a drive or a charge starts or ends;
/// every ``chargeReportEvery`` seconds of a charge; and, parked, at every ``parkedReportEvery`` seconds of the
/// day (a car that reported at least once).
extension VehicleState {
    /// The tank level under which a car raises `FuelLevelLow` (%).
    static let lowFuel = 10.0

    /// Traction battery lost per simulated second when parked and unplugged: 0.5 % a day.
    static let drainPerSecond = 0.5 / 86400

    /// Seconds between a charging car's reports, counted from the charge's start.
    static let chargeReportEvery = 1800.0

    /// Seconds between a parked car's reports, on the clock's grid (00:00, 06:00, … UTC).
    static let parkedReportEvery = 21600.0

    /// The home wall box's power in kW: 7.4 kW, 3.7 kW for a plug-in hybrid's on-board charger.
    static func chargePower(_ model: Model) -> Double { model.motorization == .hybrid ? 3.7 : 7.4 }

    /// The power a car charges at on `charger` (kW; nil: the home wall box), capped by a hybrid's on-board charger.
    static func chargePower(_ model: Model, on charger: Charger?) -> Double {
        let home = chargePower(model)
        return model.motorization == .hybrid ? min(home, charger?.power ?? home) : charger?.power ?? home
    }

    /// The power the car charges at now (kW).
    func chargePower(_ model: Model) -> Double { Self.chargePower(model, on: charger) }

    /// The charging mode word the API gives while the car charges.
    var chargeMode: String { charger?.mode ?? "Slow" }

    /// Level gained per second while charging (%).
    func chargeRate(_ model: Model) -> Double {
        chargePower(model) * 1000 / Double(max(1, model.batteryWh)) * 100 / 3600
    }

    /// The state at simulated second `t` (later than ``at``; earlier instants leave it as it is).
    package mutating func advance(to t: Double, model: Model) {
        guard t > at else { return }
        if let drive {
            let end = min(t, drive.arrival)
            let covered = (end - drive.startedAt) * drive.speed / 3600
            if let low = lowFuelDistance(drive, model: model), low <= covered, !alerts.contains(where: { $0.type == "FuelLevelLow" && $0.active }) {
                alerts.append(
                    LiveAlert(
                        number: alerts.count, type: "FuelLevelLow", startedAt: drive.startedAt + low / drive.speed * 3600, endedAt: nil,
                        position: drive.path.point(after: low).point))
            }
            move(drive, covered: covered, model: model)
            at = end
            reportedAt = end
            if end >= drive.arrival { finish(drive) }
            guard t > at else { return }
        }
        let elapsed = t - at
        if charging, let level = electricLevel {
            let rate = chargeRate(model)
            let untilFull = (100 - level) / rate
            // Within a millisecond of full is full: the state at the moment of the report that says so (``World/reported(_:)``)
            // is worked out again from an earlier step, and may fall a rounding error short of it.
            if elapsed >= untilFull - 0.001 {
                at += untilFull
                electricLevel = 100
                chargingStatus = "Finished"
                reportedAt = at
                endCharge()
            } else {
                electricLevel = level + rate * elapsed
                let start = charges.last.flatMap { $0.endedAt == nil ? $0.startedAt : nil } ?? at
                reportedAt = max(reportedAt ?? start, start + ((t - start) / Self.chargeReportEvery).rounded(.down) * Self.chargeReportEvery)
            }
        } else if !plugged, let level = electricLevel {
            electricLevel = max(0, level - Self.drainPerSecond * elapsed)
        }
        if !charging, let reported = reportedAt {
            reportedAt = max(reported, (t / Self.parkedReportEvery).rounded(.down) * Self.parkedReportEvery)
        }
        at = t
    }

    /// Sets off along `path` (from the car's position) at `speed` km/h, unplugged, doors unlocked; an `unreported`
    /// drive's trip is one the API never lists.
    package mutating func start(along path: [GeoPoint], speed: Double, model: Model, unreported: Bool = false) {
        // A route that starts where the car stands does not begin with a leg of zero length.
        let rest = path.drop { $0.distanceKm(to: position) < 0.001 }
        guard !rest.isEmpty else { return }
        if let drive { finish(drive) }
        var reach = 0.0
        if let electric = electricLevel { reach += electric / 100 * Double(model.range) }
        if let fuel = fuelLevel { reach += fuel / 100 * Double(model.fuelRange) }
        if plugged { setPlugged(false) }
        locked = false
        drive = Drive(
            path: Path([position] + rest), speed: speed, startedAt: at, startOdometer: odometer, startElectric: electricLevel, startFuel: fuelLevel,
            reach: reach, unreported: unreported ? true : nil)
        reportedAt = at
    }

    /// Stops where the car is now (the drive becomes a trip).
    package mutating func stop() {
        guard let drive else { return }
        finish(drive)
        reportedAt = at
    }

    /// Plugs the car in (charging starts at once unless the battery is full) at `charger` (nil: the home wall box),
    /// or unplugs it.
    package mutating func setPlugged(_ plug: Bool, charger: Charger? = nil) {
        guard electricLevel != nil, plug != plugged else { return }
        endCharge()
        if !plug, let last = charges.indices.last, charges[last].unpluggedAt == nil { charges[last].unpluggedAt = at }
        plugged = plug
        self.charger = plug ? charger : nil
        chargingStatus = plug ? ((electricLevel ?? 0) >= 100 ? "Finished" : "InProgress") : "Disconnected"
        beginCharge()
        reportedAt = at
    }

    /// Opens a charge when the car has just started charging.
    mutating func beginCharge() {
        guard charging, let level = electricLevel, charges.last?.endedAt != nil || charges.isEmpty else { return }
        charges.append(LiveCharge(startedAt: at, startLevel: level, charger: charger, mode: chargeMode, position: position))
    }

    /// Closes the open charge, if there is one, now.
    mutating func endCharge() {
        guard let last = charges.indices.last, charges[last].endedAt == nil else { return }
        charges[last].endedAt = at
        charges[last].endLevel = electricLevel
    }

    /// How far into `drive` the tank falls under ``lowFuel`` (after the battery of a hybrid is spent), if it does.
    private func lowFuelDistance(_ drive: Drive, model: Model) -> Double? {
        guard let fuel = drive.startFuel, fuel >= Self.lowFuel else { return nil }
        let electricKm = (drive.startElectric ?? 0) / 100 * Double(model.range)
        let distance = electricKm + (fuel - Self.lowFuel) / 100 * Double(model.fuelRange)
        return distance < drive.distance ? distance : nil
    }

    /// Ends the `FuelLevelLow` alert once the tank is over ``lowFuel`` again (it was filled).
    package mutating func endLowFuel() {
        guard (fuelLevel ?? 100) >= Self.lowFuel, let open = alerts.lastIndex(where: { $0.type == "FuelLevelLow" && $0.active }) else { return }
        alerts[open].endedAt = at
    }

    /// Where the drive has taken the car after `covered` km: position, heading, odometer and energy.
    private mutating func move(_ drive: Drive, covered: Double, model: Model) {
        let (point, heading, _) = drive.path.point(after: covered)
        position = covered >= drive.path.length ? drive.path.points.last ?? point : point
        if let heading { self.heading = heading }
        odometer = drive.startOdometer + covered
        var left = covered
        if let start = drive.startElectric {
            let electricKm = min(left, start / 100 * Double(model.range))
            electricLevel = max(0, start - electricKm / Double(max(1, model.range)) * 100)
            left -= electricKm
        }
        if let start = drive.startFuel {
            fuelLevel = max(0, start - left / Double(max(1, model.fuelRange)) * 100)
        }
    }

    /// Ends the drive at the current instant and records it as a trip; the car locks itself.
    private mutating func finish(_ drive: Drive) {
        let covered = odometer - drive.startOdometer
        let passed = drive.path.point(after: covered).passed
        trips.append(
            LiveTrip(
                number: trips.count, startedAt: drive.startedAt, stoppedAt: at, distance: covered, path: Path(passed + [position]),
                speed: drive.speed,
                startOdometer: drive.startOdometer, startElectric: drive.startElectric, endElectric: electricLevel, startFuel: drive.startFuel,
                endFuel: fuelLevel, unreported: drive.unreported))
        self.drive = nil
        locked = true
    }
}
