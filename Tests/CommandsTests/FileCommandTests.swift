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

    @Test("save --force writes through a symbolic link to its target, keeps a 0600 file's mode, and refuses a FIFO")
    func saveForceKeepsTheFile() throws {
        let shell = try ShellHarness()
        let directory = shell.directory.path
        _ = try shell.run("[1] | save target.json")
        chmod(directory + "/target.json", 0o600)
        symlink("target.json", directory + "/link.json")
        _ = try shell.run("[2] | save link.json --force")
        var info = stat()
        #expect(lstat(directory + "/link.json", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "the link is still a link")
        #expect(try shell.run("open target.json") == [2], "written through to its target")
        #expect(stat(directory + "/target.json", &info) == 0 && info.st_mode & 0o777 == 0o600, "the target's mode is kept")

        #expect(mkfifo(directory + "/pipe", 0o644) == 0)
        let error = try #require(shell.failure("\"3\" | save pipe --force"))
        #expect(error.message == "cannot write 'pipe': it is a FIFO, not a regular file")
        #expect(lstat(directory + "/pipe", &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the FIFO is left as it was")
        #expect(shell.failure("\"3\" | save pipe")?.message == "'pipe' already exists")
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(left == ["link.json", "pipe", "target.json"], "no temporary file is left behind")
    }

    @Test("save picks the format by extension, .gpx and .geojson too; another extension is refused with the list, unless --format")
    func saveByExtension() throws {
        let shell = try ShellHarness()
        _ = try shell.run("[{latitude: 48.8, longitude: 2.3}] | save w.gpx; [{latitude: 48.8, longitude: 2.3}] | save w.geojson")
        #expect(try shell.run("open --raw w.gpx").text.contains("<wpt lat=\"48.8\" lon=\"2.3\"/>"))
        #expect(try shell.run("open w.geojson | get features.0.geometry.coordinates") == [2.3, 48.8])
        let refused = try #require(shell.failure("[{a: 1}] | save out.xlsx"))
        #expect(refused.message == "'.xlsx' is not a format save writes")
        #expect(refused.hint == "name the file .json, .ndjson, .jsonl, .csv, .yaml, .yml, .gpx, .geojson, .html, .htm, or give --format")
        #expect(shell.failure("[{a: 1}] | save out")?.message == "'out' has no extension to name a format")
        _ = try shell.run("[{a: 1}] | save out.xlsx --format csv; \"text\" | save note.txt")
        #expect(try shell.run("open --raw out.xlsx") == "a\n1\n")
        #expect(try shell.run("open note.txt") == "text")
        let files = try FileManager.default.contentsOfDirectory(atPath: shell.directory.path).sorted()
        #expect(files == ["note.txt", "out.xlsx", "w.geojson", "w.gpx"], "nothing written for the refused saves")
    }

    @Test("save into a directory that does not exist says so")
    func missingDirectory() throws {
        let shell = try ShellHarness()
        let error = shell.failure("1 | save nowhere/x.json")
        #expect(error?.message == "cannot write 'nowhere/x.json': No such file or directory")
        #expect(error?.code == .io)
    }
}
