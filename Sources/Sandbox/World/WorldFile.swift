import APIContract
import Foundation

/// `DIR/world.json`: the world as it was last saved (on every control change, every few seconds while monitors
/// are evaluated, and when the sandbox stops) — the clock, the cars something happened to, and where each monitor's
/// evaluation stands — so that a restarted sandbox goes on from the same instant. Written atomically.
package struct WorldFile: Sendable {
    /// What the file holds.
    package struct Contents: Codable, Sendable {
        package var clock: Double
        package var time: String?
        /// The fleet's epoch the world was made with; nil in worlds saved before it was kept (their history ended at
        /// ``WorldFile/formerEpoch``).
        package var epoch: Int?
        package var scale: Double?
        /// Vehicle index → the state last committed for it (cars nothing happened to are not kept).
        package var vehicles: [String: VehicleState]?
        package var monitors: MonitorEngine.Progress?
        /// The world's life (`--life`), if it lives one.
        package var life: String?
    }

    let file: URL

    /// Where every world's generated history ended before the epoch was chosen at start: 2026-11-01T00:00:00Z.
    package static let formerEpoch = Timestamp.epoch(year: 2026, month: 11, day: 1)

    package init(directory: URL) { file = directory.appendingPathComponent("world.json") }

    /// The saved world, or nil for a new one (an unreadable file is moved aside: ``AtomicFile/moveAside(_:because:)``).
    package func load() throws -> Contents? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        do { return try JSONDecoder().decode(Contents.self, from: data) } catch {
            AtomicFile.moveAside(file, because: "it is not a world this sandbox can read")
            return nil
        }
    }

    package func save(_ contents: Contents) throws {
        var contents = contents
        contents.time = Timestamp.format(Int(contents.clock))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(Array(try encoder.encode(contents)), to: file, mode: 0o600)
    }
}
