import APIContract
import Foundation
import Synchronization

/// The 4.17 callbacks of each user (docs/api.md §11.1) and the remote actions sent through them (§11.2), kept in
/// memory and in `DIR/callbacks.json` (written atomically), so that a restart keeps them.
///
/// Ids come from the seed and a counter that is saved too: the same requests on the same seed make the same ids.
package final class CallbackStore: Sendable {
    /// One callback: a reusable notification target for monitors and remote actions.
    package struct Callback: Sendable {
        package var id: String
        /// The `CallbackSubscribe` body as posted (or last put).
        package var subscribe: JSON
        package var status: String
        package var createdAt: Int
        package var updatedAt: Int

        package var label: String? { subscribe["label"]?.string }

        /// The types it serves (`Monitor`, `Remote`); absent means both.
        package var types: [String] { subscribe["type"]?.array?.compactMap(\.string) ?? CallbackValidator.types }
    }

    private struct Contents {
        var counter = 0
        var callbacks: [String: [Callback]] = [:]
        var remotes: [RemoteAction] = []
    }

    private let file: URL
    private let seed: UInt64
    private let contents: Mutex<Contents>
    private let changes = Mutex(0)

    /// Counts changes to the store, so that whoever reads it often knows when to read it again.
    package var version: Int { changes.withLock { $0 } }

    /// Loads `DIR/callbacks.json` if present.
    package init(directory: URL, seed: UInt64) throws {
        file = directory.appendingPathComponent("callbacks.json")
        self.seed = seed
        var loaded = Contents()
        if let document = try AtomicFile.readJSON(file) {
            loaded.counter = Int(document["counter"]?.number ?? 0)
            for (user, list) in document["callbacks"]?.members ?? [] {
                loaded.callbacks[user] = (list.array ?? []).compactMap(Self.callback)
            }
            loaded.remotes = (document["remotes"]?.array ?? []).compactMap(Self.remote)
        }
        contents = Mutex(loaded)
    }

    // MARK: Callbacks

    package func callbacks(user: String) -> [Callback] { contents.withLock { $0.callbacks[user] ?? [] } }

    package func callback(user: String, id: String) -> Callback? { callbacks(user: user).first { $0.id == id } }

    /// Stores a new callback, Running.
    package func create(user: String, subscribe: JSON, at now: Int) throws -> Callback {
        try mutate { contents in
            contents.counter += 1
            var random = SeededRandom(seed: seed, "callback", contents.counter)
            let callback = Callback(
                id: random.hex(40) + "c" + String(contents.counter), subscribe: subscribe,
                status: "Running", createdAt: now, updatedAt: now)
            contents.callbacks[user, default: []].append(callback)
            return callback
        }
    }

    /// Applies `change` to one callback; nil when there is none.
    package func update(user: String, id: String, at now: Int, _ change: (inout Callback) -> Void) throws -> Callback? {
        try mutate { contents in
            guard var list = contents.callbacks[user], let index = list.firstIndex(where: { $0.id == id }) else { return nil }
            change(&list[index])
            list[index].updatedAt = now
            contents.callbacks[user] = list
            return list[index]
        }
    }

    /// Removes one callback; false when there was none. Its remote actions stay (what they did to the car is done).
    package func delete(user: String, id: String) throws -> Bool {
        try mutate { contents in
            guard let index = contents.callbacks[user]?.firstIndex(where: { $0.id == id }) else { return false }
            contents.callbacks[user]?.remove(at: index)
            return true
        }
    }

    // MARK: Remote actions

    /// The actions sent through one callback to one vehicle, oldest first.
    package func remotes(user: String, vehicle: String, callback: String) -> [RemoteAction] {
        contents.withLock { $0.remotes.filter { $0.user == user && $0.vehicle == vehicle && $0.callbackId == callback } }
    }

    /// Every action ever sent to a vehicle (through any callback), oldest first: what the car has been told.
    package func remotes(vehicle: String) -> [RemoteAction] { contents.withLock { $0.remotes.filter { $0.vehicle == vehicle } } }

    /// Stores a new action, made by `make` from a fresh id and the vehicle's earlier actions, under one lock: two
    /// actions posted at once cannot both find the vehicle free.
    package func addRemote(_ make: (_ id: String, _ earlier: [RemoteAction]) -> RemoteAction) throws -> RemoteAction {
        try mutate { contents in
            contents.counter += 1
            var random = SeededRandom(seed: seed, "remote", contents.counter)
            let id = random.hex(40) + "r" + String(contents.counter)
            let action = make(id, contents.remotes)
            contents.remotes.append(action)
            return action
        }
    }

    /// Every remote action, oldest first.
    package func allRemotes() -> [RemoteAction] { contents.withLock { $0.remotes } }

    /// Records that the first `count` steps of an action have been raised.
    package func markNotified(_ id: String, count: Int) throws {
        try mutate { contents in
            guard let index = contents.remotes.firstIndex(where: { $0.id == id }) else { return }
            contents.remotes[index].notified = max(contents.remotes[index].notified, count)
        }
    }

    // MARK: Storage

    /// Changes the contents and writes the file while holding the lock, so writes never interleave; a change whose
    /// file cannot be written is not kept.
    private func mutate<T>(_ change: (inout Contents) -> T) throws -> T {
        try contents.withLock { contents in
            var copy = contents
            let result = change(&copy)
            try AtomicFile.write(Self.document(copy).bytes, to: file, mode: 0o600)
            contents = copy
            changes.withLock { $0 += 1 }
            return result
        }
    }

    private static func document(_ contents: Contents) -> JSON {
        .obj([
            "counter": .int(contents.counter),
            "callbacks": .object(
                contents.callbacks.sorted { $0.key < $1.key }.map { user, list in
                    (
                        user,
                        .array(
                            list.map {
                                .obj([
                                    "id": .string($0.id), "status": .string($0.status), "subscribe": $0.subscribe,
                                    "createdAt": .int($0.createdAt), "updatedAt": .int($0.updatedAt),
                                ])
                            })
                    )
                }),
            "remotes": .array(
                contents.remotes.map {
                    .obj([
                        "id": .string($0.id), "user": .string($0.user), "vehicle": .string($0.vehicle), "callbackId": .string($0.callbackId),
                        "remote": $0.remote, "action": .string($0.action), "type": .string($0.type), "createdAt": .int($0.createdAt),
                        "wakesVehicle": .bool($0.wakesVehicle), "outcome": .string($0.outcome),
                        "failureCause": $0.failureCause.map { .string($0) }, "notified": .int($0.notified),
                    ])
                }),
        ])
    }

    private static func callback(_ item: JSON) -> Callback? {
        guard let id = item["id"]?.string, let subscribe = item["subscribe"], let status = item["status"]?.string else { return nil }
        return Callback(
            id: id, subscribe: subscribe, status: status, createdAt: Int(item["createdAt"]?.number ?? 0),
            updatedAt: Int(item["updatedAt"]?.number ?? 0))
    }

    private static func remote(_ item: JSON) -> RemoteAction? {
        guard let id = item["id"]?.string, let user = item["user"]?.string, let vehicle = item["vehicle"]?.string,
            let callback = item["callbackId"]?.string, let remote = item["remote"], let action = item["action"]?.string,
            let type = item["type"]?.string, let outcome = item["outcome"]?.string
        else { return nil }
        return RemoteAction(
            id: id, user: user, vehicle: vehicle, callbackId: callback, remote: remote, action: action, type: type,
            createdAt: Int(item["createdAt"]?.number ?? 0), wakesVehicle: item["wakesVehicle"] == .bool(true), outcome: outcome,
            failureCause: item["failureCause"]?.string, notified: Int(item["notified"]?.number ?? 0))
    }
}
