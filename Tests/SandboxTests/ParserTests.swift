import APIContract
import Foundation
import Sandbox
import Testing

/// The sandbox's small parsers, without a server.
struct ParserTests {
    @Test("JSON keeps key order and int/float, and rejects duplicate keys with line and column")
    func json() throws {
        let document = try JSONParser.parse(Array(#"{"b": 1, "a": 2.0, "c": [true, null, "\u00e9\ud83d\ude00"]}"#.utf8))
        #expect(document.members?.map(\.0) == ["b", "a", "c"])
        #expect(document["b"] == .int(1))
        #expect(document["a"] == .double(2.0))
        #expect(document["c"]?.array?[2].string == "é😀")
        #expect(document.text == #"{"b":1,"a":2.0,"c":[true,null,"é😀"]}"#)
        #expect(throws: JSONParseError(message: "duplicate key 'x' in $.o", line: 2, column: 11, path: "$.o.x")) {
            try JSONParser.parse(Array("{\"o\": {\"x\": 1,\n          \"x\": 2}}".utf8))
        }
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "01x", "\"\u{01}\"", "[" + String(repeating: "[", count: 100), "1 2", "\"\\ud800\""] {
            #expect(throws: JSONParseError.self, "\(bad)") { try JSONParser.parse(Array(bad.utf8)) }
        }
    }

    @Test("a located parse keeps the last of repeated keys, records each repeat, and knows where every value starts")
    func located() throws {
        let text = "{\"t\": {\"name\": \"a\",\n \"name\": \"b\"}, \"e\": [1, \"x\"]}"
        let document = try JSONParser.parseLocated(Array(text.utf8))
        #expect(document.value["t"]?["name"] == "b")
        #expect(document.value["t"]?.members?.count == 1)
        #expect(document.duplicateKeys.map(\.path) == ["$.t.name"])
        #expect(document.duplicateKeys.first.map { [$0.line, $0.column] } == [2, 2])
        #expect(document.offsets["$.t.name"] == text.utf8.count - " \"b\"}, \"e\": [1, \"x\"]}".utf8.count + 1)
        #expect(document.offsets["$.e[1]"] == text.utf8.count - 5)
    }

    @Test("bool.exp: precedence, operands, constant detection, and unbalanced parentheses with their column")
    func boolExpression() throws {
        let e = try BoolExpression.parse("a | b & !c")
        #expect(e == .or(.operand("a"), .and(.operand("b"), .not(.operand("c")))))
        #expect(e.operands == ["a", "b", "c"])
        #expect(e.constantValue == nil)
        #expect(try BoolExpression.parse("a | !a").constantValue == true)
        #expect(try BoolExpression.parse("(a & !a) & b").constantValue == false)
        #expect(
            throws: BoolExpression.ParseError(message: "unbalanced parentheses: '(' at column 1 is never closed (2 are open at the end)", column: 1)
        ) {
            try BoolExpression.parse("((z1 & (b | c)")
        }
        #expect(throws: BoolExpression.ParseError.self) { try BoolExpression.parse("a)") }
        #expect(throws: BoolExpression.ParseError.self) { try BoolExpression.parse("") }
        #expect(throws: BoolExpression.ParseError.self) { try BoolExpression.parse("a && b") }
        // The spec's own example parses.
        _ = try BoolExpression.parse("((z1 & t1) | (z2 & !t1) | (f & z1) | (a & (z1|t)) | (o & (z1 | z2)))")
    }

    @Test("timestamps: every interval form of the spec")
    func timestamps() throws {
        let t = try #require(Timestamp.parse("2018-01-01T09:00:00+01:00"))
        #expect(Timestamp.format(t) == "2018-01-01T08:00:00Z")
        let now = Timestamp.epoch(year: 2026, month: 11, day: 1)
        #expect(try TimestampsFilter.intervals(["2018-01-01T09:00:00+01:00/2018-01-01T12:00:00+01:00"], now: now) == [t...(t + 3 * 3600)])
        #expect(try TimestampsFilter.intervals(["2018-01-01T08:00:00Z/PT1H30M"], now: now) == [t...(t + 5400)])
        #expect(try TimestampsFilter.intervals(["2018-01-01T08:00:00Z/"], now: now) == [t...Int.max])
        #expect(try TimestampsFilter.intervals(["/2018-01-01T08:00:00Z"], now: now) == [Int.min...t])
        let repeated = try TimestampsFilter.intervals(["R3/2018-01-01T08:00:00Z/P1D/PT2H"], now: now)
        #expect(repeated == [t...(t + 7200), (t + 86400)...(t + 86400 + 7200), (t + 172_800)...(t + 172_800 + 7200)])
        #expect(Timestamp.duration("P3Y6M4DT12H30M5S") == 3 * 365 * 86400 + 6 * 30 * 86400 + 4 * 86400 + 12 * 3600 + 30 * 60 + 5)
        for bad in ["2018-01-01/", "x/y", "/", "2018-01-01T08:00:00Z/2017-01-01T00:00:00Z", "R0/2018-01-01T08:00:00Z/P1D"] {
            #expect(throws: SandboxError.self, "\(bad)") { try TimestampsFilter.intervals([bad], now: now) }
        }
        #expect(throws: SandboxError.self) { try TimestampsFilter.intervals(Array(repeating: "/2018-01-01T08:00:00Z", count: 11), now: now) }
    }

    @Test("resource ids decode to their item, and a one-digit change is not found")
    func resourceIDs() {
        let ids = ResourceID(seed: 99)
        for index in [0, 1, 9999, 123_456] as [UInt64] {
            let id = ids.make(.vehicle, index)
            #expect(id.count == 193)
            #expect(ids.decode(.vehicle, id) == index)
            #expect(ids.decode(.alert, id) == nil)
            let other = String(id.dropLast()) + (id.last == "0" ? "1" : "0")
            #expect(ids.decode(.vehicle, other) == nil)
        }
        #expect(ResourceID(seed: 98).decode(.vehicle, ids.make(.vehicle, 5)) == nil)
        let packed = ResourceID.pack(7, 130)
        #expect(ResourceID.unpack(packed) == (7, 130))
        #expect(ids.make(.alert, packed).count == 129)
    }

    @Test("index runs bisect time-ordered collections")
    func indexRuns() {
        let times = (0..<100).map { 10_000 - $0 * 10 }  // most recent first
        let runs = IndexRuns.within([9_500...9_800, 9_000...9_050], count: 100) { times[$0] }
        #expect(runs.runs == [20..<51, 95..<100])
        #expect(runs.count == 36)
        #expect(runs.item(at: 31) == 95)
        #expect(IndexRuns([0..<5, 3..<8, 10..<12]).runs == [0..<8, 10..<12])
    }
}
