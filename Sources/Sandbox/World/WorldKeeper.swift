import Foundation

/// Saves the world (clock, committed cars, monitor evaluation) to `world.json`: after each control change, every
/// few seconds while the sandbox runs, and when it stops.
package struct WorldKeeper: Sendable {
    let file: WorldFile
    let world: World
    let engine: MonitorEngine

    package func save() throws {
        try file.save(
            WorldFile.Contents(
                clock: world.clock.now, scale: world.clock.scale,
                vehicles: Dictionary(uniqueKeysWithValues: world.committed.map { (String($0.key), $0.value) }), monitors: engine.snapshot))
    }
}
