import Foundation
import Shell

/// Never a car unnamed: a command that changes a car (a remote action, a monitor created, changed, paused or
/// deleted) says which one at a terminal — `remote horn → C5 Aircross Hybrid 225 · VR7ATHNSKLW000042` on stderr —
/// and shows it in its `--dry-run` answer, by label and VIN from the vehicle cache.
struct ActedOnCar {
    let api: APIContext

    /// `LABEL · VIN`, or the id when the cache does not know the car.
    func words(_ id: String) -> String {
        api.vehicles.entries.first { $0.id == id }.map { "\($0.label) · \($0.vin)" } ?? id
    }

    /// `{label, vin, id}` for a `--dry-run` answer (`{id}` when the cache does not know the car).
    func record(_ id: String) -> Value {
        api.vehicles.entries.first { $0.id == id }.map { ["label": .string($0.label), "vin": .string($0.vin), "id": .string($0.id)] }
            ?? ["id": .string(id)]
    }

    /// The records of every cached car, by id, for answers made on worker threads.
    func records() -> [String: Value] {
        Dictionary(api.vehicles.entries.map { ($0.id, record($0.id)) }, uniquingKeysWith: { first, _ in first })
    }

    /// Says `what → CAR` (each car once) on stderr when it is a terminal.
    func say(_ what: String, _ ids: [String], context: CommandContext) {
        guard isatty(STDERR_FILENO) != 0, !ids.isEmpty else { return }
        var seen = Set<String>()
        let cars = ids.filter { seen.insert($0).inserted }.map(words)
        context.interpreter.writeError("\(what) → \(cars.joined(separator: ", "))\n")
    }
}
