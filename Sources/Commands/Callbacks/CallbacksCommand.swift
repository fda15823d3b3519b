import APIContract
import Client
import Shell

/// `callbacks [--types monitor,remote]` lists the account's callbacks (API 4.17: the reusable targets monitors and
/// remote actions report to), lazily; `callbacks show CBID` shows one.
struct CallbacksCommand: Command, VersionedCommand {
    enum Action { case list, show }

    let api: APIContext
    let action: Action
    var versions: Set<APIVersion> { [.v417] }

    var signature: Signature {
        switch action {
        case .list:
            Signature("callbacks", summary: "List the account's callbacks: where monitors and remote actions post (API 4.17).")
                .flag("types", .string, "Only those serving monitor, remote (comma-separated).")
                .curlSwitch()
                .example("callbacks | count", "How many callbacks the account has.")
                .example("callbacks --types remote | select id label", "The callbacks remote actions can report to.")
                .output("list (lazy) of records (UserCallback)")
        case .show:
            CallbackTarget.arguments(
                on: Signature("callbacks show", summary: "One callback: its status, what it serves and its webhook."), many: false
            )
            .curlSwitch()
            .example("callbacks show (callbacks | first | get id) | get status", "Whether the first callback runs.")
            .output("record (UserCallback)")
        }
    }

    var view: View? { .callback }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        try api.require(versions, call)
        let curl = call.isSet("curl")
        switch action {
        case .list:
            var query: [(name: String, value: String?)] = []
            if let types = call.flagValues["types"]?.last { query = try CallbackBody.types(types, call: call).map { ("types", $0) } }
            return .stream(try api.collection("/user/callbacks", query: query, curl: curl))
        case .show:
            let ids = try CallbackTarget.ids(call, input: input, api: api)
            let rows = try ids.map { try api.get(CallbackTarget.path($0.id), curl: curl) }
            return .value(rows.count == 1 ? rows[0] : .list(rows))
        }
    }
}
