import Foundation
import TestSupport
import Testing

/// What a person sees at an 80- and a 160-column pseudo-terminal agrees with what they can type: enum words and
/// column titles typed back, a misspelt field named, files saved in the format their name says, record literals
/// typed or pasted at the prompt, effects without a list of nulls, a command given as a script, a first run, and a
/// remote action that did not end in time.
@Suite(.serialized) struct TerminalWordsTests {
    static let widths: [UInt16] = [80, 160]

    /// The screen's text with CRLF made LF.
    static func text(_ run: PseudoTerminal.Run) -> String { run.screen.replacingOccurrences(of: "\r\n", with: "\n") }

    @Test("the table's words typed back: the severity shown finds its rows, a column title selects, a misspelt field is named", arguments: widths)
    func wordsTypedBack(columns: UInt16) throws {
        let home = ViewScreenTests.Home()
        let run = try home.run(
            "print '=== table'; alerts 0 | first 10; print '=== count'; alerts 0 | first 10 | where severity == Warning | count; "
                + "print '=== target'; set api-version 4.17; let cb = (callbacks create --label b --target https://my.dn/b); "
                + "callbacks | where label == b | select target; print '=== misspelt'; alerts 0 | where severty == Warning",
            columns: columns)
        let sections = ReferenceScreenTests.sections(Self.text(run))
        let shown = (sections["table"] ?? []).filter { $0.contains("│ Warning ") }.count
        #expect(shown > 0 && (sections["count"] ?? []).contains("\(shown)"), "rows shown Warning: \(shown), counted: \(sections["count"] ?? [])")
        let target = (sections["target"] ?? []).joined(separator: "\n")
        #expect(target.contains("# │ target") && target.contains("https://my.dn/b"), "\(target)")
        let misspelt = (sections["misspelt"] ?? []).joined(separator: "\n")
        #expect(run.status == 1 && misspelt.contains("error: no row has a field 'severty'"), "\(misspelt)")
        #expect(misspelt.contains("hint: did you mean 'severity'?"), "\(misspelt)")
    }

    @Test("save writes the format its extension names, and refuses another with the list", arguments: widths)
    func saveByExtension(columns: UInt16) throws {
        let home = ViewScreenTests.Home()
        let gpx = home.root.appendingPathComponent("t.gpx")
        let geojson = home.root.appendingPathComponent("t.geojson")
        let run = try home.run(
            "trips 0 | first 2 | save '\(gpx.path)'; trips 0 | first 2 | save '\(geojson.path)'; [1] | save '\(home.root.path)/out.xlsx'",
            columns: columns)
        let screen = Self.text(run)
        #expect(run.status == 2 && screen.contains("error: '.xlsx' is not a format save writes"), "\(screen)")
        #expect(screen.contains(".json, .ndjson, .jsonl, .csv, .yaml, .yml, .gpx, .geojson") && screen.contains("--format"), "\(screen)")
        #expect(try String(contentsOf: gpx, encoding: .utf8).contains("<gpx version=\"1.1\""))
        #expect(try String(contentsOf: geojson, encoding: .utf8).contains("\"FeatureCollection\""))
        #expect(!FileManager.default.fileExists(atPath: home.root.appendingPathComponent("out.xlsx").path), "nothing written for the refused one")
    }

    @Test("at the prompt: a record typed as {a:1} and one pasted as JSON; each for its effects prints the effects only", arguments: widths)
    func promptLiterals(columns: UInt16) throws {
        let home = ViewScreenTests.Home()
        let ccsh = try #require(Executables.url(for: "ccsh"))
        let run = try PseudoTerminal.run(
            ccsh, ["--sandbox"],
            typing: [
                .init(after: "@sandbox> ", "{a:1, b:[1 2]} | get b.1\n"),
                .init(after: "\r\n2\r\n", #"{"vin": "VR7", "n": {"x": [true, null]}} | get n.x.0"# + "\n"),
                .init(after: "\r\ntrue\r\n", "vehicles | each { print $it.vin }\n"),
                .init(after: "VXKUKZKXZSS015880\r\n", "exit\n", pause: 0.3),
            ],
            environment: home.environment, columns: columns)
        let screen = Self.text(run)
        #expect(run.status == 0, "\(screen)")
        let afterEach = screen.components(separatedBy: "each { print $it.vin }").last ?? ""
        #expect(afterEach.contains("VR7ATHNSKLW000042\nVR7ACZKXZNK007961\nVXKUKZKXZSS015880\n"), "\(afterEach.debugDescription)")
        #expect(!afterEach.contains("null") && !afterEach.contains("(no rows)"), "no list of nulls after the effects: \(afterEach.debugDescription)")
    }

    @Test("ccsh WORD for a command, and a first run without a config, say what to type", arguments: widths)
    func whatToType(columns: UInt16) throws {
        let home = ViewScreenTests.Home()
        let ccsh = try #require(Executables.url(for: "ccsh"))
        var environment = home.environment
        environment["XDG_CONFIG_HOME"] = home.root.appendingPathComponent("config").path
        let word = try PseudoTerminal.run(ccsh, ["vehicles"], environment: environment, columns: columns)
        #expect(word.status == 2, "\(word.screen)")
        #expect(Self.text(word).contains("hint: run a command line with -c: `ccsh -c 'vehicles'`"), "\(word.screen)")
        let first = try PseudoTerminal.run(ccsh, ["-c", "vehicles"], environment: environment, columns: columns)
        let screen = Self.text(first)
        #expect(first.status != 0 && screen.contains("no profile is set up in \(home.root.path)/config/ccsh/config.toml"), "\(screen)")
        for words in ["`profile add NAME", "`ccsh --sandbox`", "`ccsh doctor`"] { #expect(screen.contains(words), "\(words): \(screen)") }
    }

    @Test("a remote action that did not end in time: its id, and the command that looks again, on screen", arguments: widths)
    func remoteTimeOut(columns: UInt16) throws {
        let home = ViewScreenTests.Home()
        // Asleep, at real time: waking takes longer than the second the action is given.
        let run = try home.run(
            "set api-version 4.17; sandbox advance 1h | get scale; sandbox clock --scale 1 | get scale; remote 1 horn --timeout 1s", columns: columns)
        let screen = Self.text(run)
        #expect(run.status == 1, "\(screen)")
        let id = try #require(screen.firstMatch(of: /the remote action (\S+) did not end within 1 s/)?.1, "\(screen)")
        #expect(screen.contains("look again with `remotes show VR7ACZKXZNK007961 \(id)`, or wait longer: --timeout 2s"), "\(screen)")
        #expect(screen.contains("remote horn → ë-C4 Shine · VR7ACZKXZNK007961"), "the car is named: \(screen)")
    }
}
