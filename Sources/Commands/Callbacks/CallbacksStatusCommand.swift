import APIContract
import Client
import Shell

/// `callbacks pause CBID…` and `callbacks resume CBID…`: a paused callback posts nothing (its monitors and remote
/// actions report nowhere) until resumed.
struct CallbacksStatusCommand: Command, VersionedCommand {
    let api: APIContext
    /// `Paused` or `Running`.
    let status: String
    var versions: Set<APIVersion> { [.v417] }

    private var verb: String { status == "Paused" ? "pause" : "resume" }

    var signature: Signature {
        CallbackTarget.arguments(
            on: Signature(
                "callbacks \(verb)",
                summary: status == "Paused" ? "Pause callbacks: they post nothing until resumed." : "Resume paused callbacks.")
        )
        .curlSwitch()
        .example("callbacks \(verb) (callbacks | first | get id) | get status", "The first callback.", result: .string(status))
        .example("callbacks | callbacks \(verb) | count", "Every callback.")
        .output("record, or a list of records: each callback's id and new status (CallbackRef)")
    }

    var view: View? { .callback }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        try api.require(versions, call)
        let body = Array(#"{"status":"\#(status)"}"#.utf8)
        let rows = try CallbackTarget.ids(call, input: input, api: api).map { target in
            try api.send(APIRequest("PUT", CallbackTarget.path(target.id) + "/status", body: body), curl: call.isSet("curl"))
        }
        return .value(rows.count == 1 ? rows[0] : .list(rows))
    }
}
