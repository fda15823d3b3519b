import APIContract

/// What a monitor sends when it fires: a v4.0 `MonitorEvents` body (connectedcar-v4.0-webhook-template.yaml) to
/// the monitor's own callback, with its retry policy and batching, or a 4.17 `Message` of type `Monitor`
/// (connectedcar-v4.16-webhook-template.yaml) to the callback it is bound to. Either way the monitor's attributes
/// are applied (`$vin`, `$MonitorID`, `$MonitorLabel` substituted) and the extensions it asked for are read from
/// the car's state at the event.
struct MonitorMessage {
    /// One trigger datum that caused the firing: its name, its value, and the value before it (4.17 `previous`).
    struct Cause {
        var data: String
        var value: String
        var previous: String?
    }

    var target: String
    var headers: [(String, String)]
    var query: [(String, String)]
    var body: JSON
    var policy: Deliveries.Policy

    /// The message for `record` firing at `t`, or nil when it has nowhere to go (no webhook; a paused or deleted
    /// callback; a callback that does not serve monitors).
    init?(
        record: MonitorStore.Record, user: String, vehicle: Fleet.Vehicle, state: VehicleState, at t: Int, causes: [Cause], refresh: Bool,
        extensions: [String], api: ConnectedCarAPI, documents: Documents
    ) {
        let variables = ["vin": vehicle.vin, "monitorid": record.id, "monitorlabel": record.parameter["label"]?.string ?? ""]
        let v40 = record.callbackId == nil
        let values: [JSON] = causes.map { cause in
            .obj([
                "data": .string(v40 && cause.data == "privacy.state" ? "privacy.status" : cause.data),
                "value": .obj(["type": "string", "body": .obj(["literalValue": .string(cause.value)])]),
                "previous": v40 ? nil : cause.previous.map { .string($0) },
            ])
        }
        let extensionItems = Self.extensions(extensions, vehicle: vehicle, state: state, v40: v40, documents: documents)
        if let callbackId = record.callbackId {
            guard let callback = api.callbacks.callback(user: user, id: callbackId), callback.status == "Running",
                callback.types.contains("Monitor")
            else { return nil }
            let event: JSON = .obj([
                "monitorId": .string(record.id), "values": .array(values), "extensions": .array(extensionItems), "refresh": .bool(refresh),
            ])
            let extra =
                (record.parameter["attributes"]?.array ?? []) + (record.parameter["subscribeParam"]?["callbackAttributes"]?["webhook"]?.array ?? [])
            guard
                let message = CallbackMessage(
                    callback: callback, type: "Monitor", date: t, event: ("monitorEvent", event), extraAttributes: extra, variables: variables)
            else { return nil }
            (target, headers, query, body, policy) = (message.target, message.headers, message.query, message.body, Deliveries.Policy())
            return
        }
        let subscribe = record.parameter["subscribeParam"]
        guard let callback = subscribe?["callback"]?["webhook"] ?? subscribe?["callback"], let target = callback["target"]?.string else { return nil }
        let applied = CallbackMessage.Attributes(callback["attributes"]?.array ?? callback["attributres"]?.array ?? [], variables: variables)
        let event: JSON = .obj([
            "vin": .string(vehicle.vin), "eventDate": .string(Timestamp.format(t)), "values": .array(values),
            "extensions": .array(extensionItems), "refresh": .bool(refresh),
        ])
        self.target = target
        headers = applied.headers
        query = applied.query
        body = .obj(["monitorId": .string(record.id), "attributes": applied.bodyJSON, "events": [event]])
        policy = Self.policy(subscribe)
    }

    /// v4.0's `retryPolicy` and `batchNotify`; without a retryPolicy, tries go on every 10 s for 72 hours as on 4.17.
    static func policy(_ subscribe: JSON?) -> Deliveries.Policy {
        var policy = Deliveries.Policy(mergesEvents: true)
        if let retry = subscribe?["retryPolicy"] {
            policy.retryDelay = retry["retryDelay"]?.number ?? 10
            switch retry["policy"]?.string {
            case "None": policy.attempts = 1
            case "Bounded": policy.attempts = 1 + Int(retry["maxRetryNumber"]?.number ?? 3)
            default: break
            }
        }
        if let batch = subscribe?["batchNotify"] {
            policy.batchSize = max(1, min(Deliveries.batchSize, Int(batch["size"]?.number ?? Double(Deliveries.batchSize))))
            policy.batchWindow = batch["timeWindow"]?.number ?? 300
        }
        return policy
    }

    /// The `extensions` of an event: each asked-for datum as the car was at the event (docs/api.md §10.3–10.4).
    static func extensions(_ names: [String], vehicle: Fleet.Vehicle, state: VehicleState, v40: Bool, documents: Documents) -> [JSON] {
        var status: JSON?
        func currentStatus() -> JSON {
            if let status { return status }
            let made = state.written(over: documents.status(vehicle), model: vehicle.model)
            status = made
            return made
        }
        var seen = Set<String>()
        return names.compactMap { name -> JSON? in
            let type =
                name == "door.state"
                ? "vehicle.doorsState" : name == "alerts" ? "vehicle.alerts" : name.hasPrefix("vehicle.telemetry") ? "vehicle.telemetry" : name
            guard seen.insert(type).inserted else { return nil }
            let items: [JSON]
            switch type {
            case "vehicle.status": items = [.obj(["status": currentStatus()])]
            case "vehicle.doorsState": items = [.obj(["doorState": currentStatus()["doorsState"] ?? .obj([:])])]
            case "vehicle.position": items = [.obj(["position": state.written(overPosition: documents.lastPosition(vehicle))])]
            case "vehicle.maintenance": items = [.obj(["maintenance": documents.maintenance(vehicle)])]
            case "vehicle.telemetry":
                guard documents.fleet.tripsPerVehicle > 0 else { return nil }
                items = [.obj(["telemetry": documents.telemetry(vehicle, 0, sections: nil, extensions: [])])]
            case "vehicle.alerts":
                let active =
                    state.alerts.filter(\.active).reversed().map { documents.liveAlert(vehicle, $0, locale: nil) }
                    + (0..<min(3, documents.fleet.alertsPerVehicle)).map { documents.alert(vehicle, $0, locale: nil) }
                    .filter { $0["active"] == .bool(true) }
                items = v40 ? active.map { .obj(["alert": $0]) } : [.obj(["alerts": .array(active)])]
            case "vehicle.alarm": items = [.obj(["alarm": currentStatus()["alarm"] ?? .obj([:])])]
            case "vehicle.trip":
                guard let trip = documents.latestTrip(vehicle, state) else { return nil }
                items = [.obj(["trip": trip])]
            default: return nil
            }
            return .obj(["type": .string(type), "body": .array(items)])
        }
    }
}
