import Foundation
import Shell
import Testing

/// The table-speed formatting (issue "Human views": 10 000 rows under 50 ms) gives exactly what the plain way gives:
/// zone offsets from a table, widths decoded from bytes, numbers and instants written into one buffer, ids shortened
/// through integer keys.
@Suite struct FastFormattingTests {
    @Test("a frozen presentation's zone offsets are Foundation's, across daylight-saving changes")
    func zoneOffsets() throws {
        for zone in ["Europe/Paris", "America/Sao_Paulo", "Australia/Lord_Howe", "UTC"] {
            var presentation = Presentation(environment: ["TZ": zone, "CCSH_NOW": "2026-11-01T12:00:00Z"])
            presentation = presentation.frozen()
            let timeZone = try #require(TimeZone(identifier: zone))
            let now = try #require(presentation.fixedNow)
            // Every 37 minutes from two years before to two months after: inside the table and beyond it.
            for seconds in stride(from: now - 730 * 86400, to: now + 60 * 86400, by: 37 * 60) {
                let expected = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
                guard presentation.offset(at: seconds) == expected else {
                    Issue.record("\(zone) at \(seconds): \(presentation.offset(at: seconds)) instead of \(expected)")
                    break
                }
            }
        }
    }

    @Test("widths decoded from bytes: one column a character, none for combining and zero-width marks, two for wide ones")
    func widths() {
        let expected: [(String, Int)] = [
            ("", 0), ("plain", 5), ("31 Oct 14:22 · 3 h ago", 22), ("78 → 23 %", 9), ("227b04…f816", 11), ("e\u{301}té", 3),
            ("東京 tower", 10), ("ok 😀", 5), ("a\u{200B}b", 2), ("K\u{212A}", 2), ("𝔘nicode", 7), ("·\u{1}·", 2),
        ]
        for (text, width) in expected { #expect(text.terminalWidth == width, "\(text)") }
    }

    @Test("numbers written into a buffer: rounding, signs, units, the largest values")
    func numbers() {
        #expect(Units.fixed(2.25, digits: 1) == "2.3")
        #expect(Units.fixed(-0.0001, digits: 2) == "0.00")
        #expect(Units.fixed(-12.5, digits: 0) == "-13")
        #expect(Units.fixed(1e300, digits: 2) == String(1e300))
        #expect(Units.fixed(.nan, digits: 1) == "nan")
        #expect(Units.number(14.66, digits: 1, unit: "kWh/100 km") == "14.7 kWh/100 km")
        #expect(Units.coordinates(longitude: 7.69873, latitude: -45.07812) == "-45.07812, 7.69873")
        let long = TextWriter.text(capacity: 4 * TextWriter.numberCapacity + 9) { text in
            text.coordinates(longitude: -179.99999, latitude: -89.99999, digits: 4)
            text.write(" → ")
            text.coordinates(longitude: 8_999_999_999.1234, latitude: 0, digits: 4)
        }
        #expect(long == "-90.0000, -180.0000 → 0.0000, 8999999999.1234")
    }

    @Test("ids are shortened to six characters and four while that keeps them apart, longer when it does not")
    func shortIDs() {
        let apart = ["227b04" + String(repeating: "a", count: 120) + "f816", "227b05" + String(repeating: "a", count: 120) + "f816"]
        let close = ["227b04" + String(repeating: "a", count: 120) + "f816", "227b04" + String(repeating: "b", count: 120) + "f816"]
        var presentation = Presentation(environment: ["LANG": "C.UTF-8"])
        presentation.width = 200
        let view = View("thing", matching: .fields(["id"])).column("id", .identifier("id"))
        presentation.views = ViewCatalog([view])
        let renderer = TableRenderer(presentation)
        let shown = renderer.render(.list(apart.map { ["id": .string($0)] }))
        #expect(shown.contains("227b04…f816") && shown.contains("227b05…f816"))
        let longer = renderer.render(.list(close.map { ["id": .string($0)] }))
        #expect(longer.contains("227b04a…f816") && longer.contains("227b04b…f816"))
    }
}
