import Shell

extension View {
    /// A collision (`collisions`): when, which side, how hard.
    static let collision = View("collision", matching: .link("collisions/*"))
        .column("vin", .code("vin"))
        .column("time", .instant("createdAt"))
        .column("impact", .custom { record, _ in CollisionView.impact(record).map { Cell($0) } })
        .column("pedestrian", .yesNo("pedestrian", yes: "pedestrian", emphasis: .alarm), priority: 2)
        .column(
            "tipped over",
            .custom(cut: .never) { record, _ in
                record.bool("tippedOver") == true || record.bool("rollOver") == true ? Cell("tipped over", .alarm) : nil
            }, priority: 2
        )
        .column("id", .identifier("id"), priority: 3)
}

/// Words for a collision.
enum CollisionView {
    /// `rear minimal`, from 4.17's `details`, else 4.0's `front`/`rear`/`lateral` levels (`rear low`).
    static func impact(_ record: Record) -> String? {
        let details = record.records("details").compactMap { detail -> String? in
            guard let side = detail.string("side") else { return nil }
            return [side.lowercased(), detail.string("severity").map { $0.lowercased() }].compactMap { $0 }.joined(separator: " ")
        }
        if !details.isEmpty { return details.joined(separator: ", ") }
        let sides = ["front", "rear", "lateral"].compactMap { side -> String? in
            guard let level = record.string("\(side).level"), level != "none" else { return nil }
            return "\(side) \(level)"
        }
        return sides.isEmpty ? nil : sides.joined(separator: ", ")
    }
}
