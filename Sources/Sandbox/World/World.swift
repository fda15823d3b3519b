import APIContract
import Synchronization

/// Every car of the fleet as the clock moves it. A car nothing happened to is its generated state (made once, then
/// kept); a control change (drive, plug, set) commits the car's state at that instant, and from a committed state
/// any later instant is computed: the remote actions that succeeded meanwhile, and the events of the world's
/// ``Life`` if it lives one, are applied at their instants, and between them the car drives, charges or drains
/// (``VehicleState/advance(to:model:)``).
package final class World: Sendable {
    package let fleet: Fleet
    package let clock: SimulationClock
    package let life: Life?
    let callbacks: CallbackStore

    private struct Contents {
        var committed: [Int: VehicleState] = [:]
        /// Per vehicle, how many times it was committed: a checkpoint is only good for the commit it came from.
        var revisions: [Int: Int] = [:]
        var generated: [Int: VehicleState] = [:]
        /// Per vehicle, its state right after the latest life event computed so far, and the revision it came from:
        /// later instants are computed from there rather than from the commit, through a month of events again.
        var checkpoints: [Int: (revision: Int, state: VehicleState)] = [:]
    }

    private let contents: Mutex<Contents>

    package init(fleet: Fleet, clock: SimulationClock, callbacks: CallbackStore, committed: [Int: VehicleState] = [:], life: Life? = nil) {
        self.fleet = fleet
        self.clock = clock
        self.callbacks = callbacks
        self.life = life
        contents = Mutex(Contents(committed: committed))
    }

    /// The cars something happened to, by index, as last committed.
    package var committed: [Int: VehicleState] { contents.withLock { $0.committed } }

    /// The state of `vehicle` at simulated second `t` (not earlier than its last commit); `actions` are the
    /// vehicle's remote actions when the caller has them already.
    ///
    /// A checkpoint is safe to start from: the remote actions that end before it had started before it was taken
    /// (an action ends after it is made, and states are asked for up to the clock's now).
    package func state(of vehicle: Fleet.Vehicle, at t: Double, actions: [RemoteAction]? = nil) -> VehicleState {
        let index = vehicle.index
        let (start, revision) = contents.withLock { contents -> (VehicleState?, Int) in
            let revision = contents.revisions[index] ?? 0
            if let checkpoint = contents.checkpoints[index], checkpoint.revision == revision, checkpoint.state.at <= t {
                return (checkpoint.state, revision)
            }
            return (contents.committed[index], revision)
        }
        var state = start ?? generated(vehicle)
        let effective = (actions ?? callbacks.remotes(vehicle: vehicle.id))
            .filter { $0.outcome == "Success" && Double($0.doneAt) > state.at && Double($0.doneAt) <= t }
            .sorted { $0.doneAt < $1.doneAt }
        var events = life?.events(vehicle, after: state.at, through: t)[...] ?? []
        var checkpoint: VehicleState?
        for action in effective {
            while let event = events.first, event.at < Double(action.doneAt) {
                live(event, &state, vehicle)
                checkpoint = state
                events = events.dropFirst()
            }
            state.advance(to: Double(action.doneAt), model: vehicle.model)
            state.apply(action)
        }
        for event in events {
            live(event, &state, vehicle)
            checkpoint = state
        }
        state.advance(to: t, model: vehicle.model)
        if let checkpoint {
            contents.withLock { contents in
                guard contents.revisions[index] ?? 0 == revision, (contents.checkpoints[index]?.state.at ?? -.infinity) < checkpoint.at else {
                    return
                }
                contents.checkpoints[index] = (revision, checkpoint)
            }
        }
        return state
    }

    private func live(_ event: LifeEvent, _ state: inout VehicleState, _ vehicle: Fleet.Vehicle) {
        state.advance(to: event.at, model: vehicle.model)
        state.apply(event, model: vehicle.model)
    }

    /// What `vehicle` last reported, as of now: its state at ``VehicleState/reportedAt`` (its state now while it
    /// drives, or when it never reported). Status documents show this, as the API shows a car's last report.
    package func reported(_ vehicle: Fleet.Vehicle) -> VehicleState {
        let now = state(of: vehicle)
        guard let reportedAt = now.reportedAt, reportedAt < now.at else { return now }
        return state(of: vehicle, at: reportedAt)
    }

    /// The state of `vehicle` now.
    package func state(of vehicle: Fleet.Vehicle) -> VehicleState { state(of: vehicle, at: clock.now) }

    /// Changes `vehicle` at simulated second `t` and commits the result; `change` may refuse by throwing.
    package func change<E: Error>(_ vehicle: Fleet.Vehicle, at t: Double, _ change: (inout VehicleState) throws(E) -> Void) throws(E)
        -> VehicleState
    {
        var state = self.state(of: vehicle, at: t)
        try change(&state)
        let committed = state
        contents.withLock { contents in
            contents.committed[vehicle.index] = committed
            contents.revisions[vehicle.index, default: 0] += 1
        }
        return committed
    }

    /// The fleet's generated state of a vehicle (its status document and where it is parked), made once.
    private func generated(_ vehicle: Fleet.Vehicle) -> VehicleState {
        if let known = contents.withLock({ $0.generated[vehicle.index] }) { return known }
        let documents = Documents(fleet: fleet, baseURL: "")
        let position = documents.lastPosition(vehicle)
        let place = fleet.place(vehicle: vehicle, 0)
        let state = VehicleState(
            vehicle: vehicle, status: documents.status(vehicle), parkedAt: place, heading: position["properties"]?["heading"]?.number ?? 0,
            epoch: fleet.epoch)
        contents.withLock { $0.generated[vehicle.index] = state }
        return state
    }
}
