import APIContract
import Foundation

/// `DIR/world.json`: where the world's clock stood when it was last saved (on every control change and when the
/// sandbox stops), so that a restarted sandbox goes on from the same instant. Written atomically.
package struct WorldFile: Sendable {
    let file: URL

    package init(directory: URL) { file = directory.appendingPathComponent("world.json") }

    /// The saved instant, or nil for a new world.
    package func load() throws -> Double? {
        guard let document = try AtomicFile.readJSON(file) else { return nil }
        guard let seconds = document["clock"]?.number else {
            throw SandboxStartupError("\(file.path) has no clock; move it away to start afresh")
        }
        return seconds
    }

    package func save(_ clock: SimulationClock) throws {
        let now = clock.now
        let document: JSON = .obj(["clock": .double(now), "time": .string(Timestamp.format(Int(now))), "scale": .double(clock.scale)])
        try AtomicFile.write(document.bytes, to: file, mode: 0o600)
    }
}
