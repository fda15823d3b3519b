import Shell

extension View {
    /// The account (`user`): who, since when, which vehicles.
    static let user = View("user", matching: .link("user"))
        .card { record, presentation in
            var lines: [View.Line] = []
            let name = [record.string("firstName"), record.string("lastName")].compactMap { $0 }.joined(separator: " ")
            if !name.isEmpty { lines.append(View.Line("name", name)) }
            if let email = record.string("email") { lines.append(View.Line("email", email)) }
            let vehicles = record.records("_embedded.Vehicles") + record.records("_embedded.vehicles")
            for (n, vehicle) in vehicles.enumerated() {
                let text = [vehicle.string("label"), vehicle.string("vin"), vehicle.string("brand")].compactMap { $0 }.joined(separator: " · ")
                lines.append(View.Line(n == 0 ? "vehicles" : "", text))
            }
            if let since = record.string("createdAt").flatMap(Instant.init)?.text(presentation) { lines.append(View.Line("since", since)) }
            return lines
        }
}
