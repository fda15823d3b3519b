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
}
