import APIContract
import Client
import Shell

/// `callbacks create …` (POST, never twice: a lost answer is looked up by label and target first) and
/// `callbacks update CBID …` (PUT, which replaces the whole callback: the current one is fetched and the flags
/// change the parts they name).
struct CallbacksWriteCommand: Command, VersionedCommand {
    enum Action { case create, update }

    let api: APIContext
    let action: Action
    var versions: Set<APIVersion> { [.v417] }

    var signature: Signature {
        switch action {
        case .create:
            CallbackBody.flags(
                on: Signature("callbacks create", summary: "Create a callback: a webhook monitors and remote actions post to (API 4.17).")
            )
            .switch("dry-run", "Check the body and show the request instead of sending it.")
            .curlSwitch()
            .example(
                "callbacks create --label home --target https://example.com/hook --header 'X-Vin=$vin' | get status",
                "A webhook told the car's VIN in a header.", result: "Running"
            )
            .example(
                "callbacks create --label doors --target https://example.com/doors --types remote --dry-run | get body.type", "Only remote actions."
            )
            .output("record: the callback's id and status (CallbackRef); `reconciled: true` when a POST whose answer was lost had made it")
        case .update:
            CallbackBody.flags(
                on: CallbackTarget.arguments(
                    on: Signature("callbacks update", summary: "Replace a callback's body: the flags change the parts they name."))
            )
            .curlSwitch()
            .example(
                "callbacks update (callbacks | first | get id) --header 'X-Token=abc' | get status", "Add a header to every notification.",
                result: "Running"
            )
            .output("record: the callback's id and status (CallbackRef)")
        }
    }

    var view: View? { .callback }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        try api.require(versions, call)
        let curl = call.isSet("curl")
        switch action {
        case .create:
            if call.flagValues["target"] == nil {
                throw call.error(
                    "'callbacks create' needs --target URL", hint: "the webhook the API posts to, e.g. https://example.com/hook", code: .badArgument)
            }
            let body = try CallbackBody.make(call, base: Record())
            if call.isSet("dry-run") {
                return .value(["method": "POST", "path": "/user/callbacks", "body": Value(body)])
            }
            let request = APIRequest("POST", "/user/callbacks", body: body.bytes)
            if curl { return .value(try api.send(request, curl: true)) }
            let requests = try api.requests()
            let (label, target) = (body["label"]?.string, body["callback"]?["webhook"]?["target"]?.string)
            return .value(
                try PostOnce(requests: requests, request: request) { try Self.find(label: label, target: target, requests: requests) }.run())
        case .update:
            guard let id = try CallbackTarget.ids(call, input: input, api: api).first?.id else { return .empty }
            let path = CallbackTarget.path(id)
            let current = try api.get(path).recordValue?["subscribe"]?.recordValue ?? Record()
            let body = try CallbackBody.make(call, base: current)
            return .value(try api.send(APIRequest("PUT", path, body: body.bytes), curl: curl))
        }
    }

    /// The callback with this label and target, as `callbacks create` returns one, if the account has it.
    private static func find(label: String?, target: String?, requests: Requests) throws -> Value? {
        let callbacks = try requests.collection("/user/callbacks")
        while let callback = try callbacks.next() {
            guard let record = callback.recordValue, record.string("label") == label, record.string("subscribe.callback.webhook.target") == target,
                let id = record["id"]
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
