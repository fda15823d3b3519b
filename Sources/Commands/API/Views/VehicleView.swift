import Shell

extension View {
    /// A vehicle (`vehicles`, `vehicle`, and the vehicles `user` embeds): model, VIN, brand, energy.
    static let vehicle = View("vehicle", matching: .link("vehicles/*"))
        .identified { $0.string("id") }
        .column("label", .text("label"))
        .column("vin", .code("vin"))
        .column("brand", .text("brand"))
        .column("energy", .custom(cut: .never) { record, _ in Cell(VehicleView.energy(record)) })
        .column("id", .identifier("id"), priority: 2)
        .column("updated", .instant("updatedAt"), priority: 3)
        .card { record, presentation in
            var lines = [View.Line("", [record.string("label"), record.string("brand")].compactMap { $0 }.joined(separator: " · "))]
            lines.append(View.Line("vin", record.string("vin") ?? "—"))
            lines.append(View.Line("energy", VehicleView.energy(record)))
            lines.append(View.Line("id", (record.string("id") ?? "").cutInMiddle(max(12, presentation.width - 10))))
            if let added = record.string("createdAt").flatMap(Instant.init)?.text(presentation) { lines.append(View.Line("added", added)) }
            if let updated = record.string("updatedAt").flatMap(Instant.init)?.text(presentation) { lines.append(View.Line("updated", updated)) }
            if let pictures = record.at("pictures")?.listItems, !pictures.isEmpty { lines.append(View.Line("pictures", "\(pictures.count)")) }
            return lines
        }
}

/// Words for what drives a vehicle.
enum VehicleView {
    /// `electric`, `hybrid (petrol)`, `thermic (diesel)`: the 4.17 `motorization` with the 4.0 `engine` energies.
    static func energy(_ record: Record) -> String {
        let fuels = record.records("engine").compactMap { $0.string("energy") }.map { fuelNames[$0] ?? Units.words($0) }
        let kind =
            record.string("motorization").map { Units.words($0).lowercased() }
            ?? (record.records("engine").map { $0.string("class") ?? "" }.contains("Electric") ? "electric" : "thermic")
        return fuels.isEmpty || kind == "electric" ? kind : "\(kind) (\(fuels.joined(separator: ", ")))"
    }

    private static let fuelNames = ["Gasoil": "diesel", "Petrol": "petrol", "GPL": "LPG", "Biologic": "biofuel"]
}
