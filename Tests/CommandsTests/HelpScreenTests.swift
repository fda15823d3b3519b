import Commands
import Foundation
import Shell
import TestSupport
import Testing

/// Help for the whole shell, as a person reads it on an 80- and a 160-column pseudo-terminal: `help` grouped by
/// family, one line a command; a page for each keyword of the language, whose examples run; `help monitors` with
/// its subcommands; every line wrapped at a word boundary; and a pager at the prompt when help or a table is taller
/// than the screen — never in scripts, not with `--no-pager` or `set pager off`.
@Suite(.serialized) struct HelpScreenTests {
    final class Home {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-help-\(UUID().uuidString)")
        deinit { try? FileManager.default.removeItem(at: root) }

        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            [
                "PATH": "/usr/bin:/bin", "HOME": root.path, "XDG_STATE_HOME": root.path, "LANG": "C.UTF-8", "NO_COLOR": "1",
                "CCSH_SANDBOX": Executables.url(for: "ccsh-sandbox")?.path ?? "",
            ].merging(extra) { $1 }
        }

        func script(_ source: String, columns: UInt16, _ extra: [String: String] = [:]) throws -> [String] {
            let ccsh = try #require(Executables.url(for: "ccsh"))
            let run = try PseudoTerminal.run(ccsh, ["-c", source], environment: environment(extra), columns: columns, rows: 40)
            #expect(run.status == 0, "\(run.screen)")
            return run.screen.components(separatedBy: "\r\n")
        }

        func prompt(_ typing: [PseudoTerminal.Keystrokes], arguments: [String] = [], _ extra: [String: String] = [:]) throws -> String {
            let ccsh = try #require(Executables.url(for: "ccsh"))
            let run = try PseudoTerminal.run(ccsh, ["--sandbox"] + arguments, typing: typing, environment: environment(extra), columns: 100, rows: 24)
            #expect(run.status == 0, "\(run.screen.debugDescription)")
            return run.screen
        }
    }

    /// Every word of `text` is whole somewhere in `lines` (a break mid-word would split one).
    static func wordsWhole(_ text: String, in lines: [String]) -> Bool {
        let words = Set(lines.flatMap { $0.split(separator: " ").map(String.init) })
        return text.split(separator: " ").allSatisfy { words.contains(String($0)) }
    }

    @Test("help: grouped by family, one line a command, the language's pages, wrapped at words", arguments: [80, 160] as [UInt16])
    func overview(columns: UInt16) throws {
        let lines = try Home().script("help", columns: columns)
        for family in ["Vehicles and their data", "Monitors, callbacks and remote actions", "Working with rows", "The language"] {
            #expect(lines.contains(family), "\(family)")
        }
        #expect(lines.allSatisfy { $0.terminalWidth <= Int(columns) }, "\(lines.filter { $0.terminalWidth > Int(columns) })")
        let commandLines = lines.filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
        #expect(commandLines.filter { $0.hasPrefix("  monitors ") }.count == 1, "monitors and its subcommands on one line")
        #expect(commandLines.count < 100, "\(commandLines.count) command lines")
        #expect(Self.wordsWhole("List a vehicle's monitors (server-side event rules), lazily.", in: lines))
        #expect(lines.contains { $0.hasPrefix("  let ") } && lines.contains { $0.hasPrefix("  blocks ") })
    }

    @Test("help let, def, if, for, try, blocks, operators, cell paths: a page each, with syntax and examples", arguments: [80, 160] as [UInt16])
    func keywordPages(columns: UInt16) throws {
        for topic in ["let", "def", "if", "for", "try", "blocks", "operators", "cell paths", "paths"] {
            let lines = try Home().script("help \(topic)", columns: columns)
            #expect(lines.contains("Syntax:") && lines.contains("Examples:"), "help \(topic): \(lines)")
            #expect(!lines.joined().contains("did you mean"), "help \(topic)")
            #expect(lines.allSatisfy { $0.terminalWidth <= Int(columns) }, "help \(topic)")
        }
    }

    @Test("help monitors lists its subcommands; help to lists the formats")
    func subcommands() throws {
        let lines = try Home().script("help monitors", columns: 80)
        #expect(lines.contains("Subcommands:"), "\(lines)")
        for sub in ["create", "delete", "pause", "resume", "show", "template", "update"] {
            #expect(lines.contains { $0.hasPrefix("  monitors \(sub) ") }, "monitors \(sub)")
        }
        let to = try Home().script("help to", columns: 80)
        #expect(to.contains { $0.hasPrefix("  to json ") }, "\(to)")
    }

    @Test("every language page's examples give the results they show")
    func topicExamples() throws {
        for topic in LanguageTopic.all {
            for example in topic.examples {
                let shell = try ShellHarness()
                let value = try shell.run(example.source)
                if let expected = example.result { #expect(value == expected, "help \(topic.name): \(example.source)") }
            }
        }
    }

    @Test("at the prompt a taller result goes through $PAGER; not with --no-pager, set pager off, or in a script")
    func pager() throws {
        let home = Home()
        let marked = ["PAGER": "sed 's/^/paged: /'"]
        let paged = try home.prompt([.init(after: "@sandbox> ", "help\n"), .init(after: "paged: The language", "exit\n")], marked)
        #expect(paged.contains("paged: Vehicles and their data"), "\(paged.debugDescription)")
        let short = try home.prompt([.init(after: "@sandbox> ", "1 + 1\n"), .init(after: "\r\n2\r\n", "exit\n")], marked)
        #expect(!short.contains("paged:"), "a result that fits is printed")
        let off = try home.prompt(
            [.init(after: "@sandbox> ", "set pager off\n"), .init(after: "@sandbox> ", "help\n"), .init(after: "The language", "exit\n")], marked)
        #expect(!off.contains("paged:"), "\(off.debugDescription)")
        let flag = try home.prompt([.init(after: "@sandbox> ", "help\n"), .init(after: "The language", "exit\n")], arguments: ["--no-pager"], marked)
        #expect(!flag.contains("paged:"))
        let script = try home.script("help", columns: 100, marked)
        #expect(!script.joined().contains("paged:"), "never in scripts")
    }
}
