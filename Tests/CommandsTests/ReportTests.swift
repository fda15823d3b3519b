import APIContract
import Commands
import Foundation
import History
import TestSupport
import Testing

/// `report` against a sandbox's recorded fortnight (docs/history.md, "The monthly report"): its numbers are what its
/// `--explain` queries give and what the sandbox's truth says, and its page (`to html`) opens in headless Chromium
/// with the card and the three charts in the screenshot.
@Suite(.serialized) struct ReportTests {
    /// A Saturday: the last week of October and the first of November are recorded.
    static let epoch = Timestamp.epoch(year: 2026, month: 10, day: 24)
    static let zone = "Europe/Paris"

    @Test("a month's report: each number is its --explain query's, km the truth's; its page shows the card and three charts in Chromium")
    func report() throws {
        let world = try RecordLifeTests.World(quota: 4000, epoch: Self.epoch)
        _ = try world.ccsh("record --once | get requests\nrange 1 \(12 * 48) | each { sandbox advance 30m; record --once | get requests } | sum")
        let home = try #require((try world.truth(0)["charges"]?.array ?? []).first?["place"]?.array?.compactMap(\.number))
        _ = try world.ccsh("places add home \(home[1]),\(home[0]); tariff add home --currency EUR --price 0.2 --default")
        let options = "--month 2026-11 --zone \(Self.zone)"
        let report = try JSONParser.parse(Array(try world.ccsh("report 0 \(options) | to json").utf8))
        let explained = try JSONParser.parse(Array(try world.ccsh("report 0 \(options) --explain | to json").utf8)).array ?? []

        // Every figure of the card, for the month and the one before, and the pictures, has its query; each query
        // gives the report's number.
        let figures = ["km", "drives", "kWh", "cost", "efficiency", "homeCharges", "publicCharges", "drain", "co2"]
        #expect(explained.count == figures.count * 2 + 3, "\(explained.count) queries")
        for row in explained where row["month"]?.string == "2026-11" {
            let figure = row["figure"]?.string ?? ""
            let query = row["query"]?.string ?? ""
            guard figures.contains(figure) else { continue }
            let answer: Double?
            if query.hasPrefix("SELECT") {
                answer = try world.rows(query).first?.values.first.flatMap { Double(sqliteValue: $0) }
            } else {
                answer = Double(try world.ccsh(query).trimmingCharacters(in: .whitespacesAndNewlines))
            }
            let shown = report[figure]?.number
            #expect(
                shown.map { value in answer.map { abs(value - $0) < 0.006 } ?? false } ?? (answer == nil),
                "\(figure): the report says \(String(describing: shown)), its query \(String(describing: answer)): \(query)")
        }
        let kmQuery = try #require(explained.first { $0["figure"] == .string("km") }?["query"]?.string)
        #expect(
            try world.ccsh("history sql \"\(kmQuery)\" | first | values | first").trimmingCharacters(in: .whitespacesAndNewlines)
                == "\(report["km"]?.number ?? -1)")

        // The truth's drives that started in November, Paris time.
        let november = try #require(TimeZone(identifier: Self.zone)).secondsFromGMT(
            for: Date(timeIntervalSince1970: Double(Timestamp.epoch(year: 2026, month: 11, day: 1))))
        let start = Timestamp.epoch(year: 2026, month: 11, day: 1) - november
        let drives = (try world.truth(0)["drives"]?.array ?? []).filter { drive in
            (drive["startedAt"]?.string.flatMap(Timestamp.parse)).map { $0 >= start } ?? false && drive["stoppedAt"] != .null
        }
        let trueKm = drives.reduce(0) { $0 + ($1["distance"]?.number ?? 0) }
        #expect(report["drives"]?.number == Double(drives.count))
        #expect(abs((report["km"]?.number ?? 0) - trueKm) <= 0.1 * Double(drives.count) + 0.1, "the report's km and the truth's \(trueKm)")
        #expect((report["days"]?.array?.count ?? 0) == 30)

        // The page: self-contained, and drawn by a browser.
        let page = world.home.root.appendingPathComponent("month.html")
        _ = try world.ccsh("report 0 \(options) | to html | save \(page.path)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script") && html.contains("<svg"))
        let counts = try Self.screenshotColours(of: page, in: world.home.root)
        for (part, colours) in [
            ("the card", [ReportPage.Colour.cardBand]),
            ("the calendar", [ReportPage.Colour.drove, ReportPage.Colour.charged, ReportPage.Colour.both]),
            ("the efficiency chart", [ReportPage.Colour.efficiencyLine]), ("the map", [ReportPage.Colour.mapPath]),
        ] {
            let pixels = colours.reduce(0) { $0 + (counts[$1] ?? 0) }
            #expect(pixels >= 100, "\(part): \(pixels) pixels of \(colours) in the screenshot (\(counts))")
        }
    }

    /// Opens `page` in headless Chromium (the headless shell `make test` installs, else a full chromium), takes a
    /// screenshot, and counts its pixels of each of the page's colours (decoding the PNG with Python's zlib).
    static func screenshotColours(of page: URL, in directory: URL) throws -> [String: Int] {
        let browser = try #require(
            ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            },
            "Chromium is not installed: run scripts/ensure-deps.sh test (as root), or apt-get install chromium-headless-shell")
        let shot = directory.appendingPathComponent("month.png")
        let chromium = Process()
        chromium.executableURL = URL(fileURLWithPath: browser)
        chromium.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(directory.appendingPathComponent("chromium").path)",
            // Half scale: a quarter of the pixels for Python to decode, each part still hundreds of them.
            "--force-device-scale-factor=0.5", "--window-size=1000,1800", "--screenshot=\(shot.path)", page.absoluteString,
        ]
        chromium.standardOutput = FileHandle.nullDevice
        chromium.standardError = FileHandle.nullDevice
        try chromium.run()
        chromium.waitUntilExit()
        #expect(chromium.terminationStatus == 0)
        let colours = [
            ReportPage.Colour.cardBand, ReportPage.Colour.drove, ReportPage.Colour.charged, ReportPage.Colour.both, ReportPage.Colour.efficiencyLine,
            ReportPage.Colour.mapPath,
        ]
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", Self.counter, shot.path] + colours
        let output = Pipe()
        python.standardOutput = output
        try python.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        let counts = try JSONParser.parse(Array(data))
        return Dictionary(uniqueKeysWithValues: colours.map { ($0, Int(counts[$0]?.number ?? 0)) })
    }

    /// Counts a PNG's pixels of each colour given (`#rrggbb`, within 8 a channel); prints them as JSON.
    static let counter = """
        import json, struct, sys, zlib
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
        pos, idat, width, height, kind = 8, b'', 0, 0, 0
        while pos < len(data):
            length, tag = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            if tag == b'IHDR':
                width, height, depth, kind = struct.unpack('>IIBB', body[:10])
                assert depth == 8 and kind in (2, 6) and body[12] == 0
            elif tag == b'IDAT':
                idat += body
            pos += 12 + length
        raw = zlib.decompress(idat)
        step = 4 if kind == 6 else 3
        stride = width * step
        wanted = {c: tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in sys.argv[2:]}
        counts = {c: 0 for c in wanted}
        previous = bytearray(stride)
        for y in range(height):
            start = y * (stride + 1)
            mode, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
            for x in range(stride):
                a = line[x - step] if x >= step else 0
                b = previous[x]
                c = previous[x - step] if x >= step else 0
                if mode == 1: line[x] = (line[x] + a) & 255
                elif mode == 2: line[x] = (line[x] + b) & 255
                elif mode == 3: line[x] = (line[x] + (a + b) // 2) & 255
                elif mode == 4:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            for x in range(0, stride, step):
                pixel = (line[x], line[x + 1], line[x + 2])
                for name, colour in wanted.items():
                    if all(abs(pixel[i] - colour[i]) <= 8 for i in range(3)):
                        counts[name] += 1
            previous = line
        print(json.dumps(counts))
        """
}
