import Foundation
import Shell

/// The vehicle cache made ready for TAB: VINs upper-cased, labels lower-cased and ids packed end to end as bytes
/// once, so that matching a typed prefix against 10 000 vehicles is a `memcmp` each, with no allocation or
/// reference counting per vehicle (well under the 5 ms TAB may take, `bench/repl.sh`); the listing text is built
/// only for the candidates that will be shown.
struct VehicleIndex {
    /// Strings as UTF-8 bytes end to end: string `n` is `bytes[starts[n]..<starts[n + 1]]`.
    private struct Packed {
        var bytes: [UInt8] = []
        var starts: [Int] = [0]

        init(_ strings: [String]) {
            for string in strings {
                bytes.append(contentsOf: string.utf8)
                starts.append(bytes.count)
            }
        }

        /// For each string, whether it starts with `prefix`.
        func matching(_ prefix: String) -> [Bool] {
            let prefix = Array(prefix.utf8)
            var found = [Bool](repeating: false, count: starts.count - 1)
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for n in found.indices where starts[n + 1] - starts[n] >= prefix.count {
                    found[n] = prefix.isEmpty || memcmp(base + starts[n], prefix, prefix.count) == 0
                }
            }
            return found
        }
    }

    private let cache: VehicleCache
    private let generation: Int
    private let entries: [VehicleCache.Entry]
    private let vins: Packed
    private let labels: Packed
    private let ids: Packed

    init(_ cache: VehicleCache) {
        self.cache = cache
        generation = cache.generation
        entries = cache.entries
        vins = Packed(entries.map { $0.vin.uppercased() })
        labels = Packed(entries.map { $0.label.lowercased() })
        ids = Packed(entries.map(\.id))
    }

    /// Whether the index still shows `cache` as it is.
    func isCurrent(for cache: VehicleCache) -> Bool { self.cache === cache && generation == cache.generation }

    /// Vehicles whose VIN or label starts with `typed` (any case) — the VIN goes in — or whose id does — the id
    /// goes in. The first `listed` show VIN, label and a short id; the rest only count.
    func candidates(_ typed: String, listed: Int) -> [CompletionCandidate] {
        let (byVIN, byLabel, byID) = (vins.matching(typed.uppercased()), labels.matching(typed.lowercased()), ids.matching(typed))
        var candidates: [CompletionCandidate] = []
        candidates.reserveCapacity(entries.count)
        for n in entries.indices where byVIN[n] || byLabel[n] || byID[n] {
            let entry = entries[n]
            let text = byVIN[n] || byLabel[n] ? entry.vin : entry.id
            guard candidates.count < listed else {
                candidates.append(CompletionCandidate(text))
                continue
            }
            candidates.append(CompletionCandidate(text, display: "\(entry.vin)  \(entry.label)  \(entry.id.prefix(12))…", description: entry.brand))
        }
        return candidates
    }
}
