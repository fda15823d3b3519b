/// Checks a 4.17 `CallbackSubscribe` body (`POST`/`PUT /user/callbacks`, docs/api.md §11.1) as a real server would:
/// a label, the types it serves (Monitor, Remote), and exactly one way to call back — a webhook (name, http(s) target,
/// Header/Body/Query attributes), a websocket (ws(s) target, Body attributes) or push notifications (devices).
package enum CallbackValidator {
    /// The callback types, in the API's words.
    package static let types = ["Monitor", "Remote"]

    /// Parses and validates a body; returns the document, or throws its first problem.
    package static func validate(body: [UInt8]) throws(MonitorProblem) -> JSON {
        let document = try BodyCheck.parse(body)
        if let first = problems(in: document).first { throw first }
        return document
    }

    /// Every problem of a parsed body, in document order.
    package static func problems(in document: JSON) -> [MonitorProblem] {
        let check = CallbackCheck(document: document)
        check.collect { () throws(MonitorProblem) in try check.callback() }
        return check.problems
    }

    private final class CallbackCheck: BodyCheck {
        func callback() throws(MonitorProblem) {
            _ = try object(document, "$", known: ["label", "type", "callback"])
            collect { () throws(MonitorProblem) in _ = try string(document["label"], "$.label", required: false) }
            collect { () throws(MonitorProblem) in
                guard let types = document["type"] else { return }
                guard let items = types.array, !items.isEmpty else { throw fail("$.type", "expected a non-empty array of Monitor, Remote") }
                var seen: Set<String> = []
                for (n, item) in items.enumerated() {
                    guard let type = try oneOf(item, "$.type[\(n)]", CallbackValidator.types) else { continue }
                    guard seen.insert(type).inserted else { throw fail("$.type[\(n)]", "'\(type)' is listed twice") }
                }
            }
            let kinds = try object(document["callback"], "$.callback", known: ["webhook", "websocket", "pushnotif"]) ?? []
            guard kinds.count == 1, let (kind, body) = kinds.first else {
                throw fail(
                    "$.callback",
                    kinds.isEmpty
                        ? "needs one of webhook, websocket, pushnotif" : "has \(kinds.map(\.0).joined(separator: " and ")): only one is allowed")
            }
            let path = "$.callback.\(kind)"
            switch kind {
            case "webhook":
                _ = try object(body, path, known: ["name", "target", "attributes", "batch"])
                collect { () throws(MonitorProblem) in _ = try string(body["name"], "\(path).name") }
                collect { () throws(MonitorProblem) in try url(body["target"], "\(path).target", schemes: ["https", "http"]) }
                collect { () throws(MonitorProblem) in
                    try attributes(body["attributes"], "\(path).attributes", types: ["Header", "Body", "Query"], required: false)
                }
                collect { () throws(MonitorProblem) in
                    // The documentation's example batches notifications; the schema leaves it out.
                    guard try object(body["batch"], "\(path).batch", known: ["enabled", "size"], required: false) != nil else { return }
                    _ = try bool(body["batch"]?["enabled"], "\(path).batch.enabled")
                    _ = try number(body["batch"]?["size"], "\(path).batch.size", min: 1, max: 100, integer: true)
                }
            case "websocket":
                _ = try object(body, path, known: ["target", "attributes"])
                collect { () throws(MonitorProblem) in try url(body["target"], "\(path).target", schemes: ["wss", "ws"]) }
                collect { () throws(MonitorProblem) in try attributes(body["attributes"], "\(path).attributes", types: ["Body"], required: false) }
            default:
                _ = try object(body, path, known: ["devices", "attributes"])
                collect { () throws(MonitorProblem) in
                    guard let devices = body["devices"]?.array, !devices.isEmpty else {
                        throw fail("\(path).devices", "expected a non-empty array of device tokens")
                    }
                    for (n, device) in devices.enumerated() { _ = try string(device, "\(path).devices[\(n)]") }
                }
                collect { () throws(MonitorProblem) in
                    try attributes(body["attributes"], "\(path).attributes", types: ["Header", "Body"], required: false)
                }
            }
        }
    }
}
