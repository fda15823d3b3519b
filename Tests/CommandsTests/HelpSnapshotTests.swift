import Commands
import Shell
import Testing

/// `help` output, generated from signatures, as full literal strings (ArgumentParser's `AssertHelp`).
@Suite struct HelpSnapshotTests {
    let shell: ShellHarness

    init() throws { shell = try ShellHarness() }

    @Test("help sort-by: usage, arguments, flags, input, examples")
    func sortBy() throws {
        #expect(
            try shell.run("help sort-by") == """
                sort-by — Sort rows by a column (or by their own value).

                Usage:
                  sort-by [path] [flags]

                Arguments:
                  [path]   The column to sort by; without it, the rows themselves. (cell path)

                Flags:
                  -r, --reverse   Largest first.
                  -h, --help      Show this help.

                Input:
                  list

                Examples:
                  Ascending by n.
                  > [{n: 3}, {n: 1}, {n: 2}] | sort-by n

                  Descending.
                  > [3, 1, 2] | sort-by --reverse
                """)
    }

    @Test("where --help: the discussion and a condition argument")
    func whereHelp() throws {
        let text = try shell.run("where --help").text
        #expect(
            text.hasPrefix(
                """
                where — Keep the rows for which a condition holds.

                Bare field names in the condition read the row (`level < 20`); `$it` is the row itself.

                Usage:
                  where <condition>

                Arguments:
                  <condition>   A condition over each row, e.g. `brand == "Peugeot"` or `{ $it > 2 }`.
                """))
    }

    @Test("help lists every command by family, a group of subcommands on one line; help of a group lists them")
    func overview() throws {
        let all = try shell.run("help").text
        #expect(all.hasPrefix("Working with rows\n  avg         The mean of a list of numbers.\n"), "\(all)")
        for name in CommandRegistry.language().names {
            let first = String(name.split(separator: " ")[0])
            #expect(all.contains("\n  \(first) "), "\(name)")
        }
        #expect(all.contains("\n  from …   csv, json, yaml: `help from`.\n"), "\(all)")
        #expect(
            try shell.run("help from") == """
                Commands:
                  from csv    Parse CSV text from the pipe into values.
                  from json   Parse JSON text from the pipe into values.
                  from yaml   Parse YAML text from the pipe into values.

                `help NAME` or `NAME --help` for a command's arguments, flags and examples.
                """)
    }

    @Test("help of an unknown command suggests the nearest")
    func unknown() {
        let error = shell.failure("help sortby")
        #expect(error?.message == "no command or help page named 'sortby'")
        #expect(error?.hint == "did you mean 'sort-by'?")
    }

    @Test("user commands appear in help")
    func userCommand() throws {
        _ = try shell.run("def double [x] { $x * 2 }")
        #expect(try shell.run("help double").text.hasPrefix("double — Defined with `def` in test.\n\nUsage:\n  double <x>\n"))
    }
}
