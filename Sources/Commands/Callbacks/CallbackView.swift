import Shell

extension View {
    /// A callback (API 4.17; `callbacks`, `callbacks show`, and the references `create`, `pause` and `resume`
    /// answer): its label, status, what it serves and where it posts.
    static let callback = View(
        "callback",
        matching: .test { record in
            View.selfLink(of: record, endsWith: "callbacks/*") || (record["callbackId"] != nil && record["status"] != nil)
        }
    )
    .identified { $0.string("id") ?? $0.string("callbackId") }
    .column("label", .text("label"))
    .column("status", .custom(cut: .never) { record, _ in record.string("status").map { Cell($0, $0 == "Running" ? .good : .warning) } })
    .column("serves", .custom { record, _ in Cell(CallbackView.serves(record)) })
    .column("target", .custom { record, _ in CallbackView.target(record).map { Cell($0) } }, field: "subscribe.callback.webhook.target")
    .column("id", .custom(cut: .identifier) { record, _ in (record.string("id") ?? record.string("callbackId")).map { Cell($0) } })
    .card { record, _ in
        var lines: [View.Line] = []
        if let label = record.string("label") { lines.append(View.Line("", label)) }
        lines.append(View.Line("id", record.string("id") ?? record.string("callbackId") ?? "—"))
        if let status = record.string("status") { lines.append(View.Line("status", status, status == "Running" ? .good : .warning)) }
        if record["subscribe"] != nil { lines.append(View.Line("serves", CallbackView.serves(record))) }
        if let target = CallbackView.target(record) { lines.append(View.Line("target", target)) }
        for (n, attribute) in record.records("subscribe.callback.webhook.attributes").enumerated() {
            let text = "\(attribute.string("type") ?? "") \(attribute.string("key") ?? "")=\(attribute.string("value") ?? "")"
            lines.append(View.Line(n == 0 ? "attributes" : "", text))
        }
        if record.bool("reconciled") == true { lines.append(View.Line("reconciled", "found after a lost answer, not created twice")) }
        return lines
    }
}

/// Words for a callback.
enum CallbackView {
    /// `monitor, remote` (absent types mean both).
    static func serves(_ record: Record) -> String {
        let types = record.at("subscribe.type")?.listItems?.map { $0.text.lowercased() } ?? ["monitor", "remote"]
        return types.joined(separator: ", ")
    }

    /// The webhook or websocket URL, or `push to N devices`.
    static func target(_ record: Record) -> String? {
        if let url = record.string("subscribe.callback.webhook.target") ?? record.string("subscribe.callback.websocket.target") { return url }
        return record.at("subscribe.callback.pushnotif.devices")?.listItems.map { "push to \($0.count) devices" }
    }
}
