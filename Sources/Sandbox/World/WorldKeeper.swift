import Foundation
import Synchronization

/// Saves the world (clock, committed cars, monitor evaluation) to `world.json`: after each control change, every
/// few seconds while the sandbox runs, and when it stops. Saves come from the API's threads and the notifier's, so
/// they take turns: two writers of the same temporary file would interleave.
package final class WorldKeeper: Sendable {
    let file: WorldFile
    let world: World
    let engine: MonitorEngine
    private let writing = Mutex(())

    package init(file: WorldFile, world: World, engine: MonitorEngine) {
        self.file = file
        self.world = world
        self.engine = engine
    }

    package func save() throws {
        try writing.withLock { _ in
            try file.save(
                WorldFile.Contents(
                    clock: world.clock.now, epoch: world.fleet.epoch, scale: world.clock.scale,
                    vehicles: Dictionary(uniqueKeysWithValues: world.committed.map { (String($0.key), $0.value) }), monitors: engine.snapshot,
                    life: world.life?.profile.rawValue))
        }
    }
}
