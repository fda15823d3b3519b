import APIContract

/// A status document without what changes at every report — its times — and without what a snapshot's columns
/// hold (levels, ranges, residual energy, odometer, motion, position, heading, charging rate and time, plug, outside
/// temperature). Two documents alike here differ only in what the columns keep: the later one's document need not
/// be kept (docs/history.md, "What the API gives").
package enum StatusMask {
    /// The keys left out, wherever they are.
    static let keys: Set<String> = [
        "createdAt", "updatedAt", "level", "autonomy", "residual", "mileage", "moving", "speed", "coordinates", "heading", "remainingTime",
        "chargingRate", "chargingMode", "plugged", "temp",
    ]

    package static func masked(_ document: JSON) -> JSON {
        switch document {
        case .object(let members): return .object(members.filter { !keys.contains($0.0) }.map { ($0.0, masked($0.1)) })
        case .array(let items): return .array(items.map(masked))
        default: return document
        }
    }
}
