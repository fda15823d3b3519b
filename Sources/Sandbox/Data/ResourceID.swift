/// Identifiers that look like production's (long lowercase hex) yet decode back to the item they name, so the
/// sandbox can serve `/user/vehicles/{id}` for a fleet of 10,000 without keeping a table of ids.
///
/// Layout: 16 hex digits carrying a keyed Feistel permutation of the item's index (so ids look random and differ
/// per seed), followed by seed-derived filler up to the production length. Decoding inverts the permutation and
/// then checks that the whole id is exactly the one the sandbox would generate, so a near-miss is "not found".
package struct ResourceID: Sendable {
    /// What the id names; the kind is part of the key, so a trip id is never a valid alert id.
    package enum Kind: String, Sendable {
        case vehicle, alert, trip, collision, telemetry, alarm
        /// Production lengths: 193 hex digits for vehicles, 129 for the rest.
        var length: Int { self == .vehicle ? 193 : 129 }
    }

    package let seed: UInt64

    package init(seed: UInt64) { self.seed = seed }

    /// The id of item `index` of `kind`; `index` packs the owning vehicle and item numbers (see ``pack(_:_:)``).
    package func make(_ kind: Kind, _ index: UInt64) -> String {
        let head = String(feistel(index, kind: kind, forward: true), radix: 16)
        let padded = String(repeating: "0", count: 16 - head.count) + head
        var random = SeededRandom(seed: seed, "id." + kind.rawValue, Int(truncatingIfNeeded: index))
        return padded + random.hex(kind.length - 16)
    }

    /// The index an id names, or nil when the id is not one this sandbox made.
    package func decode(_ kind: Kind, _ id: String) -> UInt64? {
        guard id.utf8.count == kind.length, let head = UInt64(id.prefix(16), radix: 16) else { return nil }
        let index = feistel(head, kind: kind, forward: false)
        return make(kind, index) == id ? index : nil
    }

    /// Packs a vehicle number and an item number into one index.
    package static func pack(_ vehicle: Int, _ item: Int) -> UInt64 { UInt64(vehicle) << 32 | UInt64(item) }

    /// Splits an index made by ``pack(_:_:)``.
    package static func unpack(_ index: UInt64) -> (vehicle: Int, item: Int) {
        (Int(index >> 32), Int(index & 0xFFFF_FFFF))
    }

    /// A 4-round Feistel network on 64 bits: a bijection keyed by seed and kind, inverted by running it backwards.
    private func feistel(_ value: UInt64, kind: Kind, forward: Bool) -> UInt64 {
        var left = UInt32(truncatingIfNeeded: value >> 32)
        var right = UInt32(truncatingIfNeeded: value)
        let key = SeededRandom.mix(
            seed ^ UInt64(kind.length)
                ^ (kind == .alert ? 0xA1 : kind == .trip ? 0x7B : kind == .collision ? 0xC0 : kind == .telemetry ? 0x3E : kind == .alarm ? 0xA7 : 0))
        func round(_ half: UInt32, _ n: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: SeededRandom.mix(key &+ n << 32 ^ UInt64(half))) }
        let rounds: [UInt64] = forward ? [0, 1, 2, 3] : [3, 2, 1, 0]
        for n in rounds {
            if forward {
                (left, right) = (right, left ^ round(right, n))
            } else {
                (left, right) = (right ^ round(left, n), left)
            }
        }
        return UInt64(left) << 32 | UInt64(right)
    }
}
