import Client
import Shell

/// Creates a monitor once (``PostOnce``): a lost answer is reconciled by listing the monitors at the same path and
/// looking for this one, by label and webhook target (v4.0; a 4.17 monitor's path names its callback already).
/// Found, it is returned as `monitors create` returns one, with `reconciled: true`.
struct MonitorCreation {
    let requests: Requests
    /// The monitors path (the vehicle's, or a 4.17 callback's under the vehicle).
    let path: String
    let body: [UInt8]
    /// The body's `label` and, in v4.0, `subscribeParam.callback.target`: what identifies the monitor.
    let label: String?
    let target: String?

    init(requests: Requests, path: String, body: Value, bytes: [UInt8]) {
        self.requests = requests
        self.path = path
        self.body = bytes
        (label, target) = Self.identity(of: body.recordValue)
    }

    /// A monitor body's label and webhook target.
    private static func identity(of body: Record?) -> (label: String?, target: String?) {
        (body?["label"]?.stringValue, body?["subscribeParam"]?.recordValue?["callback"]?.recordValue?["target"]?.stringValue)
    }

    /// Sends the POST, reconciling before each retry.
    func run() throws -> Value {
        let request = APIRequest("POST", path, body: body)
        guard label != nil else { return try requests.send(request) }
        return try PostOnce(requests: requests, request: request, lookup: created).run()
    }

    /// The monitor with this label and webhook target, as `monitors create` returns one, if the path has it.
    private func created() throws -> Value? {
        let monitors = try requests.collection(path)
        while let monitor = try monitors.next() {
            let found = Self.identity(of: monitor.recordValue?["monitor"]?.recordValue)
            guard found.label == label, found.target == target, let id = monitor.recordValue?["id"] ?? monitor.recordValue?["monitorId"] else {
                continue
            }
            return .record(
                Record([
                    .init(name: "monitorId", value: id), .init(name: "status", value: monitor.recordValue?["status"] ?? .null),
                    .init(name: "reconciled", value: true),
                ]))
        }
        return nil
    }
}
