/// A traction battery's usable capacity, estimated from charge sessions (docs/history.md, "Battery health"): each
/// session whose energy was measured (the residual energy at its start and end) and that gained at least
/// ``minimumGain`` points says capacity = energy added ÷ level gained × 100. The estimate of several sessions is their
/// energy over their points gained, all together (the levels are whole per cents: a session's own figure is off by
/// up to a point at each end; together those errors cancel); its spread is the standard deviation of the sessions'
/// own figures.
package struct CapacityEstimate: Equatable, Sendable {
    /// A session as the estimate reads it.
    package struct Session: Equatable, Sendable {
        /// kWh.
        package var energy: Double
        /// Points of level gained.
        package var gained: Double

        package init(energy: Double, gained: Double) {
            self.energy = energy
            self.gained = gained
        }

        /// Its own figure, kWh.
        var capacity: Double { energy / gained * 100 }
    }

    package var sessions: Int
    /// kWh.
    package var capacity: Double
    /// kWh: the standard deviation of the sessions' own figures (0 for one session).
    package var spread: Double
    /// kWh: the lowest and highest of the sessions' own figures.
    package var low: Double
    package var high: Double

    /// Gains below this many points are too coarse to tell (a point of rounding is a tenth of the figure).
    package static let minimumGain = 10.0

    /// The estimate of `sessions` (those that gained too little left out); nil when none is left.
    package static func of(_ sessions: [Session]) -> CapacityEstimate? {
        let kept = sessions.filter { $0.gained >= minimumGain && $0.energy > 0 }
        guard !kept.isEmpty else { return nil }
        let figures = kept.map(\.capacity)
        let mean = figures.reduce(0, +) / Double(figures.count)
        let variance = figures.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, figures.count - 1))
        return CapacityEstimate(
            sessions: kept.count, capacity: kept.reduce(0) { $0 + $1.energy } / kept.reduce(0) { $0 + $1.gained } * 100,
            spread: figures.count > 1 ? variance.squareRoot() : 0, low: figures.min() ?? 0, high: figures.max() ?? 0)
    }
}
