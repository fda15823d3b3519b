import Foundation
import Shell

/// The vehicles seen in `vehicles` listings, per profile, kept in the state directory (`id`, `vin`, `label`,
/// `brand`, in listing order): reference resolution and TAB completion read it without a request.
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
    package private(set) var entries: [Entry]

    init(file: URL) {
        self.file = file
        entries = Self.load(file)
    }

    /// Replaces the cache with a complete listing and saves it (atomically; a failure to save is not an error —
    /// the cache is only a shortcut).
    package func replace(with rows: [Value]) {
        entries = rows.compactMap(Self.entry)
        save()
    }

    /// Adds or updates the vehicles of a partial listing.
    package func merge(_ rows: [Value]) {
        for entry in rows.compactMap(Self.entry) {
            if let index = entries.firstIndex(where: { $0.id == entry.id }) { entries[index] = entry } else { entries.append(entry) }
        }
        save()
    }

    static func entry(_ row: Value) -> Entry? {
        guard case .record(let record) = row, case .string(let id)? = record["id"] else { return nil }
        return Entry(id: id, vin: record["vin"]?.text ?? "", label: record["label"]?.text ?? "", brand: record["brand"]?.text ?? "")
    }

    private static func load(_ file: URL) -> [Entry] {
        guard let data = FileManager.default.contents(atPath: file.path), let value = try? JSONReader.value(from: Array(data)) else { return [] }
        return (value.listItems ?? []).compactMap(entry)
    }

    private func save() {
        let value = Value.list(
            entries.map { ["id": .string($0.id), "vin": .string($0.vin), "label": .string($0.label), "brand": .string($0.brand)] })
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(JSONWriter.bytes(value)).write(to: file, options: .atomic)
    }
}
