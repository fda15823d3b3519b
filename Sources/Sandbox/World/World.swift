import APIContract
import Synchronization

/// Every car of the fleet as the clock moves it. A car nothing happened to is its generated state (made once, then
/// kept); a control change (drive, plug, set) commits the car's state at that instant, and from a committed state
/// any later instant is computed: the remote actions that succeeded meanwhile are applied when they ended, and
/// between them the car drives, charges or drains (``VehicleState/advance(to:model:)``).
package final class World: Sendable {
    package let fleet: Fleet
    package let clock: SimulationClock
    let callbacks: CallbackStore

    private struct Contents {
        var committed: [Int: VehicleState] = [:]
        var generated: [Int: VehicleState] = [:]
    }

    private let contents: Mutex<Contents>

    package init(fleet: Fleet, clock: SimulationClock, callbacks: CallbackStore, committed: [Int: VehicleState] = [:]) {
        self.fleet = fleet
        self.clock = clock
        self.callbacks = callbacks
        contents = Mutex(Contents(committed: committed))
    }

    /// The cars something happened to, by index, as last committed.
    package var committed: [Int: VehicleState] { contents.withLock { $0.committed } }

    /// The state of `vehicle` at simulated second `t` (not earlier than its last commit); `actions` are the
    /// vehicle's remote actions when the caller has them already.
    package func state(of vehicle: Fleet.Vehicle, at t: Double, actions: [RemoteAction]? = nil) -> VehicleState {
        var state = contents.withLock { $0.committed[vehicle.index] } ?? generated(vehicle)
        let effective = (actions ?? callbacks.remotes(vehicle: vehicle.id))
            .filter { $0.outcome == "Success" && Double($0.doneAt) > state.at && Double($0.doneAt) <= t }
            .sorted { $0.doneAt < $1.doneAt }
        for action in effective {
            state.advance(to: Double(action.doneAt), model: vehicle.model)
            state.apply(action)
        }
        state.advance(to: t, model: vehicle.model)
        return state
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
        contents.withLock { $0.committed[vehicle.index] = committed }
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
