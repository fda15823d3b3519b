/// ccsh's own command line: options first, then a script and the arguments it sees as `$args` (or, with `-c`,
/// just those arguments). Everything from the first non-option on belongs to the script, `--foo` included, so
/// `ccsh tool.ccsh --verbose` passes `--verbose` on.
///
/// Parsed by hand, not by swift-argument-parser: its reflection over the option properties was most of ccsh's own
/// start-up work (issue "Benchmarks": `ccsh -c version` within 1.5× of `curl --version`).
struct LaunchOptions: Equatable {
    /// What the command line asks for.
    enum Action: Equatable {
        case run
        case help
        case version
        case buildInfo
    }

    var action = Action.run
    /// `-c SOURCE`.
    var command: String?
    /// `--output FORMAT`, not yet checked.
    var output: String?
    var sandbox = false
    var profile: String?
    /// `--api-version 4.0|4.17`, not yet checked: overrides the profile's `api_version`.
    var apiVersion: String?
    var keepGoing = false
    /// `--verbose`: each HTTP exchange on stderr.
    var verbose = false
    /// `--wide`: tables show every column of their view, even past the terminal's width.
    var wide = false
    /// The script (`-` for stdin) and its arguments; with `-c`, only the arguments.
    var script: [String] = []

    static let usage = "ccsh [options] [FILE [ARGS...]]\n       ccsh [options] -c SOURCE [ARGS...]\n       ccsh [options] doctor [--profile NAME]"

    static let help = """
        ccsh — the Connected Car Shell: a scriptable REPL for the Stellantis Connected Car v4 API.

        Usage:
          \(usage.replacingOccurrences(of: "\n       ", with: "\n  "))

        Runs FILE (`-` for stdin), or SOURCE, or the interactive shell when stdin is a terminal; ARGS are $args.
        `ccsh doctor` checks a profile's set-up (config, secrets, certificate, TLS, IDP, clock, tokens) and exits 1
        when a check failed; a script named doctor runs as ./doctor.

        Options:
          -c SOURCE          Run SOURCE instead of a file.
          --output FORMAT    Result format: table, json, ndjson, csv or yaml (default: table on a terminal,
                             JSON otherwise).
          --wide             Tables show every column, even when they overflow the terminal.
          --sandbox          Start the bundled API sandbox, log in to it, and stop it on exit.
          --profile NAME     The config.toml profile to use (default: $CCSH_PROFILE, else default_profile).
          --api-version V    Speak API 4.0 (the seed's) or 4.17 (callbacks, remote actions, alarms) instead
                             of the profile's api_version.
          --keep-going       Go on after a failed statement; the exit status is the first failure's.
          -v, --verbose      Show each API exchange on stderr: method, URL, status, time and headers, with
                             tokens and passwords masked.
          --build-info       Print the libraries ccsh was built with.
          --version          Print ccsh's version.
          -h, --help         Print this help.

        Exit status: 0 ok, 1 a command failed, 2 usage or syntax error, 3 login required, 130 interrupted
        (129 and 143 when the terminal closed or ccsh was terminated).
        """

    /// Reads `arguments` (without the program name).
    init(_ arguments: [String]) throws(UsageError) {
        var rest = arguments[...]
        while let argument = rest.first, argument.hasPrefix("-"), argument != "-" {
            rest.removeFirst()
            if argument == "--" { break }
            let (name, attached) = Self.split(argument)
            switch name {
            case "-c": command = try Self.value(of: name, attached, from: &rest)
            case "--output": output = try Self.value(of: name, attached, from: &rest)
            case "--profile": profile = try Self.value(of: name, attached, from: &rest)
            case "--api-version": apiVersion = try Self.value(of: name, attached, from: &rest)
            case "--sandbox", "--keep-going", "--verbose", "-v", "--wide", "--build-info", "--version", "--help", "-h":
                if attached != nil { throw UsageError("the option '\(name)' does not take a value") }
                switch name {
                case "--sandbox": sandbox = true
                case "--keep-going": keepGoing = true
                case "--verbose", "-v": verbose = true
                case "--wide": wide = true
                case "--build-info": action = .buildInfo
                case "--version": action = .version
                default: action = .help
                }
            default:
                throw UsageError("unknown option '\(name)'")
            }
        }
        script = Array(rest)
        if command == nil, script.first == "doctor" {
            command = (["doctor", "--strict"] + script.dropFirst().map(Self.quotedWord)).joined(separator: " ")
            script = []
        }
    }

    /// An argument as a word of ccsh's language: bare when it is a flag or a plain word, else a string literal.
    private static func quotedWord(_ argument: String) -> String {
        let plain =
            !argument.isEmpty
            && argument.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "-_./@:".unicodeScalars.contains($0))
            }
        guard !plain else { return argument }
        return "\"" + argument.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `--name=value` → (`--name`, `value`); anything else unchanged.
    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private static func value(of name: String, _ attached: String?, from rest: inout ArraySlice<String>) throws(UsageError) -> String {
        if let attached { return attached }
        guard let value = rest.popFirst() else { throw UsageError("the option '\(name)' needs a value") }
        return value
    }
}

/// A command line ccsh cannot run, exit status 2: a malformed one is printed with the usage.
struct UsageError: Error, Equatable {
    var message: String
    /// Whether the command line's shape was wrong (an unknown option, a missing value), rather than one value.
    var showsUsage: Bool

    init(_ message: String, showsUsage: Bool = true) {
        self.message = message
        self.showsUsage = showsUsage
    }

    /// What ccsh prints on stderr.
    var report: String {
        "ccsh: \(message)\n" + (showsUsage ? "usage: \(LaunchOptions.usage)\nhint: `ccsh --help` describes every option\n" : "")
    }
}
