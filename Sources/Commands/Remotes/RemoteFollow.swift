import Client
import Foundation
import Shell

/// What follows `remote`'s POST (``APIOperation/Hooks/follow``): the wait for the action's outcome
/// (``RemoteWait``), its events watched from before the POST, since the first can come before its answer. `Failed`
/// is an error naming the cause in words. Nil with `--no-wait`: the API's answer is the command's.
struct RemoteFollow: OperationFollow {
    let api: APIContext
    let call: Call
    let context: CommandContext
    let timeout: Double
    let events: RemoteEvents?

    /// The follow of a `remote` call, made before its POST; a bad `--timeout` is refused before anything is sent.
    @Sendable static func make(_ call: Call, _ api: APIContext, _ context: CommandContext, _ ids: [String: String]) throws -> OperationFollow? {
        let timeout = try Self.timeout(call)
        guard !call.isSet("no-wait") else { return nil }
        let events = ids["callback"].flatMap { RemoteEvents.watching(callback: $0, api: api) }
        return RemoteFollow(api: api, call: call, context: context, timeout: timeout, events: events)
    }

    func outcome(of answer: Value, ids: [String: String]) throws -> Value {
        guard let id = answer.recordValue?["remoteActionId"]?.stringValue, let vehicle = ids["vehicle"], let callback = ids["callback"] else {
            throw call.error("the API accepted the action but gave no remoteActionId", hint: "list the car's actions with `remotes`")
        }
        let path = APIContext.vehiclePath(vehicle, "callbacks/\(URLEncoding.encode(callback))/remotes/\(URLEncoding.encode(id))")
        var wait = RemoteWait(api: api, path: path, timeout: timeout, isInterrupted: context.interpreter.isInterrupted, events: events, id: id)
        let car = api.vehicles.entries.first { $0.id == vehicle }
        let under = call.string("callback-id").map { " --callback-id \($0)" } ?? ""
        wait.lookAgain = "remotes show \(car?.vin ?? vehicle) \(id)\(under)"
        let record = try wait.run()
        if record.recordValue?["status"]?.stringValue == "Failed" {
            let cause = record.recordValue?["failureCause"]?.stringValue
            let (words, hint) = RemoteFailure.explain(cause)
            throw call.error(
                "remote \(call.string("action") ?? "action") failed: \(words)\(cause.map { " (\($0))" } ?? "")", hint: hint.isEmpty ? nil : hint)
        }
        return record
    }

    /// `--timeout`: `90s`, `3m`, `1h`, or plain seconds; 5 minutes by default.
    private static func timeout(_ call: Call) throws -> Double {
        guard let bound = call.flagValues["timeout"]?.last else { return 300 }
        let text = bound.value.text
        guard let seconds = DurationText.seconds(text), seconds > 0 else {
            throw ShellError(.badArgument, "--timeout: '\(text)' is not a duration", hint: "write 90s, 3m or 1h", at: bound.range)
        }
        return seconds
    }
}
