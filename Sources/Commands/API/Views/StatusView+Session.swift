import Shell

extension StatusView {
    /// The status card completed from the session when it is drawn: the vehicle's name from the vehicle cache, its
    /// maintenance and its active alerts (two GETs, made only for a card; a failed one leaves its line out).
    @Sendable static func completed(_ api: APIContext) -> View {
        let api = ShellThreadBound(api)
        return view { record in
            guard let id = record.linkedID("vehicle") else { return Extras() }
            let context = api.wrapped
            var extras = Extras()
            if let entry = context.vehicles.entries.first(where: { $0.id == id }) {
                extras.vehicle = [entry.label, entry.vin, entry.brand].filter { !$0.isEmpty }.joined(separator: " · ")
            }
            extras.maintenance = (try? context.get(context.vehiclePath(id, "maintenance")))?.recordValue
            if case .record(let page)? = try? context.get(context.vehiclePath(id, "alerts"), query: [("pageSize", "60"), ("locale", context.locale)])
            {
                let active = page.records("_embedded.alerts").filter { $0.bool("active") == true }.count
                extras.activeAlerts = (active, (page.number("totalPage") ?? 1) > 1)
            }
            return extras
        }
    }
}
