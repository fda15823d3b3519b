import Shell
import Testing

/// Terminal rendering without views: tables that fit, records as indented key paths, nested values inline.
struct TableRendererTests {
    func record(_ fields: [(String, Value)]) -> Value { .record(Record(fields.map { Record.Field(name: $0.0, value: $0.1) })) }

    func renderer(width: Int = 120, unicode: Bool = true) -> TableRenderer {
        var presentation = Presentation()
        presentation.width = width
        presentation.unicode = unicode
        return TableRenderer(presentation)
    }

    @Test("a list of records is a table: columns in first-seen order, nested values inline, numbers right, nulls blank, no _links")
    func table() {
        let rows: Value = .list([
            record([
                ("vin", .string("VR3UHZKXZLT000042")), ("brand", .string("Peugeot")), ("energy", .list([.int(1), .int(2)])), ("level", .int(7)),
                ("_links", record([("self", record([("href", .string("https://x/y"))]))])),
            ]),
            record([
                ("vin", .string("VXKUHZKXZL0000007")), ("brand", .string("Opel")), ("position", record([("lat", .double(48.8))])), ("energy", .null),
                ("level", .int(100)),
            ]),
        ])
        #expect(
            renderer().render(rows) == """
                # │ vin               │ brand   │ energy │ level │ position
                ──┼───────────────────┼─────────┼────────┼───────┼────────────
                0 │ VR3UHZKXZLT000042 │ Peugeot │ [1, 2] │     7 │
                1 │ VXKUHZKXZL0000007 │ Opel    │        │   100 │ {lat: 48.8}
                """)
    }

    @Test("too wide: columns are dropped (nested ones first) and named on a last line before any is cut below its title")
    func narrow() {
        let rows: Value = .list([
            record([
                ("label", .string("e-208 GT with a very long label indeed")), ("brand", .string("Peugeot")), ("mileage", .double(38308.9)),
                ("position", record([("lat", .double(48.8)), ("lon", .double(2.3))])), ("updatedAt", .string("2026-10-31T20:08:02Z")),
            ])
        ])
        let text = renderer(width: 40).render(rows)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.terminalWidth <= 40 }, "\(text)")
        #expect(lines.first?.contains("label") == true && lines.first?.contains("mileage") == true, "\(text)")
        #expect(lines.last?.hasPrefix("+") == true && lines.last?.contains("position") == true, "\(text)")
        #expect(lines.last?.hasSuffix("| to table --all") == true, "\(text)")
        var presentation = Presentation()
        presentation.width = 40
        presentation.showsAllColumns = true
        #expect(TableRenderer(presentation).render(rows).contains("updatedAt"), "--all keeps every column")
    }

    @Test("ids are cut in the middle, prose at its end; text is measured in terminal columns")
    func cutting() {
        let id = "1c8bedfe1bd229d9aa16cfad9248617be0f502e8de8b47c0ef511388e72acafd3bd348b2f0220e2956f14fe25e"
        #expect(id.cutInMiddle(17) == "1c8bedfe…f14fe25e")
        #expect("e-208 GT with a very long label".cutAtEnd(12) == "e-208 GT wi…")
        #expect("ë-C4 Shine".terminalWidth == 10)
        #expect("車両".terminalWidth == 4)
        #expect("Citroën".padded(to: 9) == "Citroën  ")
    }

    @Test("a record shows as key paths: nested records indented under their name, lists of records as tables, no _links")
    func record() {
        let value = record([
            ("vin", .string("VR3")), ("charging", .bool(false)),
            ("lastPosition", record([("type", .string("Feature")), ("geometry", record([("coordinates", .list([.double(2.3), .double(48.8)]))]))])),
            ("energy", .list([record([("type", .string("Electric")), ("level", .int(48))])])),
            ("_links", record([("self", record([("href", .string("https://x"))]))])),
        ])
        #expect(
            renderer().render(value) == """
                vin       VR3
                charging  false
                lastPosition
                  type  Feature
                  geometry
                    coordinates  [2.3, 48.8]
                energy
                  # │ type     │ level
                  ──┼──────────┼──────
                  0 │ Electric │    48
                """)
    }

    @Test("a record five levels deep reads as five indented levels, never a placeholder")
    func deep() {
        var value = record([("leaf", .string("here")), ("n", .int(5))])
        for level in (1...4).reversed() { value = record([("level\(level)", value), ("depth", .int(level))]) }
        let text = renderer(width: 80).render(value)
        #expect(text.contains("        leaf  here"), "\(text)")
        #expect(!text.contains("field"), "\(text)")
        #expect(text.split(separator: "\n").count == 10, "\(text)")
    }

    @Test("10 000 records are one table with every row, each line within the width")
    func large() {
        let rows = Value.list((0..<10_000).map { n in record([("name", .string("row \(n)")), ("count", .int(n)), ("tags", .list(["a", "b"]))]) })
        let lines = renderer(width: 60).render(rows).split(separator: "\n")
        #expect(lines.count == 10_002)
        #expect(lines.last == "9999 │ row 9999 │  9999 │ [a, b]")
        #expect(lines.allSatisfy { String($0).terminalWidth <= 60 })
    }

    @Test("other lists one item a line, scalars as text, tables boxed whatever the locale")
    func scalars() {
        #expect(renderer().render(.list([.string("a"), .int(2), .null])) == "0  a\n1  2\n2")
        #expect(renderer().render(.string("two\nlines")) == "two⏎lines")
        #expect(renderer().render(.list([])) == "")
        #expect(renderer(unicode: false).render(.list([record([("a", .int(1))])])) == "# │ a\n──┼──\n0 │ 1")
    }
}
