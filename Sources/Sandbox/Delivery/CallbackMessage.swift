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
        let context = variables.merging(["callbackid": callback.id, "callbacklabel": callback.label ?? ""]) { a, _ in a }
        let applied = Attributes((webhook["attributes"]?.array ?? []) + extraAttributes, variables: context)
        headers = applied.headers
        query = applied.query
        body = .obj([
            "callbackId": .string(callback.id), "type": .string(type), "date": .string(Timestamp.format(date)),
            "attributes": applied.bodyJSON, event.key: event.value,
        ])
    }

    /// A callback's or monitor's attributes, sorted by where they go, with their `$variables` substituted; a later
    /// attribute with the same key and type replaces an earlier one (a monitor's overrides its callback's).
    struct Attributes {
        var headers: [(String, String)] = []
        var query: [(String, String)] = []
        var body: [(String, String)] = []

        init(_ list: [JSON], variables: [String: String]) {
            for attribute in list {
                guard let kind = attribute["type"]?.string, let key = attribute["key"]?.string, let raw = attribute["value"] else { continue }
                let value = CallbackMessage.substitute(raw.string ?? String(decoding: raw.bytes, as: UTF8.self), variables)
                func set(_ list: inout [(String, String)]) {
                    if let index = list.firstIndex(where: { $0.0 == key }) { list[index].1 = value } else { list.append((key, value)) }
                }
                switch kind {
                case "Header": set(&headers)
                case "Query": set(&query)
                default: set(&body)
                }
            }
        }

        /// The Body attributes as a message's `attributes`.
        var bodyJSON: JSON { .array(body.map { .obj(["key": .string($0.0), "value": .string($0.1)]) }) }
    }

    /// `$vin` → the VIN: a value that is `$` and a variable's name (any case) is that variable; others stay.
    static func substitute(_ value: String, _ variables: [String: String]) -> String {
        guard value.hasPrefix("$"), let known = variables[value.dropFirst().lowercased()] else { return value }
        return known
    }
}
