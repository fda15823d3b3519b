import APIContract
import Foundation
import Synchronization

/// Monitors per user and vehicle — v4.0's under the vehicle, 4.17's under one of the user's callbacks — kept in
/// memory and in `DIR/monitors.json` (written to a temporary file and renamed, so a crash never leaves half a file)
/// so that a restart keeps them.
package final class MonitorStore: Sendable {
    /// One stored monitor.
    package struct Record: Sendable {
        package var id: String
        package var parameter: JSON
        package var status: String
        package var createdAt: Int
        package var updatedAt: Int
        /// The callback a 4.17 monitor belongs to; nil for a v4.0 monitor.
        package var callbackId: String?
        /// Counts changes (body or status), so that whoever evaluates the monitor knows to start afresh.
        package var revision = 0
    }

    private let file: URL
    /// user → vehicle id → monitors in creation order.
    private let records: Mutex<[String: [String: [Record]]]>
    private let counter = Mutex(0)
    private let changes = Mutex(0)

    /// Counts changes to the store, so that whoever reads it often knows when to read it again.
    package var version: Int { changes.withLock { $0 } }

    /// Loads `DIR/monitors.json` if present.
    package init(directory: URL) throws {
        file = directory.appendingPathComponent("monitors.json")
        var loaded: [String: [String: [Record]]] = [:]
        if let document = try AtomicFile.readJSON(file) {
            for (user, vehicles) in document.members ?? [] {
                for (vehicle, list) in vehicles.members ?? [] {
                    loaded[user, default: [:]][vehicle] = (list.array ?? []).compactMap { item in
                        guard let id = item["id"]?.string, let parameter = item["monitor"], let status = item["status"]?.string else { return nil }
                        return Record(
                            id: id, parameter: parameter, status: status,
                            createdAt: Int(item["createdAt"]?.number ?? 0), updatedAt: Int(item["updatedAt"]?.number ?? 0),
                            callbackId: item["callbackId"]?.string, revision: Int(item["revision"]?.number ?? 0))
                    }
                }
            }
        }
        records = Mutex(loaded)
    }

    /// The vehicle's monitors of one callback (4.17), or its v4.0 monitors when `callback` is nil.
    package func list(user: String, vehicle: String, callback: String? = nil) -> [Record] {
        records.withLock { ($0[user]?[vehicle] ?? []).filter { $0.callbackId == callback } }
    }

    package func get(user: String, vehicle: String, id: String, callback: String? = nil) -> Record? {
        list(user: user, vehicle: vehicle, callback: callback).first { $0.id == id }
    }

    /// Every Running monitor of every user and vehicle: what the world evaluates as it moves.
    package func running() -> [(user: String, vehicle: String, record: Record)] {
        records.withLock { all in
            all.flatMap { user, vehicles in
                vehicles.flatMap { vehicle, list in list.filter { $0.status == "Running" }.map { (user, vehicle, $0) } }
            }
        }
    }

    /// The ids of every monitor kept, Running or not.
    package func allIDs() -> Set<String> {
        records.withLock { all in Set(all.values.flatMap { $0.values.flatMap { $0.map(\.id) } }) }
    }

    /// Stores a new monitor, Running, and returns it; `callback` binds a 4.17 monitor to its callback.
    package func create(user: String, vehicle: String, parameter: JSON, callback: String? = nil, at now: Int) throws -> Record {
        var random = SystemRandomNumberGenerator()
        var seeded = SeededRandom(seed: random.next(), "monitor")
        let n = counter.withLock { value in
            value += 1
            return value
        }
        let suffix = String(n % 10000)
        let record = Record(
            id: seeded.hex(37) + "m" + String(repeating: "0", count: 4 - suffix.count) + suffix, parameter: parameter,
            status: "Running", createdAt: now, updatedAt: now, callbackId: callback)
        try mutate { $0[user, default: [:]][vehicle, default: []].append(record) }
        return record
    }

    /// Applies `change` to one monitor; nil when there is no such monitor.
    package func update(
        user: String, vehicle: String, id: String, callback: String? = nil, at now: Int, _ change: (inout Record) -> Void
    ) throws -> Record? {
        var result: Record?
        try mutate { all in
            guard var list = all[user]?[vehicle], let index = list.firstIndex(where: { $0.id == id && $0.callbackId == callback }) else { return }
            change(&list[index])
            list[index].updatedAt = now
            list[index].revision += 1
            all[user, default: [:]][vehicle] = list
            result = list[index]
        }
        return result
    }

    /// Removes one monitor; false when there was none.
    package func delete(user: String, vehicle: String, id: String, callback: String? = nil) throws -> Bool {
        var removed = false
        try mutate { all in
            guard var list = all[user]?[vehicle], let index = list.firstIndex(where: { $0.id == id && $0.callbackId == callback }) else { return }
            list.remove(at: index)
            all[user, default: [:]][vehicle] = list
            removed = true
        }
        return removed
    }

    /// Removes every monitor of one callback, on all the user's vehicles (deleting a callback deletes its monitors).
    package func deleteAll(user: String, callback: String) throws {
        try mutate { all in
            for (vehicle, list) in all[user] ?? [:] { all[user]?[vehicle] = list.filter { $0.callbackId != callback } }
        }
    }

    /// Changes the records and writes the file while holding the lock, so writes never interleave.
    private func mutate(_ change: (inout [String: [String: [Record]]]) -> Void) throws {
        try records.withLock { all in
            var copy = all
            change(&copy)
            let document = JSON.object(
                copy.sorted { $0.key < $1.key }.map { user, vehicles in
                    (
                        user,
                        .object(
                            vehicles.sorted { $0.key < $1.key }.map { vehicle, list in
                                (
                                    vehicle,
                                    .array(
                                        list.map { r in
                                            .obj([
                                                "id": .string(r.id), "status": .string(r.status), "createdAt": .int(r.createdAt),
                                                "updatedAt": .int(r.updatedAt), "monitor": r.parameter,
                                                "callbackId": r.callbackId.map { .string($0) }, "revision": .int(r.revision),
                                            ])
                                        })
                                )
                            })
                    )
                })
            try AtomicFile.write(document.bytes, to: file, mode: 0o600)
            all = copy
            changes.withLock { $0 += 1 }
        }
    }
}

/// A reason the sandbox cannot start (bad flags, unreadable state); printed as is, exit status 1.
package struct SandboxStartupError: Error, CustomStringConvertible, Sendable {
    package var description: String
    package init(_ description: String) { self.description = description }
}
