import Foundation
import TestSupport
import Testing

/// The interactive shell on libedit, driven through a real pseudo-terminal against `ccsh --sandbox`: TAB,
/// history, Ctrl-R, Ctrl-C, Ctrl-D, closing the terminal, non-ASCII input, and no password in the history file.
@Suite(.serialized) struct REPLTerminalTests {
    /// A state directory (sandbox, history) shared by the sessions of one test.
    final class Home {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-repl-\(UUID().uuidString)")
        var history: URL { root.appendingPathComponent("ccsh/history") }

        deinit { try? FileManager.default.removeItem(at: root) }

        func session(_ typing: [PseudoTerminal.Keystrokes], columns: UInt16 = 120) throws -> PseudoTerminal.Run {
            let ccsh = try #require(Executables.url(for: "ccsh"))
            let sandbox = try #require(Executables.url(for: "ccsh-sandbox"))
            let environment = [
                "PATH": "/usr/bin:/bin", "HOME": root.path, "XDG_STATE_HOME": root.path, "CCSH_SANDBOX": sandbox.path, "LANG": "C.UTF-8",
                "NO_COLOR": "1",
            ]
            return try PseudoTerminal.run(ccsh, ["--sandbox"], typing: typing, environment: environment, columns: columns)
        }
    }

    @Test("TAB: a command after |, the sandbox's vehicles listed with VIN and label, a VIN prefix completed, a variable's fields")
    func completion() throws {
        let home = Home()
        let run = try home.session([
            // Cues are results, not prompts: libedit redraws the prompt with the line after each TAB.
            .init(after: "@sandbox> ", "vehicles | cou\t\n"),
            .init(after: "\r\n3\r\n", "status \t\t"),
            .init(after: "Mokka-e GS Line", "\u{15}vehicle VXK\t| get label\n"),
            .init(after: "\r\nMokka-e GS Line\r\n", "let v = (vehicles | first)\n"),
            .init(after: "@sandbox> ", "$v.lab\t\n"),
            .init(after: "\r\nC5 Aircross Hybrid 225\r\n", "vehic\t\t"),
            .init(after: "List the vehicles", "\u{15}vehicles | wh\tlabel != x | get vin | first\n"),
            .init(after: "\r\nVR", "exit\n"),
        ])
        #expect(run.status == 0, "\(run.screen.debugDescription)")
        let lines = run.screen.components(separatedBy: "\r\n")
        #expect(lines.contains("3"), "vehicles | count ran: \(run.screen.debugDescription)")
        #expect(run.screen.contains("VR7ATHNSKLW000042  C5 Aircross Hybrid 225"), "the list shows VIN and label")
        #expect(lines.contains("Mokka-e GS Line"), "VXK became the whole VIN")
        #expect(lines.contains("C5 Aircross Hybrid 225"), "$v.lab became $v.label")
        #expect(run.typedAt.count == 8, "every step's cue came: `vehicles | wh<TAB>label != x | …` ran as where")
    }

    @Test(
        "TAB by declared kind: alarms --type offers the alarm types only; monitors create --callback no callback ids",
        arguments: [80, 160] as [UInt16])
    func completionByKind(columns: UInt16) throws {
        let home = Home()
        let run = try home.session(
            [
                .init(after: "@sandbox> ", "set api-version 4.17\n"),
                .init(after: "@sandbox> ", "let cb = (callbacks create --label kinds --target https://my.dn/kinds)\n"),
                .init(after: "@sandbox> ", "alarms 0 --type \t\t"),
                .init(after: "vehicle.alarm.trigger", "\u{15}alarms 0 --type vehicle.od\t"),
                .init(after: "vehicle.od", "\u{15}monitors create 0 --callback \t\t", pause: 0.5),
                .init(after: "--callback ", "\u{15}exit\n", pause: 0.5),
            ], columns: columns)
        #expect(run.status == 0, "\(run.screen.debugDescription)")
        #expect(run.screen.contains("vehicle.alarm.status"), "\(run.screen.debugDescription)")
        #expect(!run.screen.contains("vehicle.odometer"), "no telemetry type for alarms: \(run.screen.debugDescription)")
        let afterCallback = run.screen.components(separatedBy: "monitors create 0 --callback").last ?? ""
        #expect(!afterCallback.contains("kinds"), "no callback listed for a URL flag: \(afterCallback.debugDescription)")
    }

    @Test(
        "TAB by declared kind for the history: tariff names from config.toml, places from the history, IANA time zones",
        arguments: [80, 160] as [UInt16])
    func historyKinds(columns: UInt16) throws {
        let home = Home()
        let other = "~/other.sqlite"
        let run = try home.session(
            [
                .init(after: "@sandbox> ", "tariff add nightly --currency EUR --price 0.2 --default | get name\n"),
                .init(after: "\r\nnightly\r\n", "places add work 48.85,2.35 | get name\n"),
                .init(after: "\r\nwork\r\n", "tariff remove ni\t"),
                .init(after: "ghtly", "\u{15}places remove wo\t"),
                .init(after: "rk", "\u{15}places add gym 45.1,7.7 --db \(other) | get name\n"),
                .init(after: "\r\ngym\r\n", "places remove --db \(other) g\t"),
                .init(after: "ym", "\u{15}costs 0 --zone Europe/Par\t"),
                .init(after: "is", "\u{15}exit\n", pause: 0.3),
            ], columns: columns)
        #expect(run.status == 0, "\(run.screen.debugDescription)")
        // libedit writes the completed end after moving the cursor back to the column where the word ends.
        let screen = run.screen.replacing(/\r\u{1B}\[\d+G/, with: "")
        for completed in ["tariff remove nightly ", "places remove work ", "places remove --db \(other) gym ", "costs 0 --zone Europe/Paris "] {
            #expect(screen.contains(completed), "\(completed): \(run.screen.debugDescription)")
        }
    }

    @Test("history: saved after each command in a 0600 file, found again with Ctrl-R in the next session, never the password")
    func history() throws {
        let home = Home()
        let password = "sandbox-2f5bc64fc3b4"  // the sandbox's demo password, from its fixed seed
        let first = try home.session([
            .init(after: "@sandbox> ", "login --user sofia.dubois@example.com | get status\n"),
            .init(after: "password for sofia.dubois@example.com: ", password + "\n"),
            .init(after: "@sandbox> ", "let typed = \"\(password)\"\n"),
            .init(after: "@sandbox> ", "user | get firstName\n"),
            .init(after: "@sandbox> ", "exit\n"),
        ])
        let description = try String(contentsOf: home.root.appendingPathComponent("ccsh/sandbox/sandbox.json"), encoding: .utf8)
        try #require(description.contains("\"\(password)\""), "the sandbox's password is the one typed")
        #expect(first.status == 0, "\(first.screen.debugDescription)")
        #expect(first.screen.contains("logged in"), "\(first.screen.debugDescription)")
        let saved = try String(contentsOf: home.history, encoding: .utf8)
        #expect(saved.contains("user"), "\(saved)")
        #expect(!saved.contains(password), "not even in a line typed after the login: \(saved)")
        #expect(!saved.contains("typed"))
        #expect((try FileManager.default.attributesOfItem(atPath: home.history.path)[.posixPermissions] as? Int) == 0o600)

        let second = try home.session([
            .init(after: "@sandbox> ", "\u{12}firstN"),
            .init(after: "firstN", "\n"),
            .init(after: "@sandbox> ", "exit\n"),
        ])
        #expect(second.screen.components(separatedBy: "\r\n").contains("Sofia"), "\(second.screen.debugDescription)")
    }

    @Test("Ctrl-C at the prompt drops the line and gives a fresh prompt; unfinished input continues; Ctrl-D leaves with status 0")
    func interrupts() throws {
        let home = Home()
        let run = try home.session([
            .init(after: "@sandbox> ", "vehicles | count"),
            .init(after: "count", "\u{03}"),
            .init(after: "@sandbox> ", "(1 +\n"),
            .init(after: "…> ", "41)\n"),
            .init(after: "@sandbox> ", "\u{04}"),
        ])
        #expect(run.status == 0, "\(run.screen.debugDescription)")
        #expect(run.screen.hasPrefix("peugeot@sandbox> "), "brand and profile, no color under NO_COLOR: \(run.screen.debugDescription)")
        #expect(run.screen.contains("\r\n              …> 41)"), "the continuation prompt lines up with the prompt")
        let lines = run.screen.components(separatedBy: "\r\n")
        #expect(lines.contains("42"))
        #expect(!lines.contains("3"), "the interrupted line did not run")
    }

    @Test("a non-ASCII label round-trips through the line editor and the API; closing the terminal leaves the history complete")
    func hangUp() throws {
        let home = Home()
        let label = "Garé à l'école ✓"
        let create = "let m = (monitors create 0 --label \"\(label)\" --callback https://my.dn/cb --data low:vehicle.energy.electric.level:lt:20)"
        let read = "monitors 0 | get monitor.label | first"
        let first = try home.session([
            .init(after: "> ", create + "\n"),
            .init(after: "> ", read + "\n"),
            .hangUp(after: "\r\n\(label)\r\n"),
        ])
        #expect(first.screen.components(separatedBy: "\r\n").contains(label), "\(first.screen.debugDescription)")
        #expect(first.status == 128 + SIGHUP, "the shell ended on the hang-up: \(first.screen.debugDescription)")
        // Two runs in six right after a rebuild (never under CPU load alone) the process was killed by a signal
        // instead of exiting through its handler. The likely cause — libedit's own handlers, which re-send the
        // signal to the process group and race when two threads take it — is gone (EL_SIGNAL off); this stays
        // marked intermittent until CI runs show it does not come back (see the issue note).
        withKnownIssue("sometimes killed by a signal on the hang-up instead of exiting 129", isIntermittent: true) {
            #expect(first.signal == nil, "exited through the SIGHUP handler, killed by \(String(describing: first.signal))")
        }

        let second = try home.session([
            .init(after: "> ", "history | get entry | to json\n"),
            .init(after: "]", "exit\n"),
        ])
        let json = { (line: String) in "\"" + line.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        #expect(second.screen.contains(json(create)), "the history file kept the first line: \(second.screen.debugDescription)")
        #expect(second.screen.contains(json(read)), "and the last one")
    }
}
