import Shell

/// `alerts REF`: the vehicle's alerts, a lazy list (`alerts 0 | first 3` costs one request).
struct AlertsCommand: Command {
    let api: APIContext

    var signature: Signature {
        let signature = Signature("alerts", summary: "List a vehicle's alerts (lazily, page by page), in a language.")
            .input("vehicle records (optional): one request per vehicle, concurrently")
            .output("list of alert records")
            .optional("vehicle", .vehicle)
            .flag("locale", .kind(.locale), "Language of the messages, e.g. `fr-FR` (default: the profile's).")
        return TimeWindow.flags(on: signature)
            .curlSwitch()
            .example("vehicles | first | alerts --locale fr-FR", "The first vehicle's alerts in French.")
            .example("alerts 0 | first 3", "Three alerts, one request.")
            .example("vehicles | alerts | select vin type message", "Every vehicle's alerts, tagged with the VIN.")
            .example("alerts 0 --since 2026-10-01 --until 2026-10-08 | count", "The alerts of one week.")
    }

    var view: View? { .alert }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        nonisolated(unsafe) let api = api
        let query: [(name: String, value: String?)] =
            [("locale", call.string("locale") ?? api.locale)] + [try TimeWindow.query(call, now: api.serverClock.now)].compactMap { $0 }
        let curl = call.isSet("curl")
        return try VehicleArgument.each(call, input: input, api: api) { worker, id in
            .stream(try api.collection(api.vehiclePath(id, "alerts"), query: query, on: worker, curl: curl))
        }
    }
}
