import Foundation
import Shell
import Testing

/// `open` and `save` on real files: extensions, errors with line and column, atomic writes, no silent overwrite.
@Suite struct FileCommandTests {
    @Test("open of the quickstart's monitor body reports the duplicate name key at its line and column")
    func quickstartMonitor() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ShellTests/Fixtures/quickstart-monitor.json")
        let shell = try ShellHarness()
        try shell.write("monitor.json", try String(contentsOf: fixture, encoding: .utf8))
        let error = try #require(shell.failure("open monitor.json"))
        #expect(error.message == "monitor.json:49:10: duplicate key \"name\"")
        #expect(error.range == SourceRange(5, 17))
        let yaml = try #require(shell.failure("open --raw monitor.json | from yaml"))
        #expect(yaml.message.hasPrefix("input: invalid YAML at "), "\(yaml.message)")
        #expect(yaml.message.count < 200)
    }

    @Test("save is atomic: a failed write leaves the old file whole and no temporary behind")
    func atomicSave() throws {
        let shell = try ShellHarness()
        _ = try shell.run("[1, 2] | save list.json")
        let error = shell.failure("{a: 1} | save list.csv; [1] | save list.csv --force")
        #expect(error?.message == "CSV needs a list of records, found an int in the list")
        #expect(try shell.run("open list.json") == [1, 2])
        let files = try FileManager.default.contentsOfDirectory(atPath: shell.directory.path).sorted()
        #expect(files == ["list.csv", "list.json"])
        #expect(try shell.run("open list.csv") == [["a": 1]])
    }

    @Test("save into a directory that does not exist says so")
    func missingDirectory() throws {
        let shell = try ShellHarness()
        let error = shell.failure("1 | save nowhere/x.json")
        #expect(error?.message == "cannot write 'nowhere/x.json': No such file or directory")
        #expect(error?.code == .io)
    }
}
