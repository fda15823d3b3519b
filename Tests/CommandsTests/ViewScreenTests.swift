import Foundation
import TestSupport
import Testing

/// What a person sees: the views on an 80- and a 160-column pseudo-terminal (`NO_COLOR=1`, UTF-8), against the
/// bundled sandbox, compared with the golden screens in Fixtures/Screens (`CCSH_UPDATE_SCREENS=1` rewrites them).
/// Ages count from a fixed now (`CCSH_NOW`) in a fixed zone, so the screens do not change with the clock.
@Suite(.serialized) struct ViewScreenTests {
    static let commands: [(name: String, source: String)] = [
        ("status", "status 0"), ("vehicles", "vehicles"), ("alerts", "alerts 0 | first 5"), ("trips", "trips 0 | first 5"),
        ("telemetry", "telemetry 0 | first 3"), ("monitors", "monitors 0"), ("maintenance", "maintenance 0"), ("position", "position 0"),
        // API 4.17's views, last: what they list is made first (a remote action says which car it acts on).
        ("alarms", "set api-version 4.17; alarms 0 | first 5"),
        ("callbacks", "let cb = (callbacks create --label 'home server' --target https://my.dn/cb --types remote); callbacks"),
        (
            "remotes",
            "let h = (remote 0 horn --no-wait --callback-id $cb.callbackId); let l = (remote 0 lights --no-wait --callback-id $cb.callbackId); remotes 0"
        ),
    ]
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/Screens")

    /// A state directory with the sandbox and one monitor whose times are fixed (its `created` column shows).
    final class Home {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-screens-\(UUID().uuidString)")
        deinit { try? FileManager.default.removeItem(at: root) }

        var environment: [String: String] {
            [
                "PATH": "/usr/bin:/bin", "HOME": root.path, "XDG_STATE_HOME": root.path, "LANG": "C.UTF-8", "NO_COLOR": "1", "TZ": "Europe/Paris",
                "CCSH_NOW": "2026-11-01T12:00:00Z", "CCSH_SANDBOX_TIME_SCALE": "0", "CCSH_SANDBOX_EPOCH": SandboxProcess.epoch,
                "CCSH_SANDBOX": Executables.url(for: "ccsh-sandbox")?.path ?? "",
            ]
        }

        func run(_ source: String, columns: UInt16) throws -> PseudoTerminal.Run {
            let ccsh = try #require(Executables.url(for: "ccsh"))
            return try PseudoTerminal.run(ccsh, ["--sandbox", "-c", source], environment: environment, columns: columns, rows: 40)
        }

        /// Creates a monitor, then pins its id and times in the sandbox's monitors.json.
        func addMonitor() throws {
            let ccsh = try #require(Executables.url(for: "ccsh"))
            let created = try Executables.run(
                ccsh,
                [
                    "--sandbox", "-c",
                    "monitors create 0 --label 'IDF zone' --callback https://my.dn/monitors/cb1 --zone outOfParis:out:48.866667,2.333333:20 --data batteryIsLow:vehicle.energy.electric.level:lt:50 --expr 'outOfParis & batteryIsLow' | get status",
                ],
                environment: environment)
            try #require(created.status == 0, "\(created.stderr)")
            let file = root.appendingPathComponent("ccsh/sandbox/monitors.json")
            let text = try String(contentsOf: file, encoding: .utf8)
            // The sandbox draws monitor ids at random: the screen's id is pinned too (the example id of docs/api.md §4.6).
            let pinned = text.replacing(/"(createdAt|updatedAt)":\s*\d+/) { match in "\"\(match.1)\": 1793444400" }
                .replacing(/"id":\s*"[0-9a-z]+"/) { _ in "\"id\": \"c7eeaafdf0ab9683d5a1b8d51572014996540m0001\"" }
            try pinned.write(to: file, atomically: true, encoding: .utf8)
        }
    }

    @Test("golden screens at 80 and 160 columns: nothing wider than the terminal, no _links, no placeholders, no cut titles")
    func screens() throws {
        let home = Home()
        try home.addMonitor()
        let update = ProcessInfo.processInfo.environment["CCSH_UPDATE_SCREENS"] == "1"
        for columns in [80, 160] as [UInt16] {
            // One process per width: each command's screen starts after a marker line.
            let source = Self.commands.map { "print \"=== \($0.name)\"; \($0.source)" }.joined(separator: "; ")
            let run = try home.run(source, columns: columns)
            #expect(run.status == 0, "\(run.screen)")
            let screen = run.screen.replacingOccurrences(of: "\r\n", with: "\n")
            var sections: [String: [String]] = [:]
            var current: String?
            for line in screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line.hasPrefix("=== ") {
                    current = String(line.dropFirst(4))
                    sections[current ?? ""] = []
                } else if let current {
                    sections[current, default: []].append(line)
                }
            }
            for (name, _) in Self.commands {
                let lines = try #require(sections[name], "\(name) at \(columns): \(screen)")
                // A remote action's label ends in 48 random bits (never the same label twice): the screen keeps x's.
                let text = (lines.joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n")
                    .replacing(/(ccsh-[a-z]+-\d{8}T\d{6}Z-)[0-9a-f]{12}/) { "\($0.1)xxxxxxxxxxxx" }
                #expect(lines.count > 1 || name == "monitors", "\(name) shows something")
                for line in lines {
                    #expect(line.terminalWidth <= Int(columns), "\(name) at \(columns): a line of \(line.terminalWidth): \(line)")
                    #expect(!line.contains("_links"), "\(name): \(line)")
                    #expect(line.firstMatch(of: /\{\d+ fields?\}|\[\d+ items?\]/) == nil, "\(name): a placeholder: \(line)")
                }
                if let header = lines.first(where: { $0.hasPrefix("# │") }) { #expect(!header.contains("…"), "\(name): a title is cut: \(header)") }
                let fixture = Self.fixtures.appendingPathComponent("\(name)-\(columns).txt")
                if update {
                    try text.write(to: fixture, atomically: true, encoding: .utf8)
                } else {
                    let golden = try String(contentsOf: fixture, encoding: .utf8)
                    #expect(text == golden, "\(name) at \(columns) columns differs from \(fixture.lastPathComponent):\n\(text)")
                }
            }
        }
    }

    @Test("views never touch values: the same fields, numbers and JSON as the API sent, on a terminal too")
    func values() throws {
        let home = Home()
        let run = try home.run(
            "trips 0 | first 5 | get distance | to json --compact; print; status 0 | get energies.0.level; "
                + "(status 0 | to json --compact) == (api GET (vehicle 0 | get _links.status.href) | to json --compact)",
            columns: 100)
        let lines = run.screen.components(separatedBy: "\r\n")
        #expect(lines.contains("[30.5,24.9,24.9,21.2,21.6]"), "\(run.screen)")
        #expect(lines.contains("98.0"), "\(run.screen)")
        #expect(lines.contains("true"), "status 0 | to json is the API's document: \(run.screen)")
    }

    @Test("to gpx validates against the GPX 1.1 schema: a trip's waypoints, trips, vehicles' positions")
    func gpx() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let schema = root.appendingPathComponent(".build/schemas/gpx-1.1.xsd")
        try #require(FileManager.default.fileExists(atPath: schema.path), "no GPX schema: run scripts/gpx-schema.sh (make test does)")
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint"), "no xmllint: apt-get install libxml2-utils (make test does)")
        let home = Home()
        try FileManager.default.createDirectory(at: home.root, withIntermediateDirectories: true)
        let ccsh = try #require(Executables.url(for: "ccsh"))
        for (name, source) in [("waypoints", "trips 0 | first 1 | waypoints"), ("trips", "trips 0 | first 3"), ("positions", "vehicles | position")] {
            let file = home.root.appendingPathComponent("\(name).gpx")
            let made = try Executables.run(ccsh, ["--sandbox", "-c", "\(source) | to gpx | save \(file.path)"], environment: home.environment)
            try #require(made.status == 0, "\(made.stderr)")
            let check = try Executables.run(URL(fileURLWithPath: "/usr/bin/xmllint"), ["--noout", "--schema", schema.path, file.path])
            #expect(check.status == 0, "\(name): \(check.stderr)")
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.contains(name == "positions" ? "<wpt " : "<trkpt "), "\(name): \(text.prefix(400))")
        }
    }
}
