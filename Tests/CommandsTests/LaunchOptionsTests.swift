import Testing

@testable import ccsh

/// ccsh's own command line, read by hand: options first, the script and its arguments after.
@Suite("Launch options")
struct LaunchOptionsTests {
    @Test("options before the script; everything from the script on is the script's")
    func options() throws {
        var expected = try LaunchOptions([])
        expected.command = "1 + 1"
        expected.output = "json"
        expected.profile = "home"
        expected.keepGoing = true
        expected.script = ["a", "--b"]
        #expect(try LaunchOptions(["-c", "1 + 1", "--output=json", "--profile", "home", "--keep-going", "a", "--b"]) == expected)
        #expect(try LaunchOptions(["tool.ccsh", "--sandbox"]).script == ["tool.ccsh", "--sandbox"])
        #expect(try LaunchOptions(["tool.ccsh", "--sandbox"]).sandbox == false)
        #expect(try LaunchOptions(["--", "-c"]).script == ["-c"])
        #expect(try LaunchOptions(["-", "x"]).script == ["-", "x"])
        #expect(try LaunchOptions(["--sandbox", "-c", "-1"]).command == "-1")
        #expect(try LaunchOptions(["--version"]).action == .version)
        #expect(try LaunchOptions(["-h"]).action == .help)
        #expect(try LaunchOptions(["--build-info"]).action == .buildInfo)
        #expect(try LaunchOptions(["-v", "-c", "1"]).verbose && LaunchOptions(["--verbose"]).verbose)
        #expect(try LaunchOptions(["tool.ccsh", "-v"]).verbose == false)
        #expect(try LaunchOptions([]) == LaunchOptions([]))
        #expect(try LaunchOptions([]).action == .run)
    }

    @Test(
        "a malformed command line names the option and shows the usage",
        arguments: [
            (["--bogus"], "unknown option '--bogus'"), (["-x", "a.ccsh"], "unknown option '-x'"),
            (["-c"], "the option '-c' needs a value"), (["--output"], "the option '--output' needs a value"),
            (["--profile"], "the option '--profile' needs a value"), (["--sandbox=yes"], "the option '--sandbox' does not take a value"),
        ])
    func malformed(_ arguments: [String], _ message: String) {
        let error = #expect(throws: UsageError.self) { try LaunchOptions(arguments) }
        #expect(error?.message == message)
        #expect(error?.report.hasPrefix("ccsh: \(message)\nusage: ccsh [options] [FILE [ARGS...]]\n") == true)
    }

    @Test("`ccsh doctor [--profile P]` runs `doctor --strict`; a script named doctor runs as ./doctor")
    func doctor() throws {
        #expect(try LaunchOptions(["doctor"]).command == "doctor --strict")
        #expect(try LaunchOptions(["--sandbox", "doctor", "--profile", "my lab"]).command == #"doctor --strict --profile "my lab""#)
        #expect(try LaunchOptions(["doctor", "--profile", #"a"b"#]).command == #"doctor --strict --profile "a\"b""#)
        #expect(try LaunchOptions(["doctor", "--profile", "$HOME"]).command == #"doctor --strict --profile "\$HOME""#, "no interpolation")
        #expect(try LaunchOptions(["./doctor"]).script == ["./doctor"])
        #expect(try LaunchOptions(["-c", "1", "doctor"]).script == ["doctor"], "with -c, doctor is an argument")
    }

    @Test("--man and --completion: generated from the option table and the commands' signatures")
    func generated() throws {
        #expect(try LaunchOptions(["--man"]).action == .manPage)
        #expect(try LaunchOptions(["--completion", "zsh"]).action == .completion("zsh"))
        let page = ManPage.render(version: "1.2.3")
        #expect(page.hasPrefix(#".TH CCSH 1 "" "ccsh 1.2.3""#))
        for option in LaunchOptions.table {
            #expect(LaunchOptions.help.contains(option.spelling), "--help lists \(option.spelling)")
            #expect(page.contains(ManPage.escape(option.names.joined(separator: ", "))), "the man page lists \(option.spelling)")
            for name in option.names {
                for shell in CompletionScripts.shells {
                    let script = try #require(CompletionScripts.script(for: shell))
                    let spelled = shell == "fish" ? (name.hasPrefix("--") ? "-l \(name.dropFirst(2))" : "-s \(name.dropFirst())") : name
                    #expect(script.contains(spelled), "the \(shell) completion offers \(name)")
                }
            }
        }
        for command in ["doctor", "vehicles", "monitors create", "remote", "listen"] {
            #expect(page.contains(".SS \(ManPage.escape(command))\n"), "the man page has \(command)")
        }
        let ascii = page.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii, "non-ASCII as \\[uXXXX]")
        #expect(CompletionScripts.script(for: "tcsh") == nil)
    }
}
