import Foundation
import SafeFile
import Shell
import Synchronization

/// The vehicles seen in `vehicles` listings, per profile, kept in the state directory (`id`, `vin`, `label`,
/// `brand`, in listing order): reference resolution and TAB completion read it without a request, and vehicle
/// tables number their rows by it (a vehicle's number is its position here, whatever filter made the table).
package final class VehicleCache {
    /// One cached vehicle.
    package struct Entry: Equatable, Sendable {
        package var id: String
        package var vin: String
        package var label: String
        package var brand: String
    }

    /// Where the cache is kept (`STATE/cache/PROFILE-vehicles.json`).
    let file: URL
    /// The file being read on a thread of its own, until the entries are first needed; nil: read when first needed.
    private let preload: Preload?
    /// Told the listing order, which vehicle tables number their rows by.
    private let shown: ShownTables?
    /// Told the vehicles' names, which errors name them by.
    private let names: VehicleNames?
    private var loaded: [Entry]? {
        didSet {
            guard let loaded else { return }
            shown?.fixNumbers(of: View.vehicle.name, ids: loaded.map(\.id))
            names?.update(loaded)
        }
    }
    /// Changes each time the entries do (for indexes built over them).
    package private(set) var generation = 0

    /// With `preloading`, starts reading the file in the background: a large fleet's cache (megabytes of JSON) must
    /// not hold up the first prompt, and the first use of ``entries`` waits for it. Without, the file is read when
    /// first needed — when that is at once (a profile opened for a command), a thread would only add its start.
    init(file: URL, preloading: Bool = true, shown: ShownTables? = nil, names: VehicleNames? = nil) {
        self.file = file
        let preload = preloading ? Preload(file: file) : nil
        self.preload = preload
        self.shown = shown
        self.names = names
        shown?.fixNumbers(of: View.vehicle.name) { (preload?.entries() ?? VehicleCache.load(file)).map(\.id) }
    }

    /// The cached vehicles, in listing order.
    package private(set) var entries: [Entry] {
        get {
            if let loaded { return loaded }
            let entries = preload?.entries() ?? Self.load(file)
            loaded = entries
            return entries
        }
        set { loaded = newValue }
    }

    /// Replaces the cache with a complete listing and saves it (atomically; a failure to save is not an error —
    /// the cache is only a shortcut).
    package func replace(with rows: [Value]) {
        entries = rows.compactMap(Self.entry)
        generation += 1
        let lock = try? FileLock(for: file.path)
        save()
        withExtendedLifetime(lock) {}
    }

    /// Adds or updates the vehicles of a partial listing, onto what the file holds now (another ccsh may have
    /// written it since it was read): read, merged and written under the file's lock.
    package func merge(_ rows: [Value]) {
        let lock = try? FileLock(for: file.path)
        var merged = Self.load(file)
        if merged.isEmpty { merged = entries }
        for entry in rows.compactMap(Self.entry) {
            if let index = merged.firstIndex(where: { $0.id == entry.id }) { merged[index] = entry } else { merged.append(entry) }
        }
        entries = merged
        generation += 1
        save()
        withExtendedLifetime(lock) {}
    }

    static func entry(_ row: Value) -> Entry? {
        guard case .record(let record) = row, case .string(let id)? = record["id"] else { return nil }
        return Entry(id: id, vin: record["vin"]?.text ?? "", label: record["label"]?.text ?? "", brand: record["brand"]?.text ?? "")
    }

    fileprivate static func load(_ file: URL) -> [Entry] {
        guard let data = FileManager.default.contents(atPath: file.path), let value = try? JSONReader.value(from: Array(data)) else { return [] }
        return (value.listItems ?? []).compactMap(entry)
    }

    private func save() {
        let value = Value.list(
            entries.map { ["id": .string($0.id), "vin": .string($0.vin), "label": .string($0.label), "brand": .string($0.brand)] })
        try? SafeFile.makeDirectory(file.deletingLastPathComponent().path)
        try? SafeFile.write(JSONWriter.bytes(value), to: file.path, mode: 0o600)
    }
}

/// A cache file read on a thread of its own; `entries()` waits for it (at once when it is done).
private final class Preload: Sendable {
    private let result = Mutex<[VehicleCache.Entry]>([])
    private let done = DispatchSemaphore(value: 0)

    init(file: URL) {
        Thread { [self] in
            let entries = VehicleCache.load(file)
            result.withLock { $0 = entries }
            done.signal()
        }.start()
    }

    func entries() -> [VehicleCache.Entry] {
        done.wait()
        done.signal()
        return result.withLock { $0 }
    }
}
