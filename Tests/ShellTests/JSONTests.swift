import Foundation
import Shell
import Testing

/// The shell's JSON reader and writer: order, numbers, strings, errors with line:col, and round trips.
struct JSONTests {
    func read(_ text: String) throws -> Value { try JSONReader.value(from: text) }

    @Test("keys keep their order; ints and floats stay apart")
    func orderAndKinds() throws {
        let value = try read(#"{"zeta": 1, "alpha": 1.0, "mid": 1e3, "neg": -0, "big": 9007199254740993, "huge": 92233720368547758070}"#)
        guard case .record(let record) = value else {
            Issue.record("not a record")
            return
        }
        #expect(record.fields.map(\.name) == ["zeta", "alpha", "mid", "neg", "big", "huge"])
        #expect(record["zeta"] == .int(1))
        #expect(record["alpha"] == .double(1.0))
        #expect(record["mid"] == .double(1000))
        #expect(record["big"] == .int(9_007_199_254_740_993), "beyond 2^53, exact")
        #expect(record["huge"] == Double("92233720368547758070").map(Value.double), "beyond 64 bits: a float")
        guard case .double(let zero)? = record["neg"] else {
            Issue.record("-0 is not a float")
            return
        }
        #expect(zero == 0 && zero.sign == .minus)
        #expect(JSONWriter.string(value) == #"{"zeta":1,"alpha":1.0,"mid":1000.0,"neg":-0.0,"big":9007199254740993,"huge":9.223372036854776e+19}"#)
        #expect(try read(String(Int.min)) == .int(Int.min))
    }

    @Test("strings: escapes, surrogate pairs, non-ASCII, and invalid UTF-8 refused")
    func strings() throws {
        #expect(try read(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude97""#) == .string("a\"b\\c/d\n\té🚗"))
        #expect(try read("\"déjà vu\"") == .string("déjà vu"))
        #expect(JSONWriter.string(.string("a\"b\\\n\u{01}é")) == #""a\"b\\\n\u0001é""#)
        let invalid: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONError.self) { try JSONReader.value(from: invalid) }
    }

    @Test(
        "syntax errors say what and where",
        arguments: [
            ("{\"a\": 1,\n \"a\": 2}", "duplicate key \"a\"", 2, 2),
            ("[1, 2", "unterminated array: ']' expected", 1, 6),
            ("{\"a\" 1}", "expected ':' after the key \"a\"", 1, 6),
            ("[01]", "invalid number: leading zeros are not allowed", 1, 2),
            ("[1.]", "invalid number: digits are expected after '.'", 1, 4),
            ("\"abc", "unterminated string: '\"' expected", 1, 1),
            ("[true, nul]", "invalid literal, expected 'null'", 1, 8),
            ("\"\\ud800\"", "unpaired surrogate \\ud800: a low surrogate must follow", 1, 8),
            ("{} x", "unexpected text after the JSON value", 1, 4),
            ("", "unexpected end of input, a value was expected", 1, 1),
            ("\"tab\there\"", "control character in a string (escape it as \\u0009)", 1, 5),
        ] as [(String, String, Int, Int)])
    func errors(text: String, message: String, line: Int, column: Int) {
        let error = #expect(throws: JSONError.self) { try read(text) }
        #expect(error?.message == message)
        #expect(error?.line == line)
        #expect(error?.column == column)
    }

    @Test("the quickstart's monitor body: the repeated name key is reported at its line and column")
    func quickstartMonitor() throws {
        let url = try #require(Bundle.module.url(forResource: "quickstart-monitor", withExtension: "json", subdirectory: "Fixtures"))
        let error = #expect(throws: JSONError.self) { try JSONReader.value(from: Array(try Data(contentsOf: url))) }
        #expect(error?.message == "duplicate key \"name\"")
        #expect(error?.line == 49)
        #expect(error?.column == 10)
    }

    @Test("nesting is bounded, and deep input is an error, not a crash")
    func depth() throws {
        _ = try read(String(repeating: "[", count: 500) + String(repeating: "]", count: 500))
        let error = #expect(throws: JSONError.self) { try read(String(repeating: "[", count: 100_000)) }
        #expect(error?.message.contains("nesting deeper") == true)
    }

    @Test("pretty output indents by two and keeps order")
    func pretty() throws {
        let value = try read(#"{"b": [1, {"c": null}], "a": {}, "e": []}"#)
        #expect(
            JSONWriter.string(value, pretty: true) == "{\n  \"b\": [\n    1,\n    {\n      \"c\": null\n    }\n  ],\n  \"a\": {},\n  \"e\": []\n}")
    }

    @Test("1000 random values survive a write and a read unchanged, compact and pretty")
    func roundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        var seed = generator.next()
        let startSeed = seed
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 17
        }
        func randomValue(_ depth: Int) -> Value {
            switch next() % (depth > 3 ? 6 : 8) {
            case 0: return .null
            case 1: return .bool(next() % 2 == 0)
            case 2: return .int(Int(bitPattern: UInt(next())) &- Int(bitPattern: UInt(next())))
            case 3: return .double(Double(bitPattern: next() & 0x3FFF_FFFF_FFFF_FFFF) * (next() % 2 == 0 ? 1 : -1))
            case 4, 5:
                let scalars = (0..<(next() % 12)).compactMap { _ in
                    Unicode.Scalar(UInt32([0x22, 0x5C, 0x0A, 0x41, 0xE9, 0x1F697, 0x7F, 0x01][Int(next() % 8)]))
                }
                return .string(String(String.UnicodeScalarView(scalars)))
            case 6: return .list((0..<(next() % 5)).map { _ in randomValue(depth + 1) })
            default:
                var fields: [Record.Field] = []
                for n in 0..<(next() % 5) { fields.append(Record.Field(name: "k\(n)\(next() % 3)", value: randomValue(depth + 1))) }
                return .record(Record(fields))
            }
        }
        for _ in 0..<1000 {
            let value = randomValue(0)
            for pretty in [false, true] {
                let text = JSONWriter.string(value, pretty: pretty)
                #expect(try read(text) == value, "seed \(startSeed): \(text)")
            }
        }
    }
}
