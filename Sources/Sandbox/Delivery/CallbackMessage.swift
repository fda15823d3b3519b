import APIContract
import Foundation

/// A 4.17 `Message` (connectedcar-v4.16-webhook-template.yaml) for one callback, with the callback's attributes —
/// and the monitor's or remote action's own — applied: `Header` ones become headers, `Query` ones query parameters,
/// `Body` ones the message's `attributes`; values naming a context variable (`$vin`, `$CallbackID`,
/// `$RemoteStatus`, …) are substituted.
package struct CallbackMessage: Sendable {
    package var target: String
    package var headers: [(String, String)]
    package var query: [(String, String)]
    package var body: JSON

    /// The message, or nil when the callback does not post webhooks (a websocket or push callback).
    package init?(
        callback: CallbackStore.Callback, type: String, date: Int, event: (key: String, value: JSON), extraAttributes: [JSON],
        variables: [String: String]
    ) {
        guard let webhook = callback.subscribe["callback"]?["webhook"], let target = webhook["target"]?.string else { return nil }
        self.target = target
        var headers: [(String, String)] = []
        var query: [(String, String)] = []
        var attributes: [(String, String)] = []
        let context = variables.merging(["callbackid": callback.id, "callbacklabel": callback.label ?? ""]) { a, _ in a }
        for attribute in (webhook["attributes"]?.array ?? []) + extraAttributes {
            guard let kind = attribute["type"]?.string, let key = attribute["key"]?.string, let raw = attribute["value"]?.string else { continue }
            let value = Self.substitute(raw, context)
            func set(_ list: inout [(String, String)]) {
                if let index = list.firstIndex(where: { $0.0 == key }) { list[index].1 = value } else { list.append((key, value)) }
            }
            switch kind {
            case "Header": set(&headers)
            case "Query": set(&query)
            default: set(&attributes)
            }
        }
        self.headers = headers
        self.query = query
        body = .obj([
            "callbackId": .string(callback.id), "type": .string(type), "date": .string(Timestamp.format(date)),
            "attributes": .array(attributes.map { .obj(["key": .string($0.0), "value": .string($0.1)]) }), event.key: event.value,
        ])
    }

    /// `$vin` → the VIN: a value that is `$` and a variable's name (any case) is that variable; others stay.
    static func substitute(_ value: String, _ variables: [String: String]) -> String {
        guard value.hasPrefix("$"), let known = variables[value.dropFirst().lowercased()] else { return value }
        return known
    }
}
