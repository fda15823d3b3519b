extension HistoryStore {
    /// What an import of prices changed.
    package struct PriceImport: Equatable, Sendable {
        /// Intervals not known before, and known ones whose price or end changed.
        package var added: Int
        package var changed: Int
        /// The first start and the last end imported (seconds since 1970).
        package var from: Int?
        package var through: Int?
    }

    /// Keeps `prices` for the dynamic tariff `tariff`: an interval already known with the same price is left as it
    /// is, so that importing a file twice changes nothing the second time.
    package func savePrices(_ prices: [PriceSchedule.MarketPrice], tariff: String) throws(HistoryError) -> PriceImport {
        try write { db in
            var result = PriceImport(added: 0, changed: 0, from: prices.first?.start, through: prices.last?.end)
            for price in prices {
                let known = try db.rows("SELECT endsAt, price FROM prices WHERE tariff = ? AND startsAt = ?", [tariff, price.start]).first
                if let known, known.get("endsAt", as: Int.self) == price.end, known.get("price", as: Double.self) == price.price { continue }
                try db.execute(
                    "INSERT OR REPLACE INTO prices (tariff, startsAt, endsAt, price) VALUES (?, ?, ?, ?)",
                    [tariff, price.start, price.end, price.price])
                if known == nil { result.added += 1 } else { result.changed += 1 }
            }
            return result
        }
    }

    /// The prices of `tariff` that overlap `from..<to` (seconds since 1970), by start.
    package func prices(tariff: String, from: Int, to: Int) throws(HistoryError) -> [PriceSchedule.MarketPrice] {
        try read { db in
            try db.rows(
                "SELECT startsAt, endsAt, price FROM prices WHERE tariff = ? AND endsAt > ? AND startsAt < ? ORDER BY startsAt", [tariff, from, to]
            ).compactMap { row in
                guard let start = row.get("startsAt", as: Int.self), let end = row.get("endsAt", as: Int.self),
                    let price = row.get("price", as: Double.self)
                else { return nil }
                return PriceSchedule.MarketPrice(start: start, end: end, price: price)
            }
        }
    }
}
