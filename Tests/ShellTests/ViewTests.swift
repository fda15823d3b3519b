import Shell
import Testing

/// Views: recognized from the document, rendering only, with units, durations and local times.
struct ViewTests {
    static let trip = View("trip", matching: .link("trips/*"))
        .column("started", .instant("startedAt"))
        .column("duration", .duration("duration"))
        .column("distance", .number("distance", unit: "km", digits: 1))
        .column("note", .text("note"), priority: 3)
        .column("id", .identifier("id"), priority: 2)

    func trip(_ n: Int, id: String) -> Value {
        [
            "id": .string(id), "startedAt": .string("2026-10-31T13:22:39Z"), "duration": .int(2610 + n), "distance": .double(30.5),
            "note": "a long note about the trip that is prose", "_links": ["self": .string("")],
        ]
    }

    func presentation(width: Int = 120) -> Presentation {
        var presentation = Presentation(environment: ["LANG": "C.UTF-8", "TZ": "Europe/Paris", "CCSH_NOW": "2026-10-31T16:30:00Z"])
        presentation.width = width
        presentation.views = ViewCatalog([Self.trip])
        return presentation
    }

    func linked(_ value: Value, _ href: String) -> Value {
        guard case .record(var record) = value else { return value }
        record["_links"] = ["self": ["href": .string(href)]]
        return .record(record)
    }

    @Test("a view is found from _links.self; its table shows titles, units, durations, local time with age, unique short ids")
    func table() {
        let ids = ["3098b0e619d4c4b6aaaa1111", "3098b0e619d4c4b6bbbb2222"]
        let rows = Value.list(
            ids.enumerated().map { linked(trip($0.offset, id: $0.element), "https://h/v4/user/vehicles/V/trips/\($0.element)?x=1") })
        let text = TableRenderer(presentation()).render(rows)
        #expect(
            text == """
                # │ started         │ duration │ distance │ note                                     │ id
                ──┼─────────────────┼──────────┼──────────┼──────────────────────────────────────────┼────────────
                0 │ 14:22 · 3 h ago │   44 min │  30.5 km │ a long note about the trip that is prose │ 3098b0…1111
                1 │ 14:22 · 3 h ago │   44 min │  30.5 km │ a long note about the trip that is prose │ 3098b0…2222
                """, "\(text)")
    }

    @Test("narrow: the lowest priority goes first, no title is cut, the footer says what is left out")
    func narrow() {
        let rows = Value.list([linked(trip(0, id: "3098b0e619d4c4b6aaaa1111"), "https://h/trips/1")])
        let text = TableRenderer(presentation(width: 56)).render(rows)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.terminalWidth <= 56 }, "\(text)")
        #expect(lines[0] == "# │ started         │ duration │ distance │ id", "\(text)")
        #expect(lines.last == "+1 column: note | to table --all", "\(text)")
    }

    @Test("one document shows as a card of its columns; values are untouched")
    func card() {
        let value = linked(trip(0, id: "abc"), "https://h/trips/abc")
        let text = TableRenderer(presentation()).render(value)
        #expect(text.hasPrefix("Started   14:22 · 3 h ago\nDuration  44 min\nDistance  30.5 km"), "\(text)")
        #expect(TableRenderer(presentation(), ignoresViews: true).render(value).contains("startedAt"), "--raw: the document's fields")
        #expect(value.lookup(CellPath(parsing: "distance")) == .double(30.5))
    }

    @Test("color is emphasis only: a level under 20 % is red, and the table lines up exactly as without color")
    func color() {
        let view = View("level", matching: .fields(["level"])).column("level", .percent("level")).column("name", .text("name"))
        var presentation = presentation()
        presentation.views = ViewCatalog([view])
        let rows: Value = .list([["level": 10, "name": "low"], ["level": 55, "name": "fine"]])
        let plain = TableRenderer(presentation).render(rows)
        presentation.useColor = true
        let colored = TableRenderer(presentation).render(rows)
        #expect(colored.contains("\u{1B}[31m10 %\u{1B}[0m"), "\(colored)")
        #expect(!colored.contains("\u{1B}[31m55"), "\(colored)")
        #expect(colored.replacing(/\x{1B}\[[0-9;]*m/, with: "") == plain, "\(colored)")
    }

    @Test("matching by link: the path's last segments, `*` for any one, the query left out; reading paths in place")
    func matching() {
        func record(_ href: String) -> Record { Record([Record.Field(name: "_links", value: ["self": ["href": .string(href)]])]) }
        #expect(View.selfLink(of: record("https://h/v4/user/vehicles/V1/trips/T1?locale=fr"), endsWith: "vehicles/*/trips/*"))
        #expect(View.selfLink(of: record("https://h/v4/user/vehicles/V1/trips/T1/"), endsWith: "trips/*"))
        #expect(!View.selfLink(of: record("https://h/v4/user/vehicles/V1/trips"), endsWith: "trips/*"))
        #expect(!View.selfLink(of: record("https://h/v4/user/vehicles/V1/status"), endsWith: "vehicles/*"))
        #expect(!View.selfLink(of: record("trips"), endsWith: "vehicles/*/trips"))
        #expect(!View.selfLink(of: Record(), endsWith: "trips/*"))
        let document: Value = ["energies": [["level": 48.0]], "triggerParam": ["bool.exp": "a & b"], "rows": [["v": 1], ["v": 2]]]
        let fields = document.recordValue ?? Record()
        #expect(fields.number("energies.0.level") == 48)
        #expect(fields.string("triggerParam.bool.exp") == "a & b", "a name holding a dot")
        #expect(fields.at("rows.v") == [1, 2], "a column of a list")
        #expect(fields.at("energies.3.level") == nil && fields.at("nope.x") == nil)
        #expect(Units.fixed(-2.25, digits: 1) == "-2.3" && Units.fixed(0.04, digits: 1) == "0.0" && Units.fixed(1234, digits: 0) == "1234")
    }

    @Test("units: durations from ISO and seconds, enum words, numbers, bars, compass")
    func units() {
        #expect(Units.duration(seconds: 7800) == "2 h 10 min")
        #expect(Units.duration(seconds: 2610) == "44 min")
        #expect(Units.duration(seconds: 45) == "45 s")
        #expect(Units.duration(seconds: 97200) == "1 d 3 h")
        #expect(Units.duration(.string("PT2H10M")) == "2 h 10 min")
        #expect(Units.duration(.string("PT0S")) == "0 s")
        #expect(Units.duration(.string("P1DT3H")) == "1 d 3 h")
        #expect(Units.duration(.string("soon")) == nil)
        #expect(Units.words("InProgress") == "in progress")
        #expect(Units.words("RearDoorsLocked") == "rear doors locked")
        #expect(Units.words("DriverDoorUnlocked") == "driver door unlocked")
        #expect(Units.number(30.456, digits: 1, unit: "km") == "30.5 km")
        #expect(Units.number(-0.04, digits: 1) == "0.0")
        #expect(Units.number(20, digits: 1, unit: "km", trimmed: true) == "20 km")
        #expect(Units.bar(48, unicode: true) == "▮▮▮▮▮▯▯▯▯▯")
        #expect(Units.bar(13, unicode: false) == "#---------")
        #expect(Units.compass(340) == "NNW")
    }

    @Test("instants: RFC 3339 read by hand, shown as local time and age, UTC, or as written")
    func instants() throws {
        let instant = try #require(Instant("2026-10-31T13:22:39Z"))
        #expect(Instant("2026-10-31T15:22:39+02:00") == instant)
        #expect(Instant("2026-10-31T13:22:39.652Z") == instant)
        #expect(Instant("31/10/2026") == nil)
        var presentation = presentation()
        #expect(instant.text(presentation) == "14:22 · 3 h ago")
        #expect(Instant("2026-09-30T08:00:00Z")?.text(presentation) == "30 Sep 10:00 · 31 d ago")
        #expect(Instant("2024-01-02T08:00:00Z")?.text(presentation) == "2024-01-02 · 2 y ago")
        presentation.time = .utc
        #expect(instant.text(presentation) == "13:22 UTC · 3 h ago")
        presentation.time = .iso
        #expect(instant.text(presentation) == nil)
        #expect(Instant.age(-7200) == "in 2 h")
    }
}
