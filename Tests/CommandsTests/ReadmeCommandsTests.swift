import Foundation
import TestSupport
import Testing

/// The README cannot drift: every fenced block says, in a `<!-- readme-test: … -->` line before it, how it is
/// checked, and this suite runs each block that holds commands, against the sandbox, expecting exit 0:
/// - `shell`: each line in `/bin/sh`, `ccsh` being the built binary (a line holding `…` is a template: skipped);
/// - `ccsh [4.17] [fleet.json]`: the block as one script (prompt lines only, when it shows a session), with the
///   placeholders MID, CBID, RID and AID standing for the first monitor, callback, remote action and alarm;
/// - `skip: why`: output, configuration, or commands that another suite runs (it says which).
@Suite(.sandbox("--vehicles", "3", "--time-scale", "60"), .serialized)
struct ReadmeCommandsTests {
    /// One fenced block of the README.
    struct Block: CustomStringConvertible {
        var line: Int
        var note: String?
        var lines: [String]
        var description: String { "README.md:\(line) (\(note ?? "no note"))" }
    }

    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md")

    static func blocks() throws -> [Block] {
        let lines = try String(contentsOf: readme, encoding: .utf8).components(separatedBy: "\n")
        var blocks: [Block] = []
        var open: Block?
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("```") {
                if let block = open {
                    blocks.append(block)
                    open = nil
                } else {
                    let before = index > 0 ? lines[index - 1] : ""
                    let note = before.wholeMatch(of: /<!-- readme-test: (.+) -->/).map { String($0.1) }
                    open = Block(line: index + 1, note: note, lines: [])
                }
            } else {
                open?.lines.append(line)
            }
        }
        return blocks
    }

    /// A directory to run in, with what the README's commands name: tour.ccsh and fleet.json.
    static func workingDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "print ($args | count)\n".write(to: directory.appendingPathComponent("tour.ccsh"), atomically: true, encoding: .utf8)
        let fleet =
            #"[{"vin": "VR3A", "label": "a", "brand": "Peugeot", "energy": [{"level": 10}]}, "#
            + #"{"vin": "W0LB", "label": "b", "brand": "Opel", "energy": [{"level": 50}]}, "#
            + #"{"vin": "VR3C", "label": "c", "brand": "Peugeot", "energy": [{"level": 90}]}]"#
        try fleet.write(to: directory.appendingPathComponent("fleet.json"), atomically: true, encoding: .utf8)
        return directory
    }

    /// A home logged in to the suite's sandbox (`ccsh -c 'status 0'`), where `ccsh --sandbox` starts a sandbox of
    /// its own (world running a minute a second, so remote actions end at once).
    static func environment(_ home: SessionCommandTests.Home) -> [String: String] {
        home.environment.merging([
            "CCSH_SANDBOX": Executables.url(for: "ccsh-sandbox")?.path ?? "", "CCSH_SANDBOX_TIME_SCALE": "60", "CCSH_PROFILE": "lab",
        ]) { $1 }
    }

    @Test("every fenced block of the README says how it is checked")
    func annotated() throws {
        let blocks = try Self.blocks()
        #expect(blocks.count > 10)
        for block in blocks {
            let note = block.note ?? ""
            #expect(
                note == "shell" || note.hasPrefix("ccsh") || (note.hasPrefix("skip: ") && note.count > "skip: ".count + 3),
                "\(block): add `<!-- readme-test: shell | ccsh [4.17] | skip: why -->` before it")
        }
    }

    @Test("the README's shell lines run and exit 0")
    func shellLines() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let directory = try Self.workingDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ccsh = try #require(Executables.url(for: "ccsh"))
        var ran = 0
        for block in try Self.blocks() where block.note == "shell" {
            for line in block.lines where !line.trimmingCharacters(in: .whitespaces).isEmpty && !line.contains("…") {
                let script = "cd '\(directory.path)' && ccsh() { '\(ccsh.path)' \"$@\"; } && " + line
                let run = try Executables.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], environment: Self.environment(home))
                #expect(run.status == 0, "\(block): \(line)\n\(run.stderr)")
                ran += 1
            }
        }
        #expect(ran >= 8, "\(ran) lines ran")
    }

    @Test("the README's ccsh blocks run as scripts and exit 0")
    func ccshBlocks() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let ccsh = try #require(Executables.url(for: "ccsh"))
        var ran = 0
        for block in try Self.blocks() where block.note?.hasPrefix("ccsh") == true {
            let directory = try Self.workingDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let script = directory.appendingPathComponent("block.ccsh")
            try Self.statements(block).write(to: script, atomically: true, encoding: .utf8)
            let version = block.note?.contains("4.17") == true ? ["--api-version", "4.17"] : []
            let run = try Executables.run(
                URL(fileURLWithPath: "/bin/sh"),
                ["-c", "cd '\(directory.path)' && '\(ccsh.path)' --sandbox \(version.joined(separator: " ")) block.ccsh"],
                environment: Self.environment(home))
            #expect(run.status == 0, "\(block):\n\(Self.statements(block))\n\(run.stderr)")
            ran += 1
        }
        #expect(ran >= 4)
    }

    /// A block's statements: its prompt lines (and their continuations) when it shows a session, else its lines;
    /// placeholders filled.
    static func statements(_ block: Block) -> String {
        let prompted = block.lines.contains { $0.contains("@sandbox> ") }
        var lines: [String] = []
        for line in block.lines {
            if prompted {
                if let prompt = line.range(of: "@sandbox> ") {
                    lines.append(String(line[prompt.upperBound...]))
                } else if let continuation = line.range(of: "…> ") {
                    lines[lines.count - 1] += "\n" + line[continuation.upperBound...]
                }
            } else {
                lines.append(line)
            }
        }
        return lines.map { line in
            line.replacing(/\bMID\b/, with: "(monitors 0 | first | get id)").replacing(/\bCBID\b/, with: "(callbacks | first | get id)")
                .replacing(/\bRID\b/, with: "(remotes 0 | first | get remoteActionId)").replacing(/\bAID\b/, with: "(alarms 0 | first | get id)")
                .replacing("…", with: "x")
        }.joined(separator: "\n") + "\n"
    }
}
