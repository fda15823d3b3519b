import APIContract
import Client
import Shell

/// `remotes REF` lists a vehicle's remote actions across the callbacks they reported to (API 4.17), newest first;
/// `remotes show REF RID` shows one.
struct RemotesCommand: Command, VersionedCommand {
    enum Action { case list, show }

    let api: APIContext
    let action: Action
    var versions: Set<APIVersion> { [.v417] }

    var signature: Signature {
        var signature: Signature
        switch action {
        case .list:
            signature = Signature("remotes", summary: "List a vehicle's remote actions, newest first, and how each ended (API 4.17).")
                .discussion(
                    "The API keeps no time for a remote action: ccsh writes when it sent one into its label, and the `sent` column reads it back. Actions another client sent have no time and come after, in the reverse of the API's order."
                )
                .input("a vehicle record (optional)")
                .optional("vehicle", .vehicle)
                .example("remotes 0 | count", "How many remote actions the first car has had.")
                .example(#"remotes 0 | where status == "Failed" | select type failureCause"#, "Which ones failed, and why.")
                .output("list of records (RemoteAction), newest first")
        case .show:
            signature = Signature("remotes show", summary: "One remote action: what was asked and where it stands (API 4.17).")
                .input("a vehicle record (optional)")
                .optional("vehicle", .vehicle)
                .optional("remote", .remoteAction)
                .example("remotes show 0 (remotes 0 | first | get remoteActionId) | get status", "How the latest action ended.")
                .output("record (RemoteAction)")
        }
        return signature.flag("callback-id", .kind(.callback), "Only under this callback (default: every callback serving remotes).")
            .curlSwitch()
    }

    var view: View? { .remote }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        try api.require(versions, call)
        if action == .show, call.arguments["vehicle"] == nil, case .value(.record(let record)) = input, View.remote.matches(record) {
            return .value(try piped(record, call))
        }
        let call = action == .show ? VehicleArgument.shifted(call, to: "remote", input: input) : call
        let vehicle = try VehicleArgument.id(call, input: input, api: api)
        let scan = CallbackScan(api: api, type: "Remote")
        let callback = call.string("callback-id")
        if call.isSet("curl") {
            let cbid = URLEncoding.encode(callback ?? "CBID")
            let rest = action == .show ? "/" + URLEncoding.encode(call.arguments["remote"]?.value.text ?? "RID") : ""
            return .value(try api.get(api.vehiclePath(vehicle, "callbacks/\(cbid)/remotes\(rest)"), curl: true))
        }
        switch action {
        case .list:
            return .value(.list(RemoteSending.newestFirst(try scan.collection(vehicle: vehicle, resource: "remotes", callback: callback).collect())))
        case .show:
            guard let reference = call.arguments["remote"], !reference.value.text.isEmpty else {
                throw call.error("'remotes show' needs the remote action id", hint: "usage: \(signature.usage)", code: .badArgument)
            }
            let resolver = ItemResolver(api: api, item: .remoteAction, call: call) {
                try scan.collection(vehicle: vehicle, resource: "remotes", callback: callback).collect()
            }
            let id = try resolver.id(for: reference.value, at: reference.range)
            return .value(try scan.find(vehicle: vehicle, resource: "remotes", id: id, callback: callback).record)
        }
    }

    /// `remotes 0 | nth 2 | remotes show`: the piped action read again, where its own link says it lives.
    private func piped(_ record: Record, _ call: Call) throws -> Value {
        guard let id = View.remote.identity?(record), let vehicle = record.vehicleInSelfLink else {
            throw call.error(
                "this remote action does not say which vehicle it belongs to", hint: "write `remotes show VEHICLE ID`", code: .badArgument)
        }
        let callback = record.string("_links.callback.href").flatMap { $0.split(separator: "/").last.map(String.init) } ?? call.string("callback-id")
        return try CallbackScan(api: api, type: "Remote").find(vehicle: vehicle, resource: "remotes", id: id, callback: callback).record
    }
}
