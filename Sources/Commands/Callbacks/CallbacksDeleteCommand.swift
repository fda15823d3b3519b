import APIContract
import Client
import Shell

/// `callbacks delete CBID… [--yes]`: removes callbacks, and with them every monitor bound to them (docs/api.md §7).
/// On a terminal it asks first, saying so; a script must say `--yes`.
struct CallbacksDeleteCommand: Command, VersionedCommand {
    let api: APIContext
    var versions: Set<APIVersion> { [.v417] }

    var signature: Signature {
        CallbackTarget.arguments(on: Signature("callbacks delete", summary: "Delete callbacks and their monitors (asks first, unless --yes)."))
            .switch("yes", "Delete without asking; required in scripts.")
            .curlSwitch()
            .example(
                "callbacks create --label scratch --target https://example.com/x | callbacks delete --yes | get 0.deleted",
                "Create one and delete it.",
                result: true
            )
            .example(#"callbacks | where label == "test" | callbacks delete --yes"#, "Every callback labelled test.")
            .discussion(
                "The API deletes a callback's monitors with it, and remote actions still in progress through it report nowhere; "
                    + "their records stay readable with `remotes`."
            )
            .output("list of records: each deleted callback's id")
    }

    var view: View? { .callback }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        try api.require(versions, call)
        let targets = try CallbackTarget.ids(call, input: input, api: api)
        let curl = call.isSet("curl")
        if !call.isSet("yes"), !curl {
            let names = targets.map { target in target.label.map { "'\($0)' (\(target.id))" } ?? target.id }
            let question =
                "delete \(targets.count == 1 ? "callback" : "\(targets.count) callbacks") \(names.joined(separator: ", ")) "
                + "and every monitor bound to \(targets.count == 1 ? "it" : "them")?"
            guard let ask = context.interpreter.ask else {
                throw call.error(
                    "'callbacks delete' needs --yes here: there is nobody to ask",
                    hint: "add --yes to delete without asking (their monitors go with them); nothing was deleted", code: .badArgument)
            }
            guard ["y", "yes"].contains(ask("\(question) [y/N] ", false)?.trimmingCharacters(in: .whitespaces).lowercased()) else {
                context.interpreter.writeError("nothing deleted\n")
                return .value(.list([]))
            }
        }
        let rows = try targets.map { target in
            let reply = try api.send(APIRequest("DELETE", CallbackTarget.path(target.id)), curl: curl)
            return curl ? reply : ["id": .string(target.id), "deleted": true]
        }
        return .value(.list(rows))
    }
}
