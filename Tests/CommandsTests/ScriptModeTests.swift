import Foundation
import Shell
import TestSupport
import Testing

/// The `ccsh` executable: the same script from a file, from `-c` and from stdin gives the same output and exit
/// status; diagnostics print in the documented format with the documented exit codes.
@Suite struct ScriptModeTests {
    static func ccsh() throws -> URL { try #require(Executables.url(for: "ccsh")) }

    /// Runs `ccsh arguments…` in a fresh directory holding `files`.
    static func run(_ arguments: [String], input: String = "", files: [String: String] = [:]) throws -> Executables.Run {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-mode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        let environment = ["PATH": "/usr/bin:/bin", "CCSH_TEST_VALUE": "from the environment", "NO_COLOR": "1"]
        var run = try Executables.run(try ccsh(), arguments, input: input, directory: directory, environment: environment)
        run.stderr = run.stderr.replacingOccurrences(of: directory.path, with: "$DIR")
        return run
    }

    @Test("ccsh WORD where WORD is a command: exit 2 with the -c line to run instead; a missing script file is still named")
    func commandForAScript() throws {
        let run = try Self.run(["status", "0"])
        #expect(run.status == 2)
        #expect(
            run.stderr
                == "ccsh: 'status' is a command, not a script file\n"
                + "hint: run a command line with -c: `ccsh -c 'status 0'` (`ccsh --sandbox -c 'status 0'` on the bundled sandbox)\n")
        #expect(try Self.run(["nope.ccsh"]).stderr == "ccsh: cannot read script 'nope.ccsh': no such file\n")
    }

    @Test("a first run without a config names the file, profile add, --sandbox and doctor")
    func firstRunWithoutConfig() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-first-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try Executables.run(
            try Self.ccsh(), ["-c", "vehicles"],
            environment: ["PATH": "/usr/bin:/bin", "HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path, "NO_COLOR": "1"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("no profile is set up in \(home.path)/config/ccsh/config.toml"), "\(run.stderr)")
        for word in ["`profile add NAME", "`ccsh --sandbox`", "`ccsh doctor`"] { #expect(run.stderr.contains(word), "\(word)") }
    }

    @Test("at a terminal an empty result says (no rows), at 80 and 160 columns; in a pipe it stays []", arguments: [80, 160] as [UInt16])
    func emptyTable(columns: UInt16) throws {
        let environment = ["PATH": "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path, "NO_COLOR": "1", "TERM": "xterm"]
        let run = try PseudoTerminal.run(
            try Self.ccsh(), ["-c", "[{a: 1}] | where a == 2"], environment: environment, columns: columns)
        #expect(run.status == 0)
        #expect(run.screen.trimmingCharacters(in: .whitespacesAndNewlines) == "(no rows)", "\(run.screen.debugDescription)")
        #expect(try Self.run(["-c", "[{a: 1}] | where a == 2"]).stdout == "[]\n")
    }

    @Test("a statement run for its effects prints its effects only, not a list of nulls")
    func effectsOnly() throws {
        let run = try Self.run(["-c", "[{label: a}, {label: b}] | each { print $it.label }"])
        #expect(run.stdout == "a\nb\n", "\(run.stdout.debugDescription)")
        #expect(try Self.run(["-c", "[1, null] | each { $it }"]).stdout.contains("1"), "a list with a value still prints")
    }

    @Test("file, -c and stdin agree", arguments: GoldenScript.names)
    func modesAgree(_ name: String) throws {
        let text = try String(contentsOf: GoldenScript.directory.appendingPathComponent(name), encoding: .utf8)
        let file = try Self.run(["--keep-going", name, "one", "two"], files: [name: text])
        let command = try Self.run(["--keep-going", "-c", text, "one", "two"])
        let stdin = try Self.run(["--keep-going", "-", "one", "two"], input: text)
        #expect(!file.stdout.isEmpty)
        #expect(file.status == 1, "the golden scripts hold failing statements, so --keep-going ends with 1")
        for other in [command, stdin] {
            #expect(other.stdout == file.stdout)
            #expect(other.status == file.status)
        }
        let names = [name: "SCRIPT", "-c": "SCRIPT", "<stdin>": "SCRIPT"]
        let normalized = [file, command, stdin].map { run in
            run.stderr.split(separator: "\n").map { line in
                names.reduce(String(line)) { text, pair in text.hasPrefix(pair.key + ":") ? pair.value + text.dropFirst(pair.key.count) : text }
            }
        }
        #expect(normalized[1] == normalized[0])
        #expect(normalized[2] == normalized[0])
    }

    @Test("a script stops at its first error with a diagnostic and exit status 1")
    func runtimeError() throws {
        let script = "let fleet = [{vin: A}]\n$fleet | first | get vni\nprint \"never\"\n"
        let run = try Self.run(["tour.ccsh"], files: ["tour.ccsh": script])
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(
            run.stderr == """
                tour.ccsh:2:22: error: no field 'vni' in the record
                  $fleet | first | get vni
                                       ^~~
                hint: did you mean 'vin'?

                """)
    }

    @Test("a syntax error runs nothing and exits 2")
    func syntaxError() throws {
        let script = "print \"before\"\nlet x = [1, 2\nprint \"after\"\n"
        let run = try Self.run(["broken.ccsh"], files: ["broken.ccsh": script])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr == "broken.ccsh:2:9: error: '[' is never closed\n  let x = [1, 2\n          ^\nhint: add ']' to close the list\n")
    }

    @Test("an error inside a command defined in a sourced file points into that file")
    func sourcedDefinition() throws {
        let files = [
            "lib.ccsh": "def broken [] {\n  [{a: 1}] | get b\n}\ndef lazy [] { [1, 2] | each { $it.x } }\n", "main.ccsh": "source lib.ccsh\nbroken\n",
        ]
        let run = try Self.run(["main.ccsh"], files: files)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("lib.ccsh:2:18: error: no field 'b' in the record\n    [{a: 1}] | get b\n"), "\(run.stderr)")
        let lazy = try Self.run(["-c", "source lib.ccsh; lazy | count"], files: files)
        #expect(lazy.stderr.hasPrefix("lib.ccsh:4:31: error: cannot read 'x' of an int\n"), "\(lazy.stderr)")
    }

    @Test("an unknown command exits 2 with a suggestion")
    func unknownCommand() throws {
        let run = try Self.run(["-c", "[1, 2] | frist"])
        #expect(run.status == 2)
        #expect(run.stderr == "-c:1:10: error: unknown command 'frist'\n  [1, 2] | frist\n           ^~~~~\nhint: did you mean 'first'?\n")
    }

    @Test("exit codes: exit N, --keep-going, bad usage")
    func exitCodes() throws {
        #expect(try Self.run(["-c", "print a; exit 7; print b"]).status == 7)
        #expect(try Self.run(["-c", "exit 7"]).stdout == "")
        let keepGoing = try Self.run(["--keep-going", "-c", "print a\n1 / 0\nprint b"])
        #expect(keepGoing.stdout == "a\nb\n")
        #expect(keepGoing.status == 1)
        let bogus = try Self.run(["--bogus"])
        #expect(bogus.status == 2)
        #expect(bogus.stderr.hasPrefix("ccsh: unknown option '--bogus'\nusage: "))
        #expect(try Self.run(["--help"]).stdout.contains("-c SOURCE"))
        #expect(try Self.run(["--output", "xml", "-c", "1"]).status == 2)
        #expect(try Self.run(["missing.ccsh"]).status == 2)
        #expect(try Self.run(["--version"]).stdout.hasPrefix("ccsh "))
    }

    @Test("a shebang line is a comment, and $args holds the arguments")
    func shebang() throws {
        let run = try Self.run(["tool.ccsh", "a", "b"], files: ["tool.ccsh": "#!/usr/bin/env ccsh\n$args | count\n"])
        #expect(run.stdout == "2\n")
    }

    @Test("output: JSON when not a terminal, --output picks another format, strings print as text")
    func outputFormats() throws {
        #expect(try Self.run(["-c", "[{a: 1}]"]).stdout == "[\n  {\n    \"a\": 1\n  }\n]\n")
        #expect(try Self.run(["--output", "ndjson", "-c", "[{a: 1}, {a: 2}]"]).stdout == "{\"a\":1}\n{\"a\":2}\n")
        #expect(try Self.run(["--output", "csv", "-c", "[{a: 1}, {a: 2}]"]).stdout == "a\n1\n2\n")
        #expect(try Self.run(["--output", "yaml", "-c", "{a: 1}"]).stdout == "a: 1\n")
        #expect(try Self.run(["--output", "table", "-c", "[{a: 1}]"]).stdout == "# │ a\n──┼──\n0 │ 1\n")
        #expect(try Self.run(["-c", "\"plain\""]).stdout == "plain\n")
        #expect(try Self.run(["--output", "json", "-c", "\"plain\""]).stdout == "\"plain\"\n")
    }

    @Test("libedit is loaded by the interactive shell only: a -c run never maps it, a session at a terminal does")
    func lineEditorLoadedOnDemand() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-libedit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        /// What the dynamic loader reports opening in one run (`LD_DEBUG=libs`, one file per process).
        func librariesOpened(_ run: (_ environment: [String: String]) throws -> Void) throws -> String {
            let directory = home.appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try run([
                "PATH": "/usr/bin:/bin", "HOME": home.path, "XDG_STATE_HOME": home.path, "XDG_CONFIG_HOME": home.path, "NO_COLOR": "1",
                "LD_DEBUG": "libs", "LD_DEBUG_OUTPUT": directory.appendingPathComponent("ld").path,
            ])
            return try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }.joined()
        }
        let script = try librariesOpened { environment in
            let run = try Executables.run(try Self.ccsh(), ["-c", "print 1"], environment: environment)
            #expect(run.stdout == "1\n")
        }
        #expect(script.contains("libcurl.so"), "the loader's report was read")
        #expect(!script.contains("libedit"))
        let session = try librariesOpened { environment in
            let run = try PseudoTerminal.run(try Self.ccsh(), [], typing: [.init(after: "> ", "exit\r")], environment: environment)
            #expect(run.status == 0, "\(run.screen.debugDescription)")
        }
        #expect(session.contains("libedit.so"))
    }
}

/// Ctrl-C during a script: the run stops, what was printed is kept, the status is 130.
@Suite struct InterruptTests {
    @Test("SIGINT stops a running script with status 130")
    func interrupt() throws {
        let process = Process()
        process.executableURL = try ScriptModeTests.ccsh()
        // The script leaves a marker file just before the long count: the test interrupts only then, however slow
        // the machine is to start the process (a fixed sleep raced the signal handler's installation on CI).
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-interrupt-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: marker) }
        process.arguments = [
            "-c", "print started\n\"go\" | save '\(marker.path)'\nrange 1 1000000000000 | count\nprint never",
        ]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Never leave a runaway child behind: after 30 s it is killed and the test fails.
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: marker.path), process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        // Output is buffered (not a terminal), so "started" arrives at exit.
        process.interrupt()
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        #expect(String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "started\n")
        #expect(String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "interrupted\n")
    }
}
