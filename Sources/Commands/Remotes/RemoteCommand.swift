import APIContract
import Client
import Foundation
import Shell

/// `remote REF ACTION [flags]`: sends a remote action to a car (API 4.17, docs/api.md §11.2) and, by default, waits
/// for its outcome. The result is the action's record (`RemoteAction`); `Failed` is an error naming the cause in
/// words, exit status 1. Never sent twice (``RemoteSending``).
struct RemoteCommand: Command, VersionedCommand {
    let api: APIContext
    var versions: Set<APIVersion> { [.v417] }

    var signature: Signature {
        RemoteBody.flags(
            on: Signature(
                "remote", summary: "Lock, unlock, honk, flash, wake, precondition, charge or navigate a car, and wait for the outcome (API 4.17)."
            )
            .input("a vehicle record (optional)")
            .optional("vehicle", .vehicle)
            .optional("action", .oneOf(RemoteBody.actions), "What to do.")
            .rest("points", .string, "navigate: LAT,LON points, waypoints first and the destination last (up to 10).")
        )
        .flag("callback-id", .kind(.callback), "The callback the action reports to (default: the profile's remote_callback, or ccsh's own).")
        .switch("no-wait", "Return as soon as the API accepted the action, with its id.")
        .flag("timeout", .string, "How long to wait for the outcome: 90s, 3m, 1h (default 5m).")
        .switch("dry-run", "Check the body and show the request instead of sending it.")
        .curlSwitch()
        .discussion(
            """
            Each action goes through the API's statuses (Accepted, WakingUpVehicle, SentToVehicle, then Success, AlreadyDone \
            or Failed); ccsh polls the action until it ends and shows them on stderr at a terminal. A sleeping car is woken \
            first, which the API allows a few times a month. The action is never sent twice: its label is unique, and when \
            the answer to the POST is lost ccsh looks for it before sending again.
            """
        )
        .example("remote 0 lock | get status", "Lock the first car and wait until it is locked.", result: "Success")
        .example("remote 0 charge --level 4 --full --no-wait | get type", "Ask for a full charge to level 4, without waiting.")
        .example("remote 0 navigate 48.8049,2.1204 --dry-run | get body.navigation.positions.0.coordinates", "The body sent to go to Versailles.")
        .output("record: the remote action (RemoteAction), or with --no-wait its id and type")
    }

    var view: View? { .remote }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        try api.require(versions, call)
        let call = VehicleArgument.shifted(call, to: "action", input: input)
        guard let action = call.string("action") else {
            throw call.error(
                "'remote' needs an action", hint: "one of \(RemoteBody.actions.joined(separator: ", ")), e.g. `remote 0 lock`", code: .badArgument)
        }
        let timeout = try self.timeout(call)
        let vehicle = try VehicleArgument.id(call, input: input, api: api)
        let label = RemoteSending.uniqueLabel(action, at: api.serverClock.now)
        let body = try RemoteBody.make(action, label: label, call: call)
        let callbacks = RemoteCallback(api: api)
        // Never a car unnamed: the one acted on is said at a terminal, and is in --dry-run's answer.
        let car = api.vehicles.entries.first { $0.id == vehicle }
        let named = ActedOnCar(api: api)
        if call.isSet("dry-run") || call.isSet("curl") {
            let profileCallback = try api.session.profile.remoteCallback
            let callback = call.string("callback-id") ?? profileCallback ?? "CBID"
            let path = api.vehiclePath(vehicle, "callbacks/\(URLEncoding.encode(callback))/remotes")
            if call.isSet("curl") { return .value(try api.send(APIRequest("POST", path, body: body.bytes), curl: true)) }
            return .value(["vehicle": named.record(vehicle), "method": "POST", "path": .string(path), "body": Value(body)])
        }
        named.say("remote \(action)", [vehicle], context: context)
        var (callback, isOwn) = try callbacks.resolve(call)
        // Watched from before the POST: the first events can come before its answer.
        let events = call.isSet("no-wait") ? nil : RemoteEvents.watching(callback: callback, api: api)
        var answer: Value
        do {
            answer = try send(body, label: label, vehicle: vehicle, callback: callback)
        } catch let error as ClientError where isOwn && error.status == 404 {
            // ccsh's own callback was deleted since it was remembered: make another, once.
            (callback, isOwn) = (try callbacks.replace(), false)
            answer = try send(body, label: label, vehicle: vehicle, callback: callback)
        }
        if call.isSet("no-wait") { return .value(answer) }
        guard let id = answer.recordValue?["remoteActionId"]?.stringValue else {
            throw call.error("the API accepted the action but gave no remoteActionId", hint: "list the car's actions with `remotes`")
        }
        let path = api.vehiclePath(vehicle, "callbacks/\(URLEncoding.encode(callback))/remotes/\(URLEncoding.encode(id))")
        var wait = RemoteWait(api: api, path: path, timeout: timeout, isInterrupted: context.interpreter.isInterrupted, events: events, id: id)
        let under = call.string("callback-id").map { " --callback-id \($0)" } ?? ""
        wait.lookAgain = "remotes show \(car?.vin ?? vehicle) \(id)\(under)"
        let record = try wait.run()
        if record.recordValue?["status"]?.stringValue == "Failed" {
            let cause = record.recordValue?["failureCause"]?.stringValue
            let (words, hint) = RemoteFailure.explain(cause)
            throw call.error("remote \(action) failed: \(words)\(cause.map { " (\($0))" } ?? "")", hint: hint.isEmpty ? nil : hint)
        }
        return .value(record)
    }

    private func send(_ body: JSON, label: String, vehicle: String, callback: String) throws -> Value {
        let path = api.vehiclePath(vehicle, "callbacks/\(URLEncoding.encode(callback))/remotes")
        return try RemoteSending(api: api, path: path, body: body.bytes, label: label).run()
    }

    /// `--timeout`: `90s`, `3m`, `1h`, or plain seconds; 5 minutes by default.
    private func timeout(_ call: Call) throws -> Double {
        guard let bound = call.flagValues["timeout"]?.last else { return 300 }
        let text = bound.value.text
        guard let seconds = DurationText.seconds(text), seconds > 0 else {
            throw ShellError(.badArgument, "--timeout: '\(text)' is not a duration", hint: "write 90s, 3m or 1h", at: bound.range)
        }
        return seconds
    }
}
