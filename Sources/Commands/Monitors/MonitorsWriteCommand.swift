import APIContract
import Client
import Shell

/// `monitors create REF …` (POST) and `monitors update REF MID …` (PUT, which replaces the whole monitor: the
/// current body is fetched and the flags change the parts they name). The body comes from the builder flags, a
/// `--file`, or a record from the pipe, and is checked locally with the API's rules before any request.
struct MonitorsWriteCommand: Command {
    enum Action { case create, update }

    let api: APIContext
    let action: Action

    var signature: Signature {
        var signature: Signature
        switch action {
        case .create:
            signature = Signature("monitors create", summary: "Create a monitor: a server-side rule that posts events to your webhook.")
                .input("vehicle records (one monitor each), or a monitor body record")
                .optional("vehicle", .vehicle)
                .discussion(
                    """
                    The body is built from the flags, or read with --file or from a record in the pipe (flags then change the parts \
                    they name). It is checked with the API's rules before it is sent: every problem is shown where it was written, \
                    and nothing is sent. Triggers combine with --expr; without it, all of them must hold. When the answer to the POST \
                    is lost (the connection broke, a 5xx), ccsh looks for a monitor with the same label and webhook before sending \
                    it again, so a retry never makes two.
                    """)
        case .update:
            signature = Signature("monitors update", summary: "Replace a monitor's body: the flags change the parts they name.")
                .input("a monitor body record (optional)")
                .optional("vehicle", .vehicle)
                .optional("monitor", .monitor)
                .discussion(
                    "The API has no partial update: ccsh fetches the monitor, applies the flags (or takes --file or the piped record), checks it and sends it whole."
                )
        }
        signature = signature.flag("file", .file, "Read the body from a JSON file.")
        signature = MonitorBuilder.flags(on: signature)
        signature = signature.switch("dry-run", "Check the body and show the request instead of sending it.").curlSwitch()
        switch action {
        case .create:
            return
                signature
                .example(
                    #"monitors create 0 --label "low battery" --callback https://example.com/hook --data low:vehicle.energy.electric.level:lt:20"#,
                    "Post to a webhook when the battery falls below 20 %."
                )
                .example(
                    "monitors create 0 --label home --callback https://example.com/hook --zone home:in:48.85,2.35:0.5 --time evening:Mon-Fri:18h:4h --expr 'home & evening' --dry-run | get body",
                    "Arriving home on a weekday evening: the body, checked but not sent."
                )
                .example("monitors template | monitors create 0 | get monitorId", "The template, created on the first vehicle.")
                .output("record: the monitor's id and status (MonitorRef); `reconciled: true` when a POST whose answer was lost had made it")
        case .update:
            return
                signature
                .example("monitors update 0 (monitors 0 | first | get id) --refresh 900", "Re-send events every 15 minutes instead.")
                .output("record: the monitor's id and status (MonitorRef)")
        }
    }

    var view: View? { .monitor }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        var piped: Record?
        var vehicles = input
        if case .value(.record(let record)) = input, Self.isBody(record) {
            piped = record
            vehicles = .value(.null)
        }
        let version = api.apiVersion
        switch action {
        case .create:
            let body = try MonitorBody(call, piped: piped, current: nil, version: version, context: context)
            guard version == .v417 else {
                return try send("POST", body, call, context, vehicles: vehicles) { id in APIContext.vehiclePath(id, "monitors") }
            }
            let callback = try MonitorCallback(api: api).resolve(call)
            return try send("POST", body, call, context, vehicles: vehicles) { id in
                APIContext.vehiclePath(id, "callbacks/\(URLEncoding.encode(callback))/monitors")
            }
        case .update:
            let call = VehicleArgument.shifted(call, to: "monitor", input: vehicles)
            let id = try VehicleArgument.id(call, input: vehicles, api: api)
            guard let reference = call.arguments["monitor"], !reference.value.text.isEmpty else {
                throw call.error("'monitors update' needs the monitor id", hint: "usage: \(signature.usage)", code: .badArgument)
            }
            let monitor = try MonitorTarget.id(reference, vehicle: id, call: call, api: api)
            // The flags change the current body; a piped record or a file replaces it.
            let fromFlags = piped == nil && call.string("file") == nil
            var path = api.vehiclePath(id, "monitors/\(URLEncoding.encode(monitor))")
            var current: Record?
            if version == .v417 {
                let found = try CallbackScan(requests: try api.requests(), type: "Monitor").find(
                    vehicle: id, resource: "monitors", id: monitor, callback: call.string("callback-id"))
                path = MonitorTarget(vehicle: id, monitor: monitor, callback: found.callback).path
                if fromFlags { current = found.record.recordValue?["monitor"]?.recordValue }
            } else if fromFlags {
                current = try api.get(path).recordValue?["monitor"]?.recordValue
            }
            let body = try MonitorBody(call, piped: piped, current: current, version: version, context: context)
            let monitorPath = path
            return try send("PUT", body, call, context, vehicles: .value(.null), fixed: id) { _ in monitorPath }
        }
    }

    /// Sends the body to each vehicle's path (one vehicle, or a fan-out over piped vehicles); or shows the request.
    private func send(
        _ method: String, _ body: MonitorBody, _ call: Call, _ context: CommandContext, vehicles: PipelineData, fixed: String? = nil,
        path: @escaping @Sendable (String) -> String
    ) throws -> PipelineData {
        let bytes = body.json.bytes
        let (dryRun, curl) = (call.isSet("dry-run"), call.isSet("curl"))
        let shown = Value(body.json)
        let named = ActedOnCar(api: api)
        // One car (not a fan-out over piped vehicles): said at a terminal before anything is sent.
        if !dryRun, !curl, let one = try fixed ?? (vehicles.isList ? nil : VehicleArgument.id(call, input: vehicles, api: api)) {
            named.say(call.name, [one], context: context)
        }
        let cars = named.records()
        let operation: @Sendable (Requests, String) throws -> PipelineData = { requests, id in
            if dryRun {
                return .value(
                    .record(
                        Record([
                            .init(name: "vehicle", value: cars[id] ?? ["id": .string(id)]), .init(name: "method", value: .string(method)),
                            .init(name: "path", value: .string(path(id))), .init(name: "body", value: shown),
                        ])))
            }
            if method == "POST", !curl {
                return .value(try MonitorCreation(requests: requests, path: path(id), body: shown, bytes: bytes).run())
            }
            return .value(try requests.send(APIRequest(method, path(id), body: bytes), curl: curl))
        }
        if let fixed { return try operation(try api.requests(), fixed) }
        return try VehicleArgument.each(call, input: vehicles, api: api, operation: operation)
    }

    /// A record that is a monitor body rather than a vehicle.
    static func isBody(_ record: Record) -> Bool {
        record["triggerParam"] != nil || record["subscribeParam"] != nil || (record["label"] != nil && record["vin"] == nil)
    }
}
