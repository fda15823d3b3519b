/// A small, fast, deterministic generator (SplitMix64) so that the same `--seed` always yields the same fleet.
///
/// Each item is generated from its own stream, keyed by seed, kind and indexes, so any page can be produced on
/// demand without generating what comes before it.
package struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    /// A stream for one item: `SeededRandom(seed: 42, "alert", 3, 17)`.
    package init(seed: UInt64, _ kind: String, _ indexes: Int...) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in kind.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        for i in indexes { h = Self.mix(h ^ UInt64(bitPattern: Int64(i))) }
        state = h
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective 64-bit mix.
    package static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly random double in `range`.
    package mutating func double(in range: ClosedRange<Double>) -> Double {
        Double.random(in: range, using: &self)
    }

    /// A uniformly random int in `range`.
    package mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `p`.
    package mutating func chance(_ p: Double) -> Bool { double(in: 0...1) < p }

    /// One element of a non-empty array.
    package mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    /// `count` lowercase hex digits.
    package mutating func hex(_ count: Int) -> String {
        var bytes = [UInt8](repeating: 0, count: count)
        var bits: UInt64 = 0
        for i in 0..<count {
            if i % 16 == 0 { bits = next() }
            bytes[i] = Self.hexDigits[Int(bits & 0xF)]
            bits >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A random version-4 UUID string, lowercase.
    package mutating func uuid() -> String {
        let h = hex(32)
        var chars = Array(h)
        chars[12] = "4"
        chars[16] = Array("89ab")[Int(next() & 3)]
        let s = String(chars)
        func part(_ a: Int, _ b: Int) -> Substring { s.dropFirst(a).prefix(b - a) }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }

    /// A value rounded to `places` decimals.
    package static func round(_ value: Double, _ places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
