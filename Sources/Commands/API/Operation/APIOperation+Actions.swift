import APIContract
import Shell

extension APIOperation {
    /// `monitors`: a vehicle's monitors; v4.0 keeps them under the vehicle, 4.17 under the callback they post to
    /// (docs/api.md §7). TAB lists them the same way.
    static let monitorListing = APIOperation(
        "monitors", "List a vehicle's monitors (server-side event rules), lazily.",
        paths: monitorPaths(""),
        answer: .collection
    )
    .with {
        $0.hooks.callbacksServing = "Monitor"
        $0.output = "list (lazy) of records (Monitor)"
        $0.view = { .monitor }
    }
    .example("monitors 0 | select id status monitor.label", "Each monitor's id, status and label.")
    .example("vehicles | monitors | count", "Monitors across the fleet.")

    /// The reads and status changes of monitors.
    static let monitors: [APIOperation] = [
        monitorListing,
        APIOperation(
            "monitors show", "One monitor of a vehicle: its status and its body.",
            paths: monitorPaths("/{monitor}")
        )
        .with {
            $0.hooks.callbacksServing = "Monitor"
            $0.input = "a vehicle record, or a monitor record (from `monitors`) to read again"
            $0.output = "record (Monitor)"
            $0.view = { .monitor }
        }
        .example("monitors show 0 (monitors 0 | first | get id) | get monitor", "The first monitor's body."),
        monitorStatus("Paused", "pause", "Pause monitors: they post nothing until resumed."),
        monitorStatus("Running", "resume", "Resume paused monitors."),
        APIOperation(
            "monitors delete", "Delete monitors (asks first, unless --yes).",
            paths: monitorPaths("/{monitor}")
        )
        .with {
            $0.method = "DELETE"
            $0.takesMany = true
            $0.hooks.callbacksServing = "Monitor"
            $0.hooks.confirm = Confirmation(verb: "delete")
            $0.hooks.answer = { _, ids in
                ["id": .string(ids["monitor"] ?? ""), "vehicle": .string(ids["vehicle"] ?? ""), "deleted": true]
            }
            $0.input = "monitor records (from `monitors`, `monitors show` or `monitors create`), or a vehicle record"
            $0.output = "list of records: each deleted monitor's id and vehicle"
            $0.view = { .monitor }
        }
        .example("monitors delete 0 (monitors 0 | first | get id) --yes", "The first monitor of the first vehicle.")
        .example(#"monitors 0 | where monitor.label == "test" | monitors delete --yes"#, "Every monitor labelled test."),
    ]

    /// Where monitors live, and what is `below` one (`/{monitor}/status`): under the vehicle in v4.0, under the
    /// callback they post to in 4.17 (docs/api.md §7).
    static func monitorPaths(_ below: String) -> [APIVersion: PathTemplate] {
        [
            .v40: PathTemplate(stringLiteral: "/user/vehicles/{vehicle}/monitors" + below),
            .v417: PathTemplate(stringLiteral: "/user/vehicles/{vehicle}/callbacks/{callback}/monitors" + below),
        ]
    }

    /// `monitors pause` and `monitors resume`: a PUT of the new status to each monitor.
    private static func monitorStatus(_ status: String, _ verb: String, _ summary: String) -> APIOperation {
        APIOperation(
            "monitors \(verb)", summary,
            paths: monitorPaths("/{monitor}/status")
        )
        .with {
            $0.method = "PUT"
            $0.body = { _ in .obj(["status": .string(status)]) }
            $0.takesMany = true
            $0.hooks.callbacksServing = "Monitor"
            $0.input = "monitor records (from `monitors`, `monitors show` or `monitors create`), or a vehicle record"
            $0.output = "list of records: each monitor's id and new status"
            $0.view = { .monitor }
        }
        .example("monitors \(verb) 0 (monitors 0 | first | get id)", "The first monitor of the first vehicle.")
        .example("monitors 0 | monitors \(verb)", "Every monitor of the first vehicle.")
    }

    /// The reads of callbacks (API 4.17, docs/api.md §11).
    static let callbacks: [APIOperation] = [
        APIOperation(
            "callbacks", "List the account's callbacks: where monitors and remote actions post (API 4.17).", path: "/user/callbacks",
            versions: [.v417], answer: .collection
        )
        .with {
            $0.flags = [
                QueryFlag(flag: "types", parameter: "types", shape: .string, help: "Only those serving monitor, remote (comma-separated).") {
                    given, call in try CallbackBody.types(given, call: call)
                }
            ]
            $0.output = "list (lazy) of records (UserCallback)"
            $0.view = { .callback }
        }
        .example("callbacks | count", "How many callbacks the account has.")
        .example("callbacks --types remote | select id label", "The callbacks remote actions can report to."),
        APIOperation(
            "callbacks show", "One callback: its status, what it serves and its webhook.", path: "/user/callbacks/{callback}", versions: [.v417]
        )
        .with {
            $0.input = "callback records (from `callbacks` or `callbacks create`)"
            $0.output = "record (UserCallback)"
            $0.view = { .callback }
        }
        .example("callbacks show (callbacks | first | get id) | get status", "Whether the first callback runs."),
        callbackStatus("Paused", "pause", "Pause callbacks: they post nothing until resumed."),
        callbackStatus("Running", "resume", "Resume paused callbacks."),
        APIOperation(
            "callbacks delete", "Delete callbacks and their monitors (asks first, unless --yes).", path: "/user/callbacks/{callback}",
            versions: [.v417]
        )
        .with {
            $0.method = "DELETE"
            $0.takesMany = true
            $0.hooks.confirm = Confirmation(verb: "delete", alsoTaking: "every monitor bound to", consequence: "their monitors go with them")
            $0.hooks.answer = { _, ids in ["id": .string(ids["callback"] ?? ""), "deleted": true] }
            $0.input = "callback records (from `callbacks` or `callbacks create`)"
            $0.output = "list of records: each deleted callback's id"
            $0.discussion =
                "The API deletes a callback's monitors with it, and remote actions still in progress through it report nowhere; their records stay readable with `remotes`."
            $0.view = { .callback }
        }
        .example(
            "callbacks create --label scratch --target https://example.com/x | callbacks delete --yes | get 0.deleted", "Create one and delete it.",
            result: true
        )
        .example(#"callbacks | where label == "test" | callbacks delete --yes"#, "Every callback labelled test."),
    ]

    /// `callbacks pause` and `callbacks resume`: a PUT of the new status to each callback.
    private static func callbackStatus(_ status: String, _ verb: String, _ summary: String) -> APIOperation {
        APIOperation("callbacks \(verb)", summary, path: "/user/callbacks/{callback}/status", versions: [.v417])
            .with {
                $0.method = "PUT"
                $0.body = { _ in .obj(["status": .string(status)]) }
                $0.takesMany = true
                $0.answers = .recordWhenOne
                $0.input = "callback records (from `callbacks` or `callbacks create`)"
                $0.output = "record, or a list of records: each callback's id and new status (CallbackRef)"
                $0.view = { .callback }
            }
            .example("callbacks \(verb) (callbacks | first | get id) | get status", "The first callback.", result: .string(status))
            .example("callbacks | callbacks \(verb) | count", "Every callback.")
    }

    /// The reads of remote actions (API 4.17, docs/api.md §11.2), under the callback they report to.
    static let remotes: [APIOperation] = [
        APIOperation(
            "remotes", "List a vehicle's remote actions, newest first, and how each ended (API 4.17).",
            path: "/user/vehicles/{vehicle}/callbacks/{callback}/remotes", versions: [.v417], answer: .collection
        )
        .with {
            $0.hooks.callbacksServing = "Remote"
            $0.hooks.collected = RemoteSending.newestFirst
            $0.input = "a vehicle record (optional)"
            $0.output = "list of records (RemoteAction), newest first"
            $0.discussion =
                "The API keeps no time for a remote action: ccsh writes when it sent one into its label, and the `sent` column reads it back. Actions another client sent have no time and come after, in the reverse of the API's order."
            $0.view = { .remote }
        }
        .example("remotes 0 | count", "How many remote actions the first car has had.")
        .example(#"remotes 0 | where status == "Failed" | select type failureCause"#, "Which ones failed, and why."),
        APIOperation(
            "remotes show", "One remote action: what was asked and where it stands (API 4.17).",
            path: "/user/vehicles/{vehicle}/callbacks/{callback}/remotes/{remote}", versions: [.v417]
        )
        .with {
            $0.hooks.callbacksServing = "Remote"
            $0.input = "a vehicle record (optional)"
            $0.output = "record (RemoteAction)"
            $0.view = { .remote }
        }
        .example("remotes show 0 (remotes 0 | first | get remoteActionId) | get status", "How the latest action ended."),
    ]
}
