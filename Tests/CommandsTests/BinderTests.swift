import Commands
import Shell
import Testing

/// Binding arguments against a signature: every error says what was expected, where, and the nearest name.
@Suite struct BinderTests {
    /// `probe <count> [name] [--mode json|csv] [--limit N] [-v]`: returns what it was given.
    struct ProbeCommand: Command {
        var signature: Signature {
            Signature("probe", summary: "Echo the bound arguments.")
                .required("count", .int, "A number.")
                .optional("name", .string, "A name.")
                .flag("mode", .oneOf(["json", "csv"]), "The mode.")
                .flag("limit", .int, short: "l", "A limit.")
                .switch("verbose", short: "v", "Talk more.")
                .flag("tag", .string, repeatable: true, "Tags.")
                .flag("zone", Self.zone)
        }

        /// A kind written as a word.
        static let zone = ParameterKind("zone", help: "A zone's name.", isName: true)

        func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
            var record = Record()
            record["count"] = call.value("count")
            record["name"] = call.value("name")
            record["mode"] = call.value("mode")
            record["limit"] = call.value("limit")
            record["verbose"] = .bool(call.isSet("verbose"))
            record["tag"] = call.value("tag")
            record["zone"] = call.value("zone")
            return .value(.record(record))
        }
    }

    func shell() throws -> ShellHarness {
        var registry = CommandRegistry.language()
        registry.register(ProbeCommand())
        return try ShellHarness(registry: registry)
    }

    @Test("positionals, flags with values (spaced or with =), short flags and switches")
    func binds() throws {
        let shell = try shell()
        #expect(try shell.run("probe 3 ann --mode csv -l 5 -v") == ["count": 3, "name": "ann", "mode": "csv", "limit": 5, "verbose": true])
        #expect(try shell.run("probe --limit=7 2 --verbose=false") == ["count": 2, "limit": 7, "verbose": false])
        #expect(try shell.run("let n = 4; probe $n (echo x)") == ["count": 4, "name": "x", "verbose": false])
        #expect(try shell.run("probe 1 --tag a --tag=b --tag k=v") == ["count": 1, "verbose": false, "tag": ["a", "b", "k=v"]])
        // A kind written as a word takes a number as its text.
        #expect(try shell.run("probe 1 --zone 5") == ["count": 1, "verbose": false, "zone": "5"])
        #expect(try shell.run("probe 1 --zone 2.5") == ["count": 1, "verbose": false, "zone": "2.5"])
    }

    @Test(
        "binding errors",
        arguments: [
            ("probe", "'probe' needs the argument <count> (int)", "usage: probe <count> [name] [flags]"),
            ("probe x", "'probe' expects an int for 'count', got a string ('x')", nil),
            ("probe 1 a b", "too many arguments: 'probe' takes at most 2 arguments", "usage: probe <count> [name] [flags]"),
            ("probe 1 --mdoe csv", "unknown flag '--mdoe' for 'probe'", "did you mean '--mode'?"),
            ("probe 1 --zzz", "unknown flag '--zzz' for 'probe'", "flags: --mode, --limit, --verbose, --tag, --zone"),
            ("probe 1 --mode", "flag '--mode' needs a value (one of: json, csv)", "write `--mode VALUE`"),
            ("probe 1 --mode jsno", "'jsno' is not a valid value for '--mode'", "did you mean 'json'?"),
            ("probe 1 --mode xml", "'xml' is not a valid value for '--mode'", "one of: json, csv"),
            ("probe 1 --verbose=3", "'--verbose' is a switch and takes no value", "write `--verbose` alone"),
            ("probe 1 --limit 2.5", "'probe' expects an int for '--limit', got a float (2.5)", nil),
            ("prob 1", "unknown command 'prob'", "did you mean 'probe'?"),
            ("to jsn", "'to' needs a subcommand", "did you mean 'to json'?"),
            ("[1] | first --help=yes", "'first' has no flag '--help'", "it takes no flags; see `help first`"),
            ("probe 1 --zone [1]", "'probe' expects a zone for '--zone', got a list", "A zone's name."),
            ("probe 1 --zone {a: 1}", "'probe' expects a zone for '--zone', got a record", "A zone's name."),
        ] as [(String, String, String?)])
    func errors(source: String, message: String, hint: String?) throws {
        let error = try #require(try shell().failure(source))
        #expect(error.message == message)
        #expect(error.hint == hint)
        #expect(error.exitStatus == ExitStatus.usage || error.code == .typeMismatch)
    }

    @Test("an error points at the argument that is wrong")
    func ranges() throws {
        let error = try #require(try shell().failure("probe 1 --mode xml"))
        #expect(error.range == SourceRange(15, 18))
    }
}
