import Shell
import Testing

/// Terminal rendering snapshots.
struct TableRendererTests {
    func record(_ fields: [(String, Value)]) -> Value { .record(Record(fields.map { Record.Field(name: $0.0, value: $0.1) })) }

    @Test("a list of records is a table: columns in first-seen order, nested values summarized, nulls blank")
    func table() {
        let rows: Value = .list([
            record([("vin", .string("VR3UHZKXZLT000042")), ("brand", .string("Peugeot")), ("energy", .list([.int(1), .int(2)]))]),
            record([
                ("vin", .string("VXKUHZKXZL0000007")), ("brand", .string("Opel")), ("position", record([("lat", .double(48.8))])), ("energy", .null),
            ]),
        ])
        #expect(
            TableRenderer().render(rows) == """
                # │ vin               │ brand   │ energy    │ position
                ──┼───────────────────┼─────────┼───────────┼──────────
                0 │ VR3UHZKXZLT000042 │ Peugeot │ [2 items] │
                1 │ VXKUHZKXZL0000007 │ Opel    │           │ {1 field}
                """)
    }

    @Test("too wide: the widest column shrinks, ids are cut in the middle, text at the end")
    func narrow() {
        let id = "1c8bedfe1bd229d9aa16cfad9248617be0f502e8de8b47c0ef511388e72acafd3bd348b2f0220e2956f14fe25e"
        let rows: Value = .list([record([("id", .string(id)), ("label", .string("e-208 GT with a very long label indeed"))])])
        let text = TableRenderer(width: 50).render(rows)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 50 }, "\(text)")
        #expect(text.contains("1c8bedfe"))
        #expect(text.contains("…"))
        #expect(TableRenderer().shorten(id, 17) == "1c8bedfe…f14fe25e")
        #expect(TableRenderer().shorten("e-208 GT with a very long label", 12) == "e-208 GT wi…")
    }

    @Test("a record is aligned key/value lines; a list of scalars is numbered; scalars are plain")
    func others() {
        #expect(
            TableRenderer().render(record([("vin", .string("VR3")), ("level", .double(48.0)), ("charging", .bool(false))])) == """
                vin       VR3
                level     48.0
                charging  false
                """)
        #expect(TableRenderer().render(.list([.string("a"), .int(2), .null])) == "0  a\n1  2\n2")
        #expect(TableRenderer().render(.string("two\nlines")) == "two⏎lines")
        #expect(TableRenderer().render(.list([])) == "")
        #expect(TableRenderer().render(record([("gone", .null), ("n", .int(1))])) == "gone\nn     1")
    }
}
