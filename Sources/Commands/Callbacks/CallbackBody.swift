import APIContract
import Client
import Shell

/// The `CallbackSubscribe` body of `callbacks create` and `callbacks update` (docs/api.md §11.1): a webhook built
/// from flags — `--label`, `--target`, `--name`, `--header/--query/--body K=V`, `--types monitor,remote` — on top of
/// a base (empty, or the callback being updated), checked with the API's rules before anything is sent.
enum CallbackBody {
    /// Adds the body flags to a signature.
    static func flags(on signature: Signature) -> Signature {
        signature
            .flag("label", .string, "The callback's name.")
            .flag("target", .string, "The webhook URL the API posts notifications to (https in production).")
            .flag("name", .string, "The webhook's name (default `ccsh`).")
            .flag("header", .string, repeatable: true, "A header on each notification, as NAME=VALUE (`'X-Vin=$vin'`).")
            .flag("query", .string, repeatable: true, "A query parameter on each notification, as NAME=VALUE.")
            .flag("body", .string, repeatable: true, "A field of each notification's `attributes`, as NAME=VALUE.")
            .flag("types", .string, "What it serves: monitor, remote, or both (the default), comma-separated.")
    }

    /// `base` (a `CallbackSubscribe`) with the parts the flags name replaced, checked.
    static func make(_ call: Call, base: Record) throws -> JSON {
        var body = FlagBuiltBody(value: base)
        if let label = call.flagValues["label"]?.last {
            body.value["label"] = .string(label.value.text)
            body.note("$.label", "label", label)
        }
        if let types = call.flagValues["types"]?.last {
            body.value["type"] = .list(try Self.types(types, call: call).map(Value.string))
            body.note("$.type", "types", types)
        }
        var webhook = body.value["callback"]?.recordValue?["webhook"]?.recordValue ?? Record()
        if let target = call.flagValues["target"]?.last {
            webhook["target"] = .string(target.value.text)
            body.note("$.callback.webhook.target", "target", target)
        }
        if let name = call.flagValues["name"]?.last {
            webhook["name"] = .string(name.value.text)
            body.note("$.callback.webhook.name", "name", name)
        } else if webhook["name"] == nil {
            webhook["name"] = "ccsh"
        }
        let attributes = ["header", "query", "body"].flatMap { flag in (call.flagValues[flag] ?? []).map { (flag, $0) } }
            .sorted { $0.1.range.start < $1.1.range.start }
        if !attributes.isEmpty {
            var items: [Value] = []
            for (flag, bound) in attributes {
                body.note("$.callback.webhook.attributes[\(items.count)]", flag, bound)
                items.append(try MonitorBuilder.attribute(flag == "query" ? "Query" : flag == "body" ? "Body" : "Header", bound))
            }
            webhook["attributes"] = .list(items)
        }
        body.value["callback"] = .record(Record([.init(name: "webhook", value: .record(webhook))]))
        return try body.checked("callback body", CallbackValidator.problems(in:), call: call)
    }

    /// `monitor,remote` → `["Monitor", "Remote"]`.
    /// How `callbacks create` is sent once (``PostOnce``): a lost answer is looked for among the account's
    /// callbacks by label and target, and returned as `callbacks create` returns one, with `reconciled: true`.
    @Sendable static func lookup(_ requests: Requests, _ path: String, _ body: Value) -> (() throws -> Value?)? {
        let (label, target) = (body.recordValue?.string("label"), body.recordValue?.string("callback.webhook.target"))
        return {
            let callbacks = try requests.collection(path)
            while let callback = try callbacks.next() {
                guard let record = callback.recordValue, record.string("label") == label,
                    record.string("subscribe.callback.webhook.target") == target, let id = record["id"]
                else { continue }
                return .record(
                    Record([
                        .init(name: "callbackId", value: id), .init(name: "status", value: record["status"] ?? .null),
                        .init(name: "reconciled", value: true),
                    ]))
            }
            return nil
        }
    }

    static func types(_ bound: Call.Bound, call: Call) throws -> [String] {
        try bound.value.text.split(separator: ",").map { word in
            let wanted = word.trimmingCharacters(in: .whitespaces).lowercased()
            guard let type = CallbackValidator.types.first(where: { $0.lowercased() == wanted }) else {
                throw ShellError(
                    .badArgument, "--types: '\(word)' is not a callback type", hint: "monitor, remote, or monitor,remote", at: bound.range)
            }
            return type
        }
    }
}
