import Client
import Shell

/// `monitors pause REF MID…` and `monitors resume REF MID…`: sets each monitor's status (`Paused`, `Running`).
struct MonitorsStatusCommand: Command {
    let api: APIContext
    /// `Paused` or `Running`.
    let status: String

    private var verb: String { status == "Paused" ? "pause" : "resume" }

    var signature: Signature {
        MonitorTarget.arguments(
            on: Signature(
                "monitors \(verb)", summary: status == "Paused" ? "Pause monitors: they post nothing until resumed." : "Resume paused monitors.")
        )
        .curlSwitch()
        .example("monitors \(verb) 0 (monitors 0 | first | get id)", "The first monitor of the first vehicle.")
        .example("monitors 0 | monitors \(verb)", "Every monitor of the first vehicle.")
        .output("list of records: each monitor's id and new status")
    }

    var view: View? { .monitor }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let targets = try MonitorTarget.located(try MonitorTarget.all(call, input: input, api: api), call, api: api)
        let body = Array(#"{"status":"\#(status)"}"#.utf8)
        if !call.isSet("curl") { ActedOnCar(api: api).say(call.name, targets.map(\.vehicle), context: context) }
        let rows = try targets.map { target in
            try api.send(
                APIRequest("PUT", target.path + "/status", body: body),
                curl: call.isSet("curl"))
        }
        return .value(.list(rows))
    }
}
