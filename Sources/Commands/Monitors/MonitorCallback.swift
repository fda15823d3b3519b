import APIContract
import Client
import Shell

/// The callback a 4.17 monitor posts through (`monitors create … --callback URL | --callback-id CBID`): the one
/// named, else the account's callback serving monitors with that webhook target, else one ccsh makes for it (once,
/// even when the answer is lost: ``PostOnce`` looks for it by target first). With `--dry-run` or `--curl`
/// nothing is made: an unknown callback shows as `CBID`.
struct MonitorCallback {
    let api: APIContext

    func resolve(_ call: Call) throws -> String {
        if let id = call.string("callback-id") { return id }
        guard let target = call.string("callback") else {
            throw call.error(
                "a 4.17 monitor posts through a callback: give --callback URL or --callback-id CBID",
                hint: "--callback https://… uses the callback with that target, or makes one; `callbacks` lists them", code: .badArgument)
        }
        if let found = try existing(target) { return found }
        if call.isSet("dry-run") || call.isSet("curl") { return "CBID" }
        let body = JSON.obj([
            "label": .string("ccsh monitors → \(target)"), "type": .array(["Monitor"]),
            "callback": .obj(["webhook": .obj(["name": .string(call.string("callback-name") ?? "ccsh"), "target": .string(target)])]),
        ])
        let problems = CallbackValidator.problems(in: body)
        if let problem = problems.first {
            throw call.error("--callback: \(problem.message)", hint: "nothing was sent", argument: "callback", code: .badArgument)
        }
        let reply = try PostOnce(requests: try api.requests(), request: APIRequest("POST", "/user/callbacks", body: body.bytes)) {
            try existing(target).map { Value.record(Record([.init(name: "callbackId", value: .string($0))])) }
        }.run()
        guard let id = reply.recordValue?["callbackId"]?.stringValue else {
            throw call.error("the API made the callback but gave no callbackId", hint: "find it with `callbacks` and name it with --callback-id")
        }
        return id
    }

    /// The account's callback serving monitors whose webhook posts to `target`.
    private func existing(_ target: String) throws -> String? {
        let callbacks = try api.collection("/user/callbacks", query: [("types", "Monitor")])
        while let callback = try callbacks.next() {
            if let record = callback.recordValue, record.string("subscribe.callback.webhook.target") == target, let id = record.string("id") {
                return id
            }
        }
        return nil
    }
}
