/// One thing a car does by itself at an instant of a living world (``Life``). Whether it happens can depend on
/// the car's state then (a car plugs in only when its battery is low), so a plan stays the same whatever the car
/// went through before.
package struct LifeEvent: Sendable, Equatable {
    package enum Action: Sendable, Equatable {
        /// Sets off from where the car is, through `path`, at `speed` km/h; an `unreported` drive's trip is one the
        /// API never lists.
        case drive(path: [GeoPoint], speed: Double, unreported: Bool)
        /// Plugs in at `charger` (nil: the home wall box) when the traction battery is under `below` %.
        case plugIn(Charger?, below: Double)
        case unplug
        /// Fills the tank when it is under `below` %.
        case refuel(below: Double)
    }

    /// Simulated seconds since 1970.
    package var at: Double
    package var action: Action
}

extension VehicleState {
    /// The state after `event` (at ``at``, which the caller advanced to the event's instant).
    mutating func apply(_ event: LifeEvent, model: Model) {
        switch event.action {
        case .drive(let path, let speed, let unreported):
            start(along: path, speed: speed, model: model, unreported: unreported)
        case .plugIn(let charger, let below):
            guard !moving, !plugged, let level = electricLevel, level < below else { return }
            setPlugged(true, charger: charger)
        case .unplug:
            setPlugged(false)
        case .refuel(let below):
            guard !moving, let fuel = fuelLevel, fuel < below else { return }
            fuelLevel = 100
            endLowFuel()
            reportedAt = at
        }
    }
}
