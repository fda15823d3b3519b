import Client
import Shell

/// `monitors delete REF MID… [--yes]`: removes monitors. On a terminal it asks first; a script must say `--yes`.
struct MonitorsDeleteCommand: Command {
    let api: APIContext

    var signature: Signature {
        MonitorTarget.arguments(on: Signature("monitors delete", summary: "Delete monitors (asks first, unless --yes)."))
            .switch("yes", "Delete without asking; required in scripts.")
            .curlSwitch()
            .example("monitors delete 0 (monitors 0 | first | get id) --yes", "The first monitor of the first vehicle.")
            .example(#"monitors 0 | where monitor.label == "test" | monitors delete --yes"#, "Every monitor labelled test.")
            .output("list of records: each deleted monitor's id and vehicle")
    }

    var view: View? { .monitor }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let targets = try MonitorTarget.located(try MonitorTarget.all(call, input: input, api: api), call, api: api)
        let curl = call.isSet("curl")
        if !call.isSet("yes"), !curl, !targets.isEmpty {
            let names = targets.map { target in target.label.map { "'\($0)' (\(target.monitor))" } ?? target.monitor }
            let question = "delete \(targets.count == 1 ? "monitor" : "\(targets.count) monitors") \(names.joined(separator: ", "))?"
            guard let ask = context.interpreter.ask else {
                throw call.error(
                    "'monitors delete' needs --yes here: there is nobody to ask", hint: "add --yes to delete without asking; nothing was deleted",
                    code: .badArgument)
            }
            guard ["y", "yes"].contains(ask("\(question) [y/N] ", false)?.trimmingCharacters(in: .whitespaces).lowercased()) else {
                context.interpreter.writeError("nothing deleted\n")
                return .value(.list([]))
            }
        }
        if !curl { ActedOnCar(api: api).say("monitors delete", targets.map(\.vehicle), context: context) }
        var rows: [Value] = []
        for target in targets {
            let reply = try api.send(APIRequest("DELETE", target.path), curl: curl)
            rows.append(
                curl
                    ? reply
                    : .record(
                        Record([
                            .init(name: "id", value: .string(target.monitor)), .init(name: "vehicle", value: .string(target.vehicle)),
                            .init(name: "deleted", value: true),
                        ])))
        }
        return .value(.list(rows))
    }
}
