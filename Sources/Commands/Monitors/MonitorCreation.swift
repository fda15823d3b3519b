import Client
import Shell

/// How `monitors create` is sent once (``PostOnce``): a lost answer is reconciled by listing the monitors at the
/// same path and looking for this one, by label and webhook target (v4.0; a 4.17 monitor's path names its callback
/// already). Found, it is returned as `monitors create` returns one, with `reconciled: true`. A monitor without a
/// label cannot be told from another: it is sent once, never again.
enum MonitorCreation {
    /// The lookup for the monitor `body` makes at `path`, or nil when it has no label.
    @Sendable static func lookup(_ requests: Requests, _ path: String, _ body: Value) -> (() throws -> Value?)? {
        let (label, target) = identity(of: body.recordValue)
        guard label != nil else { return nil }
        return { try created(label: label, target: target, at: path, requests) }
    }

    /// A monitor body's label and webhook target.
    private static func identity(of body: Record?) -> (label: String?, target: String?) {
        (body?["label"]?.stringValue, body?["subscribeParam"]?.recordValue?["callback"]?.recordValue?["target"]?.stringValue)
    }

    /// The monitor with this label and webhook target, as `monitors create` returns one, if the path has it.
    private static func created(label: String?, target: String?, at path: String, _ requests: Requests) throws -> Value? {
        let monitors = try requests.collection(path)
        while let monitor = try monitors.next() {
            let found = identity(of: monitor.recordValue?["monitor"]?.recordValue)
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
