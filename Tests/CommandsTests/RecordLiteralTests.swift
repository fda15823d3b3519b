import Shell
import Testing

/// Record literals as people type or paste them: `{a:1}` without spaces, and JSON objects (`{"a":1}`) as they are.
@Suite struct RecordLiteralTests {
    /// Each source with the JSON of the value it must give.
    static let cases: [(source: String, json: String)] = [
        ("{a:1}", #"{"a":1}"#), ("{a: 1}", #"{"a":1}"#), (#"{"a":1}"#, #"{"a":1}"#), (#"{'a':1}"#, #"{"a":1}"#),
        (#"{"a":1,"b":[true,null],"c":{"d":"x"}}"#, #"{"a":1,"b":[true,null],"c":{"d":"x"}}"#),
        (#"{a:1, b:"x", c:[1,2]}"#, #"{"a":1,"b":"x","c":[1,2]}"#), ("{a:-2.5}", #"{"a":-2.5}"#),
    ]

    @Test("typed without spaces or pasted as JSON, a record parses to the same value", arguments: 0..<cases.count)
    func record(_ index: Int) throws {
        let shell = try ShellHarness()
        let (source, json) = Self.cases[index]
        #expect(try shell.run(source) == (try JSONReader.value(from: Array(json.utf8))), "\(source)")
    }

    @Test("blocks stay blocks, and a word with colons elsewhere stays one word")
    func notRecords() throws {
        let shell = try ShellHarness()
        #expect(try shell.run("[1, 2] | each { $it * 2 }") == [2, 4])
        #expect(try shell.run("echo low:vehicle.energy:lt:20") == "low:vehicle.energy:lt:20")
        #expect(try shell.run("echo 07:30") == "07:30")
    }
}
