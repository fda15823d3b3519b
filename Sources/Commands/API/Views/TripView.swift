import Shell

extension View {
    /// A trip (`trips`, `trip`): when, how long, how far, what it used, from where to where.
    static let trip = View("trip", matching: .link("trips/*"))
        .identified { $0.string("id") }
        .column("vin", .code("vin"))
        .column("started", .instant("startedAt"))
        .column("duration", .duration("duration"))
        .column("distance", .number("distance", unit: "km", digits: 1))
        .column("consumption", .custom(alignsRight: true, cut: .never) { record, _ in TripView.consumption(record).map { Cell($0) } }, priority: 2)
        .column("energy", .custom(cut: .never) { record, _ in TripView.energyUsed(record).map { Cell($0) } }, priority: 3)
        .column("from → to", .custom(cut: .never) { record, _ in TripView.places(record).map { Cell($0) } }, priority: 4)
        .column("avg speed", .number("kinetic.avgSpeed", unit: "km/h"), priority: 5)
        .column("id", .identifier("id"), priority: 6)
        .card { record, presentation in
            var lines: [View.Line] = []
            if let vin = record.string("vin") { lines.append(View.Line("vin", vin)) }
            if let started = record.string("startedAt").flatMap(Instant.init)?.text(presentation) { lines.append(View.Line("started", started)) }
            if let stopped = record.string("stoppedAt").flatMap(Instant.init)?.text(presentation) { lines.append(View.Line("stopped", stopped)) }
            if let duration = record.at("duration").flatMap(Units.duration) { lines.append(View.Line("duration", duration)) }
            if let distance = record.number("distance") { lines.append(View.Line("distance", Units.number(distance, digits: 1, unit: "km"))) }
            if let consumption = TripView.consumption(record) { lines.append(View.Line("consumption", consumption)) }
            if let energy = TripView.energyUsed(record) { lines.append(View.Line("energy", energy)) }
            if let places = TripView.places(record) { lines.append(View.Line("from → to", places)) }
            if let average = record.number("kinetic.avgSpeed") {
                let maximum = record.number("kinetic.maxSpeed").map { ", at most " + Units.number($0, digits: 0, unit: "km/h") } ?? ""
                lines.append(View.Line("speed", Units.number(average, digits: 0, unit: "km/h") + " on average" + maximum))
            }
            if let ratio = record.number("zeroEmissionRatio") { lines.append(View.Line("zero emission", Units.number(ratio, digits: 0, unit: "%"))) }
            if let odometer = record.number("odometer") { lines.append(View.Line("odometer", Units.number(odometer, digits: 1, unit: "km"))) }
            let faults = record.at("faults")?.listItems?.map { ($0.recordValue?.string("fault") ?? $0.stringValue).map(Units.words) ?? $0.text } ?? []
            if !faults.isEmpty { lines.append(View.Line("faults", faults.joined(separator: ", "), .warning)) }
            lines.append(View.Line("id", (record.string("id") ?? "").cutInMiddle(max(12, presentation.width - 10))))
            return lines
        }
}

/// Words for a trip's figures.
enum TripView {
    /// `14.7 kWh/100 km` or `5.9 L/100 km`: v4.0's `avgConsumption` (kWh or L per 100 km), 4.17's
    /// `energyConsumptions` (Wh/100 km electric, cL/100 km fuel).
    static func consumption(_ record: Record) -> String? {
        // The usual trip: one energy in v4.0's avgConsumption.
        if case .list(let items)? = record["avgConsumption"], items.count == 1, case .record(let item) = items[0],
            let value = item["value"]?.number
        {
            return Units.number(value, digits: 1, unit: item["type"] == .string("Electric") ? "kWh/100 km" : "L/100 km")
        }
        let legacy = record.records("avgConsumption").compactMap { item -> String? in
            guard let value = item.number("value") else { return nil }
            return Units.number(value, digits: 1, unit: item.string("type") == "Electric" ? "kWh/100 km" : "L/100 km")
        }
        if !legacy.isEmpty { return legacy.joined(separator: ", ") }
        let current = record.records("energyConsumptions").compactMap { item -> String? in
            guard let value = item.number("avgConsumption"), value > 0 else { return nil }
            return item.string("type") == "Electric"
                ? Units.number(value / 1000, digits: 1, unit: "kWh/100 km") : Units.number(value / 100, digits: 1, unit: "L/100 km")
        }
        return current.isEmpty ? nil : current.joined(separator: ", ")
    }

    /// `78 → 23 %`: the first energy's level at the start and at the end.
    static func energyUsed(_ record: Record) -> String? {
        guard let start = firstLevel(record["startEnergies"]), let end = firstLevel(record["endEnergies"]) else { return nil }
        return TextWriter.text(capacity: 2 * TextWriter.numberCapacity + 7) { text in
            text.fixed(start, digits: 0)
            text.write(" → ")
            text.fixed(end, digits: 0)
            text.write(" %")
        }
    }

    /// `energies.0.level`, read directly (every row of a trip table asks for two).
    private static func firstLevel(_ energies: Value?) -> Double? {
        guard case .list(let items)? = energies, case .record(let first)? = items.first else { return nil }
        return first["level"]?.number
    }

    /// `44.8936, 7.8442 → 45.0781, 7.6987`.
    static func places(_ record: Record) -> String? {
        guard let start = GeoPoint.coordinates(ofFeature: record["startPosition"]),
            let stop = GeoPoint.coordinates(ofFeature: record["stopPosition"])
        else { return nil }
        return TextWriter.text(capacity: 4 * TextWriter.numberCapacity + 9) { text in
            text.coordinates(longitude: start.longitude, latitude: start.latitude, digits: 4)
            text.write(" → ")
            text.coordinates(longitude: stop.longitude, latitude: stop.latitude, digits: 4)
        }
    }
}
