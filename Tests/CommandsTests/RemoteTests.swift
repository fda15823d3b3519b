import APIContract
import Foundation
import Shell
import TestSupport
import Testing

@testable import Commands

/// `remote`, `remotes`, `callbacks`, 4.17 monitors and `alarms` through the real binary against a sandbox whose
/// world runs a minute a second, so that remote actions end within a second or two: waiting by polling and by a
/// listener's events, a Failed action's message and exit status, progress at a terminal, and `--curl` for each.
@Suite(.sandbox("--vehicles", "3", "--time-scale", "60", "--log"), .serialized)
struct RemoteTests {
    static let v417 = ["--api-version", "4.17"]

    @Test("remote 0 lock waits for the car by polling: exit 0, status Success, and the status shows the doors locked")
    func lockByPolling() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let before = try home.ccsh("status 0 | get doorsState.lockedStates | to json")
        #expect(before.stdout.contains("Unlocked"), "the seed's first car is parked unlocked")
        let run = try home.ccsh("remote 0 lock | get status", Self.v417)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "Success\n")
        #expect(run.stderr.isEmpty, "no progress line when stderr is not a terminal: \(run.stderr)")
        let after = try home.ccsh("status 0 | get doorsState.lockedStates | to json")
        #expect(after.stdout.contains("\"Locked\""), "\(after.stdout)")
    }

    @Test("a Failed action (charge --now on an unplugged car) is an error naming the cause in words, with a hint; exit 1")
    func failedAction() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let run = try home.ccsh("sandbox plug 1 --off | get state.plugged; remote 1 charge --now", Self.v417)
        #expect(run.status == 1)
        #expect(run.stdout == "false\n")
        #expect(run.stderr.contains("error: remote charge failed: the charger did not answer: is the car plugged in? (ExternalChargingSystemError)"))
        #expect(run.stderr.contains("hint: plug it in, then send again"), "\(run.stderr)")
    }

    @Test("with a listen of the shell on the callback, remote follows the action's events: one GET of the action, after it ended")
    func lockByEvents() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let sandbox = try suiteSandbox()
        let gets = { sandbox.stderrText.split(separator: "\n").filter { $0.contains(" GET /connectedcar/v4") && $0.contains("/remotes/") }.count }
        let before = gets()
        // At 10 s per second, waking the car takes about three seconds: polling would look three times.
        let run = try home.ccsh(
            """
            let inbox = (listen --port 0 --background)
            let cb = (callbacks create --label events --target $inbox.url --types remote)
            sandbox clock --scale 10 | get scale
            remote 2 horn --callback-id $cb.callbackId | get status
            sandbox clock --scale 60 | get scale
            listen --timeout 10s | first 4 | get remoteEvent.eventStatus.status | to json
            """, Self.v417)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.prefix(3) == ["10.0", "Success", "60.0"])
        let statuses = try JSONReader.value(from: Array(lines.dropFirst(3).joined(separator: "\n").utf8))
        #expect(statuses.listItems?.map(\.text) == ["Accepted", "WakingUpVehicle", "SentToVehicle", "Success"])
        #expect(gets() - before == 1, "the action was read once, when its Done event came")
    }

    @Test("at a terminal the statuses show on stderr as they come, with the elapsed time")
    func progressAtATerminal() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        // Asleep (an hour after its last action), at 5 s a second the car takes about 6 s to wake and honk: the polls see
        // it on the way.
        let run = try home.ccshOnTerminal(
            "set api-version 4.17; sandbox advance 1h | get scale; sandbox clock --scale 5 | get scale; remote 0 horn | get status")
        #expect(run.status == 0, "\(run.screen)")
        #expect(run.screen.contains("remote horn → C5 Aircross Hybrid 225 · VR7ATHNSKLW000042"), "the car acted on is named: \(run.screen)")
        #expect(run.screen.contains("remote: WakingUpVehicle"), "\(run.screen)")
        #expect(run.screen.contains(" → Success, "), "\(run.screen)")
        _ = try home.ccsh("sandbox clock --scale 60")
    }

    @Test(
        "following a listen's events at a terminal: one line rewritten in place, each status once, wiped at the end",
        arguments: [80, 160] as [UInt16])
    func progressFollowingEvents(columns: UInt16) throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let run = try home.ccshOnTerminal(
            """
            set api-version 4.17; let inbox = (listen --port 0 --background);
            let cb = (callbacks create --label events --target $inbox.url --types remote);
            sandbox advance 1h | get scale; sandbox clock --scale 5 | get scale; remote 0 horn --callback-id $cb.callbackId | get status;
            sandbox clock --scale 60 | get scale
            """, columns: columns)
        #expect(run.status == 0, "\(run.screen)")
        // Each rewrite of the line starts with a carriage return and an erase: every one fits, none repeats a status.
        let renders = run.screen.components(separatedBy: "\r\u{1B}[2K").filter { $0.hasPrefix("remote: ") }
        #expect(!renders.isEmpty, "\(run.screen)")
        for render in renders {
            let line = render.prefix { $0 != "\r" && $0 != "\n" }
            #expect(line.count < Int(columns), "\(line)")
            let statuses = line.dropFirst("remote: ".count).split(separator: ",").first?.components(separatedBy: " → ") ?? []
            #expect(Set(statuses).count == statuses.count, "a status shown twice: \(line)")
        }
        #expect(renders.count < 40, "the line is rewritten when a status changes, not at every look: \(renders.count) renders")
        let success = try #require(run.screen.range(of: "Success\r\n"), "\(run.screen)")
        #expect(
            run.screen[..<success.lowerBound].hasSuffix("\r\u{1B}[2K") || !run.screen[..<success.lowerBound].contains("remote: "),
            "wiped before the result")
    }

    @Test("remotes lists newest first, with the time ccsh sent each action (read back from its label) on a terminal")
    func newestFirst() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let run = try home.ccsh(
            "remote 1 horn --no-wait | get type; remote 1 lights --no-wait | get type; remotes 1 | first 2 | get type | to json --compact",
            Self.v417)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").last == #"["Lights","Horn"]"#, "\(run.stdout)")
        let screen = try home.ccshOnTerminal("set api-version 4.17; remotes 1 | first 2", columns: 120)
        #expect(screen.screen.contains("# │ sent "), "\(screen.screen)")
        #expect(screen.screen.contains("just now") || screen.screen.contains(" s ago") || screen.screen.contains(" min ago"), "\(screen.screen)")
    }

    @Test("a label carries the time it was sent; labels ccsh did not write have none and list last")
    func labelTime() throws {
        let sent = try #require(Timestamp.parse("2026-12-06T09:30:12Z"))
        let label = RemoteSending.uniqueLabel("lock", at: Date(timeIntervalSince1970: TimeInterval(sent)))
        #expect(label.hasPrefix("ccsh-lock-20261206T093012Z-"))
        #expect(RemoteSending.sentAt(label: label) == sent)
        #expect(RemoteSending.sentAt(label: "ccsh-lock-5f0c2a9e71d3") == nil)
        #expect(RemoteSending.sentAt(label: "my own label") == nil)
        func action(_ label: String) -> Value { ["remote": ["label": .string(label)]] }
        let older = RemoteSending.uniqueLabel("horn", at: Date(timeIntervalSince1970: TimeInterval(sent - 60)))
        let ordered = RemoteSending.newestFirst([action("other-1"), action(older), action("other-2"), action(label)])
        #expect(ordered.map { $0.recordValue?.string("remote.label") ?? "" } == [label, older, "other-2", "other-1"])
    }

    @Test("a remote action that does not end in time: the error names its id, and the hint the command that looks again")
    func timeOutNamesTheAction() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        // Asleep, at real time: waking takes longer than the second the action is given.
        _ = try home.ccsh("sandbox advance 1h | get scale; sandbox clock --scale 1 | get scale")
        let run = try home.ccsh("remote 0 horn --timeout 1s", ["--api-version", "4.17"])
        _ = try home.ccsh("sandbox clock --scale 60")
        #expect(run.status == 1, "\(run.stderr)")
        let id = try #require(run.stderr.firstMatch(of: /the remote action (\S+) did not end within/)?.1, "\(run.stderr)")
        #expect(run.stderr.contains("look again with `remotes show VR7ATHNSKLW000042 \(id)`"), "\(run.stderr)")
        // The action goes on in the car: let it end, so that the next tests find the car free.
        _ = try home.ccsh("sandbox advance 10m | get scale")
        let shown = try home.ccsh("remotes show VR7ATHNSKLW000042 \(id) | get status", ["--api-version", "4.17"])
        #expect(shown.stdout == "Success\n", "the command in the hint works, and the action ended: \(shown.stderr)")
    }

    @Test("--no-wait, remotes, remotes show, callbacks, 4.17 monitors and alarms through the binary")
    func everyCommand() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let run = try home.ccsh(
            """
            let r = (remote 0 wakeup --no-wait)
            let moved = (sandbox advance 1m | get scale)
            let cb = (callbacks create --label all --target https://example.com/all --types monitor)
            let listed = (callbacks | where id == $cb.callbackId | count)
            let updated = (callbacks update $cb.callbackId --header 'X-Token=abc' | get status)
            let header = (callbacks show $cb.callbackId | get subscribe.callback.webhook.attributes.0.key)
            let paused = (callbacks pause $cb.callbackId | get status)
            let resumed = (callbacks resume $cb.callbackId | get status)
            let m = (monitors create 0 --callback-id $cb.callbackId --label low --data low:vehicle.energy.electric.level:lt:20)
            let expression = (monitors 0 | where monitorId == $m.monitorId | get 0.monitor.triggerParam.boolExp)
            let shown = (monitors show 0 $m.monitorId | get monitor.label)
            let monitorPaused = (monitors pause 0 $m.monitorId | get 0.status)
            let deleted = (callbacks delete $cb.callbackId --yes | get 0.deleted)
            {
                type: $r.type, done: (remotes show 0 $r.remoteActionId | get status),
                listedRemotes: (remotes 0 | where remoteActionId == $r.remoteActionId | count),
                listed: $listed, updated: $updated, header: $header, paused: $paused, resumed: $resumed,
                expression: $expression, shown: $shown, monitorPaused: $monitorPaused, deleted: $deleted,
                monitorsLeft: (monitors 0 | where monitorId == $m.monitorId | count),
                alarm: (alarm 0 (alarms 0 | first | get id) | get id) == (alarms 0 | first | get id)
            }
            """, Self.v417 + ["--output", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let expected: Value = [
            "type": "WakeUp", "done": "Success", "listedRemotes": 1, "listed": 1, "updated": "Running", "header": "X-Token",
            "paused": "Paused", "resumed": "Running", "expression": "low", "shown": "low", "monitorPaused": "Paused", "deleted": true,
            "monitorsLeft": 0, "alarm": true,
        ]
        #expect(try JSONReader.value(from: Array(run.stdout.utf8)) == expected, "\(run.stdout)")
    }

    @Test("--curl prints every new command's request and sends nothing")
    func curl() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let sandbox = try suiteSandbox()
        _ = try home.ccsh("vehicles | count")
        let requests = { sandbox.stderrText.split(separator: "\n").filter { $0.contains(" /connectedcar/v4") }.count }
        let before = requests()
        let run = try home.ccsh(
            """
            [
                (remote 0 lock --curl), (remotes 0 --curl), (remotes show 0 RID --curl), (callbacks --curl), (callbacks show CB --curl),
                (callbacks create --target https://example.com/x --curl), (callbacks pause CB --curl), (callbacks resume CB --curl),
                (callbacks delete CB --curl), (monitors 0 --curl), (monitors show 0 MID --callback-id CB --curl),
                (monitors create 0 --label l --callback-id CB --data low:vehicle.energy.electric.level:lt:20 --curl),
                (monitors pause 0 MID --callback-id CB --curl), (monitors delete 0 MID --callback-id CB --curl),
                (alarms 0 --curl), (alarm 0 AID --curl)
            ] | flatten | to json
            """, Self.v417)
        #expect(run.status == 0, "\(run.stderr)")
        let commands = try JSONReader.value(from: Array(run.stdout.utf8)).listItems ?? []
        #expect(commands.count == 16)
        #expect(commands.allSatisfy { $0.text.hasPrefix("curl --cert ") && $0.text.contains("$CCSH_TOKEN") }, "\(commands)")
        #expect(requests() == before, "nothing was sent")
    }
}

/// 20 remote actions through a sandbox that fails (500) and cuts (after serving) a fifth of the requests of every
/// method each: exactly 20 actions are made, each waited to its end, and ccsh's own callback once.
@Suite(
    .sandbox(
        "--vehicles", "1", "--time-scale", "60", "--fail-rate", "0.2", "--fail-methods", "GET,POST,PUT,DELETE", "--drop-rate", "0.2", "--log"),
    .serialized)
struct RemoteFaultTests {
    @Test("20 remote actions through faults: exactly 20 in the sandbox, each ended, no POST sent twice blindly")
    func twentyActions() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let sandbox = try suiteSandbox()
        let binary = try #require(Executables.url(for: "ccsh"))
        let script = GoldenScript.directory.appendingPathComponent("Remotes/twenty.ccsh")
        let run = try Executables.run(binary, ["--api-version", "4.17", "--output", "json", script.path], environment: home.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try JSONReader.value(from: Array(run.stdout.utf8)) == ["actions": 20, "statuses": ["Success"]], "\(run.stdout)")

        let stored = try JSONReader.value(from: Array(try Data(contentsOf: sandbox.directory.appendingPathComponent("callbacks.json"))))
        let remotes = stored.recordValue?["remotes"]?.listItems ?? []
        #expect(remotes.count == 20, "one action per remote command")
        #expect(Set(remotes.compactMap { $0.recordValue?.at("remote.label")?.stringValue }).count == 20, "each label once")
        let callbacks = (stored.recordValue?["callbacks"]?.recordValue?.fields ?? []).flatMap { $0.value.listItems ?? [] }
        #expect(callbacks.filter { $0.recordValue?.at("subscribe.label") == "ccsh remote actions" }.count == 1, "ccsh's callback made once")
        let posts = sandbox.stderrText.split(separator: "\n").filter { $0.contains(" POST /connectedcar/v4") && $0.contains("/remotes ") }
        #expect(posts.contains { $0.hasSuffix("(connection cut)") }, "a POST lost its answer: reconciliation was exercised")
        let refused = posts.filter { $0.contains(" 500 ") }.count
        #expect(posts.count == 20 + refused, "only the POSTs the server refused unseen were sent again: \(posts)")
    }
}
