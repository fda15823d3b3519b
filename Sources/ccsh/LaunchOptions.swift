import Shell

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
        /// `--man`: the man page, as roff.
        case manPage
        /// `--completion SHELL`: the completion script for bash, zsh or fish.
        case completion(String)
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
    /// `--no-pager`: results taller than the terminal are printed, not paged.
    var noPager = false
    /// The script (`-` for stdin) and its arguments; with `-c`, only the arguments.
    var script: [String] = []

    static let usage = "ccsh [options] [FILE [ARGS...]]\n       ccsh [options] -c SOURCE [ARGS...]\n       ccsh [options] doctor [--profile NAME]"

    static let summary = "the Connected Car Shell: a scriptable REPL for the Stellantis Connected Car v4 API"

    static let description = """
        Runs FILE (`-` for stdin), or SOURCE, or the interactive shell when stdin is a terminal; ARGS are $args.
        `ccsh doctor` checks a profile's set-up (config, secrets, certificate, TLS, IDP, clock, tokens) and exits 1
        when a check failed; a script named doctor runs as ./doctor.
        """

    static let exitStatus = """
        0 ok, 1 a command failed, 2 usage or syntax error, 3 login required, 130 interrupted (129 and 143 when the
        terminal closed or ccsh was terminated).
        """

    /// Every option, declared once: the parser below, `--help`, the man page and the shell completions read it.
    static let table: [LaunchOption] = [
        LaunchOption(["-c"], value: "SOURCE", "Run SOURCE instead of a file."),
        LaunchOption(
            ["--output"], value: "FORMAT", "Result format: table, json, ndjson, csv or yaml (default: table on a terminal, JSON otherwise).",
            completes: .words(["table", "json", "ndjson", "csv", "yaml"])),
        LaunchOption(["--wide"], "Tables show every column, even when they overflow the terminal."),
        LaunchOption(
            ["--no-pager"], "At the prompt, print help and tables taller than the terminal instead of paging them ($PAGER, else less -FRX)."),
        LaunchOption(["--sandbox"], "Start the bundled API sandbox, log in to it, and stop it on exit."),
        LaunchOption(
            ["--profile"], value: "NAME", "The config.toml profile to use (default: $CCSH_PROFILE, else default_profile).", completes: .profiles),
        LaunchOption(
            ["--api-version"], value: "V",
            "Speak API 4.0 (the seed's) or 4.17 (callbacks, remote actions, alarms) instead of the profile's api_version.",
            completes: .words(["4.0", "4.17"])),
        LaunchOption(["--keep-going"], "Go on after a failed statement; the exit status is the first failure's."),
        LaunchOption(
            ["-v", "--verbose"], "Show each API exchange on stderr: method, URL, status, time and headers, with tokens and passwords masked."),
        LaunchOption(["--build-info"], "Print the libraries ccsh was built with."),
        LaunchOption(["--man"], "Print the man page (roff), generated from the commands' own help."),
        LaunchOption(
            ["--completion"], value: "SHELL", "Print the completion script for bash, zsh or fish.", completes: .words(["bash", "zsh", "fish"])),
        LaunchOption(["--version"], "Print ccsh's version."),
        LaunchOption(["-h", "--help"], "Print this help."),
    ]

    /// `ccsh --help`.
    static var help: String {
        var text = "ccsh — \(summary).\n\nUsage:\n  \(usage.replacingOccurrences(of: "\n       ", with: "\n  "))\n\n\(description)\n\nOptions:\n"
        for option in table {
            let spelling = option.spelling
            let lines = LaunchOption.wrap(option.help, width: 88)
            text += "  " + spelling.padding(toLength: max(spelling.count + 1, 19), withPad: " ", startingAt: 0) + lines[0] + "\n"
            for line in lines.dropFirst() { text += String(repeating: " ", count: 21) + line + "\n" }
        }
        let status = LaunchOption.wrap("Exit status: " + exitStatus.replacingOccurrences(of: "\n", with: " "), width: 108)
        return text + "\n" + status.joined(separator: "\n")
    }

    /// Reads `arguments` (without the program name).
    init(_ arguments: [String]) throws(UsageError) {
        var rest = arguments[...]
        while let argument = rest.first, argument.hasPrefix("-"), argument != "-" {
            rest.removeFirst()
            if argument == "--" { break }
            let (name, attached) = Self.split(argument)
            guard let option = Self.table.first(where: { $0.names.contains(name) }) else { throw UsageError("unknown option '\(name)'") }
            guard option.value != nil else {
                if attached != nil { throw UsageError("the option '\(name)' does not take a value") }
                switch option.names.last {
                case "--sandbox": sandbox = true
                case "--keep-going": keepGoing = true
                case "--verbose": verbose = true
                case "--wide": wide = true
                case "--no-pager": noPager = true
                case "--build-info": action = .buildInfo
                case "--man": action = .manPage
                case "--version": action = .version
                default: action = .help
                }
                continue
            }
            let value = try Self.value(of: name, attached, from: &rest)
            switch name {
            case "-c": command = value
            case "--output": output = value
            case "--profile": profile = value
            case "--api-version": apiVersion = value
            default: action = .completion(value)
            }
        }
        script = Array(rest)
        if command == nil, let word = script.first, let flags = Self.subcommands[word] {
            command = ([word] + flags + script.dropFirst().map(Self.quotedWord)).joined(separator: " ")
            script = []
        }
    }

    /// Commands that are also words of `ccsh` itself (`ccsh doctor`, `ccsh record --once` as cron and a service run
    /// it), with the flags they get there: the rest of the command line is their arguments.
    static let subcommands: [String: [String]] = ["doctor": ["--strict"], "record": []]

    /// An argument as a word of ccsh's language: bare when it is a flag or a plain word, else a string literal.
    private static func quotedWord(_ argument: String) -> String {
        let plain =
            !argument.isEmpty
            && argument.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "-_./@:".unicodeScalars.contains($0))
            }
        return plain ? argument : StringPart.literal(argument)
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

/// One of ccsh's own options: its spellings, the value it takes (nil: a switch), its help, and what completes it.
struct LaunchOption {
    /// What a shell offers after the option.
    enum Completion {
        case nothing
        case words([String])
        /// The profiles of config.toml, asked of ccsh itself.
        case profiles
    }

    var names: [String]
    var value: String?
    var help: String
    var completes: Completion

    init(_ names: [String], value: String? = nil, _ help: String, completes: Completion = .nothing) {
        self.names = names
        self.value = value
        self.help = help
        self.completes = completes
    }

    /// `-v, --verbose`, `--output FORMAT`.
    var spelling: String { names.joined(separator: ", ") + (value.map { " " + $0 } ?? "") }

    /// `text` in lines of at most `width` columns, cut at spaces.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return lines + [line]
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
