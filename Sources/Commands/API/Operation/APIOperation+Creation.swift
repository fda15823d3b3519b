import APIContract
import Shell

extension APIOperation {
    /// Making and changing monitors (docs/api.md §7): bodies built from flags, a file or the pipe, checked with the
    /// API's rules before anything is sent.
    static let monitorWrites: [APIOperation] = [
        APIOperation(
            "monitors create", "Create a monitor: a server-side rule that posts events to your webhook.",
            paths: monitorPaths("")
        )
        .with {
            $0.method = "POST"
            $0.dryRun = true
            $0.body = { input in try MonitorBody(input.call, piped: input.piped, current: nil, version: input.version, context: input.context).json }
            $0.hooks.flags = monitorBodyFlags
            $0.hooks.isBody = MonitorBody.isBody
            $0.hooks.callback = { call, api in try MonitorCallback(api: api).resolve(call) }
            $0.hooks.reconcile = MonitorCreation.lookup
            $0.input = "vehicle records (one monitor each), or a monitor body record"
            $0.output = "record: the monitor's id and status (MonitorRef); `reconciled: true` when a POST whose answer was lost had made it"
            $0.discussion = """
                The body is built from the flags, or read with --file or from a record in the pipe (flags then change the parts \
                they name). It is checked with the API's rules before it is sent: every problem is shown where it was written, \
                and nothing is sent. Triggers combine with --expr; without it, all of them must hold. When the answer to the POST \
                is lost (the connection broke, a 5xx), ccsh looks for a monitor with the same label and webhook before sending \
                it again, so a retry never makes two.
                """
            $0.view = { .monitor }
        }
        .example(
            #"monitors create 0 --label "low battery" --callback https://example.com/hook --data low:vehicle.energy.electric.level:lt:20"#,
            "Post to a webhook when the battery falls below 20 %."
        )
        .example(
            "monitors create 0 --label home --callback https://example.com/hook --zone home:in:48.85,2.35:0.5 --time evening:Mon-Fri:18h:4h --expr 'home & evening' --dry-run | get body",
            "Arriving home on a weekday evening: the body, checked but not sent."
        )
        .example("monitors template | monitors create 0 | get monitorId", "The template, created on the first vehicle."),
        APIOperation(
            "monitors update", "Replace a monitor's body: the flags change the parts they name.",
            paths: monitorPaths("/{monitor}")
        )
        .with {
            $0.method = "PUT"
            $0.dryRun = true
            $0.body = { input in
                // The flags change the current body; a piped record or a file replaces it.
                let fromFlags = input.piped == nil && input.call.string("file") == nil
                let current = fromFlags ? try input.current().recordValue?["monitor"]?.recordValue : nil
                return try MonitorBody(input.call, piped: input.piped, current: current, version: input.version, context: input.context).json
            }
            $0.hooks.flags = monitorBodyFlags
            $0.hooks.isBody = MonitorBody.isBody
            $0.hooks.callbacksServing = "Monitor"
            $0.answers = .recordWhenOne
            $0.input = "a monitor body record (optional)"
            $0.output = "record: the monitor's id and status (MonitorRef)"
            $0.discussion =
                "The API has no partial update: ccsh fetches the monitor, applies the flags (or takes --file or the piped record), checks it and sends it whole."
            $0.view = { .monitor }
        }
        .example("monitors update 0 (monitors 0 | first | get id) --refresh 900", "Re-send events every 15 minutes instead."),
    ]

    /// Making and changing callbacks (API 4.17, docs/api.md §11.1).
    static let callbackWrites: [APIOperation] = [
        APIOperation(
            "callbacks create", "Create a callback: a webhook monitors and remote actions post to (API 4.17).", path: "/user/callbacks",
            versions: [.v417]
        )
        .with {
            $0.method = "POST"
            $0.dryRun = true
            $0.body = { input in
                guard input.call.flagValues["target"] != nil else {
                    throw input.call.error(
                        "'callbacks create' needs --target URL", hint: "the webhook the API posts to, e.g. https://example.com/hook",
                        code: .badArgument)
                }
                return try CallbackBody.make(input.call, base: Record())
            }
            $0.hooks.flags = CallbackBody.flags
            $0.hooks.reconcile = CallbackBody.lookup
            $0.output = "record: the callback's id and status (CallbackRef); `reconciled: true` when a POST whose answer was lost had made it"
            $0.view = { .callback }
        }
        .example(
            "callbacks create --label home --target https://example.com/hook --header 'X-Vin=$vin' | get status",
            "A webhook told the car's VIN in a header.", result: "Running"
        )
        .example(
            "callbacks create --label doors --target https://example.com/doors --types remote --dry-run | get body.type", "Only remote actions."),
        APIOperation(
            "callbacks update", "Replace a callback's body: the flags change the parts they name.", path: "/user/callbacks/{callback}",
            versions: [.v417]
        )
        .with {
            $0.method = "PUT"
            $0.dryRun = true
            $0.body = { input in try CallbackBody.make(input.call, base: try input.current().recordValue?["subscribe"]?.recordValue ?? Record()) }
            $0.hooks.flags = CallbackBody.flags
            $0.answers = .recordWhenOne
            $0.input = "a callback record (from `callbacks` or `callbacks create`)"
            $0.output = "record: the callback's id and status (CallbackRef)"
            $0.view = { .callback }
        }
        .example(
            "callbacks update (callbacks | first | get id) --header 'X-Token=abc' | get status", "Add a header to every notification.",
            result: "Running"),
    ]

    /// `remote`: an action sent to a car, waited for until it ends (API 4.17, docs/api.md §11.2).
    static let remote = APIOperation(
        "remote", "Lock, unlock, honk, flash, wake, precondition, charge or navigate a car, and wait for the outcome (API 4.17).",
        path: "/user/vehicles/{vehicle}/callbacks/{callback}/remotes", versions: [.v417]
    )
    .with {
        $0.method = "POST"
        $0.dryRun = true
        $0.fansOut = false
        $0.postAttempts = RemoteSending.maxAttempts
        $0.wakesCar = true
        $0.body = { input in
            guard let action = input.call.string("action") else {
                throw input.call.error(
                    "'remote' needs an action", hint: "one of \(RemoteBody.actions.joined(separator: ", ")), e.g. `remote 0 lock`", code: .badArgument
                )
            }
            return try RemoteBody.make(action, label: RemoteSending.uniqueLabel(action, at: try input.now()), call: input.call)
        }
        $0.hooks.flags = { signature in
            RemoteBody.flags(
                on: signature.optional("action", .oneOf(RemoteBody.actions), "What to do.")
                    .rest("points", .string, "navigate: LAT,LON points, waypoints first and the destination last (up to 10).")
            )
            .flag("callback-id", .kind(.callback), "The callback the action reports to (default: the profile's remote_callback, or ccsh's own).")
            .switch("no-wait", "Return as soon as the API accepted the action, with its id.")
            .flag("timeout", .string, "How long to wait for the outcome: 90s, 3m, 1h (default 5m).")
        }
        $0.hooks.callback = RemoteCallback.resolve
        $0.hooks.callbackGone = RemoteCallback.replaced
        $0.hooks.reconcile = RemoteSending.lookup
        $0.hooks.follow = RemoteFollow.make
        $0.hooks.saying = { call in "remote \(call.string("action") ?? "")" }
        $0.input = "a vehicle record (optional)"
        $0.output = "record: the remote action (RemoteAction), or with --no-wait its id and type"
        $0.discussion = """
            Each action goes through the API's statuses (Accepted, WakingUpVehicle, SentToVehicle, then Success, AlreadyDone \
            or Failed); ccsh polls the action until it ends and shows them on stderr at a terminal. A sleeping car is woken \
            first, which the API allows a few times a month. The action is never sent twice: its label is unique, and when \
            the answer to the POST is lost ccsh looks for it before sending again.
            """
        $0.view = { .remote }
    }
    .example("remote 0 lock | get status", "Lock the first car and wait until it is locked.", result: "Success")
    .example("remote 0 charge --level 4 --full --no-wait | get type", "Ask for a full charge to level 4, without waiting.")
    .example("remote 0 navigate 48.8049,2.1204 --dry-run | get body.navigation.positions.0.coordinates", "The body sent to go to Versailles.")

    /// `--file` and the monitor builder's flags.
    @Sendable private static func monitorBodyFlags(_ signature: Signature) -> Signature {
        MonitorBuilder.flags(on: signature.flag("file", .file, "Read the body from a JSON file."))
    }
}
