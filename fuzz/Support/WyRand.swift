/// A seeded random number generator (wyrand): the same seed gives the same inputs, so any input can be made again
/// from its seed and index (`--seed S --only N`).
package struct WyRand: RandomNumberGenerator {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0xA076_1D64_78BD_642F
        let product = state.multipliedFullWidth(by: state ^ 0xE703_7ED1_A0B4_28DB)
        return product.high ^ product.low
    }

    /// A number in `0..<bound`.
    package mutating func below(_ bound: Int) -> Int { Int(next(upperBound: UInt64(max(1, bound)))) }

    /// True `percent` times in a hundred.
    package mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    package mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
