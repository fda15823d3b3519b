import APIContract

/// What an API trip says it consumed (docs/history.md, "Tariffs and costs", "Efficiency and health").
extension HistoryStore {
    /// A trip's average electric consumption in kWh/100 km: 4.0's `avgConsumption` (kWh/100 km), 4.17's
    /// `energyConsumptions[].avgConsumption` (Wh/100 km).
    static func electricPer100km(_ trip: JSON) -> Double? {
        let isElectric: (JSON) -> Bool = { $0["type"]?.string == "Electric" }
        if let rate = trip["avgConsumption"]?.array?.first(where: isElectric)?["value"]?.number { return rate }
        return trip["energyConsumptions"]?.array?.first(where: isElectric)?["avgConsumption"]?.number.map { $0 / 1000 }
    }

    /// A trip's average fuel consumption in L/100 km: 4.0's `avgConsumption` (L/100 km), 4.17's
    /// `energyConsumptions[].avgConsumption` (cL/100 km).
    static func fuelPer100km(_ trip: JSON) -> Double? {
        let isFuel: (JSON) -> Bool = { $0["type"]?.string == "Fuel" }
        if let rate = trip["avgConsumption"]?.array?.first(where: isFuel)?["value"]?.number { return rate }
        return trip["energyConsumptions"]?.array?.first(where: isFuel)?["avgConsumption"]?.number.map { $0 / 100 }
    }
}
