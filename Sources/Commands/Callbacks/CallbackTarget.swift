import Client
import Shell

/// The callback `callbacks update` acts on: its id written on the line, or a callback record from the pipe.
enum CallbackTarget {
    /// Adds the callback argument.
    static func arguments(on signature: Signature) -> Signature {
        signature.input("a callback record (from `callbacks` or `callbacks create`)").optional("callback", .kind(.callback), "The callback id.")
    }

    /// The ids of a call: its arguments — each an id, its short form or prefix, or a number in the last callbacks
    /// table (``ItemResolver``) — else the piped records' `id` or `callbackId` (an empty list: none).
    static func ids(_ call: Call, input: PipelineData, api: APIContext) throws -> [(id: String, label: String?)] {
        let written = call.arguments["callback"].map { [$0] } ?? []
        if !written.isEmpty {
            var listed: [Value]?  // the account's callbacks, listed once for all the references that need them
            let resolver = ItemResolver(api: api, item: .callback, call: call) {
                let rows = try listed ?? api.collection("/user/callbacks").collect()
                listed = rows
                return rows
            }
            return try written.map { (try resolver.id(for: $0.value, at: $0.range), nil) }
        }
        let rows: [Value] = input.isList ? try input.rows().collect() : (try? input.collect()).map { $0 == .null ? [] : [$0] } ?? []
        let ids = try rows.map { row in
            guard let record = row.recordValue, let id = (record["id"] ?? record["callbackId"])?.text else {
                throw call.error(
                    "'\(call.name)' takes callback records from the pipe, got \(row.kindPhrase)",
                    hint: "pipe the output of `callbacks`, or write `\(call.name) CBID`", code: .typeMismatch)
            }
            return (id, record["label"]?.text)
        }
        guard !ids.isEmpty || input.isList else {
            throw call.error(
                "'\(call.name)' needs a callback id", hint: "write `\(call.name) CBID` (TAB lists them), or pipe `callbacks`", code: .badArgument)
        }
        return ids
    }

    /// `/user/callbacks/{cbid}`.
    static func path(_ id: String) -> String { "/user/callbacks/\(URLEncoding.encode(id))" }
}
