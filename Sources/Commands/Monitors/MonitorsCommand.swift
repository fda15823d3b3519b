import APIContract
import Client
import Shell

/// `monitors REF` lists a vehicle's monitors, lazily — in 4.17 across the callbacks they post through (the
/// `callback` column) — and `monitors show REF MID` shows one.
struct MonitorsCommand: Command {
    enum Action { case list, show }

    let api: APIContext
    let action: Action

    var signature: Signature {
        var signature: Signature
        switch action {
        case .list:
            signature = Signature("monitors", summary: "List a vehicle's monitors (server-side event rules), lazily.")
                .input("vehicle records (optional): one request per vehicle, concurrently")
                .optional("vehicle", .vehicle)
                .example("monitors 0 | select id status monitor.label", "Each monitor's id, status and label.")
                .example("vehicles | monitors | count", "Monitors across the fleet.")
                .output("list (lazy) of records (Monitor)")
        case .show:
            signature = Signature("monitors show", summary: "One monitor of a vehicle: its status and its body.")
                .input("a vehicle record, or a monitor record (from `monitors`) to read again")
                .optional("vehicle", .vehicle)
                .optional("monitor", .monitor)
                .example("monitors show 0 (monitors 0 | first | get id) | get monitor", "The first monitor's body.")
                .output("record (Monitor)")
        }
        return signature.flag("callback-id", .kind(.callback), "4.17: only under this callback (default: every callback serving monitors).")
            .curlSwitch()
    }

    var view: View? { .monitor }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        // `monitors 0 | first | monitors show`: the piped monitor, read again where its links say it lives.
        if action == .show, call.arguments["vehicle"] == nil, case .value(let value) = input, MonitorTarget.isMonitor(value),
            let target = try MonitorTarget.located(try MonitorTarget.all(call, input: input, api: api), call, api: api).first
        {
            return .value(try api.get(target.path, curl: call.isSet("curl")))
        }
        let call = action == .show ? VehicleArgument.shifted(call, to: "monitor", input: input) : call
        if action == .show, call.arguments["monitor"]?.value.text.isEmpty ?? true {
            throw call.error("'monitors show' needs the monitor id", hint: "usage: \(signature.usage)", code: .badArgument)
        }
        let (version, curl, callback) = (api.apiVersion, call.isSet("curl"), call.string("callback-id"))
        let monitor = try monitorID(call, input: input)
        if version == .v40, callback != nil {
            throw call.error(
                "--callback-id is for 4.17 monitors", hint: "v4.0 monitors live under the vehicle", argument: "callback-id", code: .badArgument)
        }
        nonisolated(unsafe) let api = api
        return try VehicleArgument.each(call, input: input, api: api) { worker, vehicle in
            let scan = CallbackScan(api: api, type: "Monitor")
            switch (version, monitor) {
            case (.v40, nil):
                return .stream(try api.collection(api.vehiclePath(vehicle, "monitors"), on: worker, curl: curl))
            case (.v40, let id?):
                return .value(try api.get(api.vehiclePath(vehicle, "monitors/\(URLEncoding.encode(id))"), on: worker, curl: curl))
            case (.v417, _) where curl:
                let path = "callbacks/\(URLEncoding.encode(callback ?? "CBID"))/monitors" + (monitor.map { "/" + URLEncoding.encode($0) } ?? "")
                return .value(try api.get(api.vehiclePath(vehicle, path), on: worker, curl: true))
            case (.v417, nil):
                return .stream(try scan.collection(vehicle: vehicle, resource: "monitors", callback: callback, on: worker))
            case (.v417, let id?):
                return .value(try scan.find(vehicle: vehicle, resource: "monitors", id: id, callback: callback, on: worker).record)
            }
        }
    }

    /// The monitor `monitors show` names, resolved among its vehicle's (nil for the listing).
    private func monitorID(_ call: Call, input: PipelineData) throws -> String? {
        guard let reference = call.arguments["monitor"] else { return nil }
        return try MonitorTarget.id(reference, vehicle: try VehicleArgument.id(call, input: input, api: api), call: call, api: api)
    }
}
