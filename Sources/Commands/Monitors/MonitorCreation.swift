import Client
import Shell

/// Creates a monitor so that a lost answer never makes two. A POST is not idempotent: when its answer is lost —
/// the connection broke after the request went out, the request timed out, or a gateway answered 500/502/503/504
/// — the monitor may or may not exist, and sending it again blindly could create a duplicate. So before any retry
/// ccsh lists the vehicle's monitors and looks for this one, by label and webhook target: found, it is what the
/// lost POST created and is returned (with `reconciled: true`); not found, the POST is sent again. At most
/// ``maxAttempts`` POSTs, each preceded (after the first) by that check.
struct MonitorCreation {
    let api: APIContext
    /// The vehicle's monitors path.
    let path: String
    let body: [UInt8]
    /// The body's `label` and `subscribeParam.callback.target`: what identifies the monitor when reconciling.
    let label: String?
    let target: String?

    static let maxAttempts = 4

    init(api: APIContext, path: String, body: Value, bytes: [UInt8]) {
        self.api = api
        self.path = path
        self.body = bytes
        (label, target) = Self.identity(of: body.recordValue)
    }

    /// A monitor body's label and webhook target.
    private static func identity(of body: Record?) -> (label: String?, target: String?) {
        (body?["label"]?.stringValue, body?["subscribeParam"]?.recordValue?["callback"]?.recordValue?["target"]?.stringValue)
    }

    /// Sends the POST on `worker` (or the main session), reconciling before each retry.
    func run(on worker: Session?) throws -> Value {
        var attempt = 1
        while true {
            do {
                return try api.send(APIRequest("POST", path, body: body), on: worker)
            } catch let error as ClientError where Self.outcomeIsUnknown(error) && label != nil && attempt < Self.maxAttempts {
                attempt += 1
                if let existing = try created(on: worker) { return existing }
            }
        }
    }

    /// Whether a failed POST may still have been carried out by the server.
    static func outcomeIsUnknown(_ error: ClientError) -> Bool {
        if error.code == .http { return error.status.map([500, 502, 503, 504].contains) ?? false }
        return (error.code == .transport || error.code == .timeout) && error.requestSent
    }

    /// The monitor with this label and webhook target, as `monitors create` returns one, if the vehicle has it.
    private func created(on worker: Session?) throws -> Value? {
        let monitors = try api.collection(path, on: worker)
        while let monitor = try monitors.next() {
            let found = Self.identity(of: monitor.recordValue?["monitor"]?.recordValue)
            guard found.label == label, found.target == target, let id = monitor.recordValue?["id"] else { continue }
            return .record(
                Record([
                    .init(name: "monitorId", value: id), .init(name: "status", value: monitor.recordValue?["status"] ?? .null),
                    .init(name: "reconciled", value: true),
                ]))
        }
        return nil
    }
}
