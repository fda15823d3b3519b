import APIContract
import Foundation
import Synchronization

/// The clock of the sandbox's world, in simulated seconds since 1970.
///
/// A new world starts at the fleet's epoch (``Fleet/epoch``, where its generated history ends: the machine's now
/// unless `--epoch` pins it)
/// and then runs `scale` times as fast as the machine's clock (`--time-scale`; 1 is real time, 0 stops it). Tests
/// move it forward with ``advance(by:)`` (the `/_control/clock` endpoint) instead of sleeping, so they never race
/// the machine. The instant is kept in `DIR/world.json` and a restarted sandbox goes on from it.
package final class SimulationClock: Sendable {
    private struct State {
        /// Simulated seconds at `anchor`.
        var base: Double
        /// The machine's monotonic seconds when `base` was read.
        var anchor: Double
        var scale: Double
    }

    private let state: Mutex<State>

    package init(start: Double, scale: Double = 1) {
        state = Mutex(State(base: start, anchor: Clock.monotonic, scale: max(0, scale)))
    }

    /// Simulated seconds since 1970, now.
    package var now: Double { state.withLock { Self.now($0) } }

    /// ``now`` in whole seconds, as documents carry it.
    package var seconds: Int { Int(now.rounded(.down)) }

    package var scale: Double { state.withLock { $0.scale } }

    /// Moves the world forward by `seconds` (simulated) at once.
    package func advance(by seconds: Double) {
        state.withLock { state in
            state.base = Self.now(state) + max(0, seconds)
            state.anchor = Clock.monotonic
        }
    }

    /// Changes how fast the world runs from now on.
    package func setScale(_ scale: Double) {
        state.withLock { state in
            state.base = Self.now(state)
            state.anchor = Clock.monotonic
            state.scale = max(0, scale)
        }
    }

    private static func now(_ state: State) -> Double { state.base + (Clock.monotonic - state.anchor) * state.scale }
}
