import APIContract
import Testing

@testable import Client

/// The scanner that cuts collection pages into items: structure and byte ranges without converting, and
/// nothing but one JSON value accepted.
@Suite("JSONScanner")
struct JSONScannerTests {
    @Test("members, elements, strings and ints, found on demand; ranges are the values' exact bytes")
    func structure() throws {
        let text = #" { "total" : 130, "_embedded": {"alerts": [ {"id":"a\"1"} , {"id":"b\u00e9"}, [] ]},"neg":-2, "x": 1.5e3 } "#
        let bytes = Array(text.utf8)
        let page = try #require(JSONScanner.scan(bytes))
        #expect(page.members?.map(\.key) == ["total", "_embedded", "neg", "x"])
        #expect(page["total"]?.int == 130)
        #expect(page["neg"]?.int == -2)
        #expect(page["x"]?.int == 1500)
        #expect(page["missing"] == nil)
        let items = try #require(page["_embedded"]?["alerts"]?.elements)
        #expect(items.map { String(decoding: bytes[$0.range], as: UTF8.self) } == [#"{"id":"a\"1"}"#, #"{"id":"b\u00e9"}"#, "[]"])
        #expect(items[0]["id"]?.string == "a\"1")
        #expect(items[1]["id"]?.string == "bé")
        #expect(items[2].elements?.isEmpty == true)
        #expect(items[2].members == nil)
        #expect(page["total"]?.string == nil)
        #expect(JSONScanner.scan(Array(#"{}"#.utf8))?.members?.isEmpty == true)
        let escapes = JSONScanner.scan(Array(#"["x\\", "y\\\"z", {"deep": [[{"k": "v"}]]}]"#.utf8))?.elements
        #expect(escapes?.prefix(2).map(\.string) == [#"x\"#, #"y\"z"#], "a quote after an even number of backslashes ends the string")
        #expect(escapes?.last?["deep"]?.elements?.first?.elements?.first?["k"]?.string == "v", "containers below the noted levels, on demand")
        #expect(JSONScanner.scan(Array(#"[true, false, null]"#.utf8))?.elements?.count == 3)
    }

    @Test("topMember reads the top object only up to the key: the next link before the page is read")
    func topMember() {
        let truncated = Array(#"{ "_links" : {"next": {"href": "https://h/p?pageToken=a%2Fb"}}, "_embedded": {"alerts": [{"id": "#.utf8)
        #expect(JSONScanner.topMember("_links", in: truncated)?["next"]?["href"]?.string == "https://h/p?pageToken=a%2Fb")
        #expect(JSONScanner.topMember("_embedded", in: truncated) == nil, "not JSON up to its end")
        #expect(JSONScanner.topMember("total", in: Array(#"{"a": [1, {"total": 2}], "total": 3}"#.utf8))?.int == 3)
        #expect(JSONScanner.topMember("total", in: Array(#"{"a": 1}"#.utf8)) == nil)
        #expect(JSONScanner.topMember("total", in: Array(#"[{"total": 1}]"#.utf8)) == nil)
        #expect(JSONScanner.topMember("total", in: Array("{}".utf8)) == nil)
    }

    @Test(
        "anything but one JSON value is refused",
        arguments: [
            "", "   ", "{", #"{"a":1"#, #"{"a" 1}"#, #"{"a":1,}"#, "[1,]", "[1 2]", #""open"#, "tru", "nul", "-", "1.", "1e",
            "{} {}", "<html>", #"{"a":1}x"#, String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ])
    func refused(_ text: String) {
        #expect(JSONScanner.scan(Array(text.utf8)) == nil)
    }

    @Test("strings and numbers are read by the one JSON core: surrogate pairs, escapes, exact integers; one depth limit")
    func core() throws {
        let page = try #require(JSONScanner.scan(Array(#"{"a": "\ud83d\ude97 \"car\"", "n": 42, "f": 4.0, "big": 1e300}"#.utf8)))
        #expect(page["a"]?.string == "🚗 \"car\"", "a pair is one character, not two replacement characters")
        #expect(page["n"]?.int == 42)
        #expect(page["f"]?.int == 4)
        #expect(page["big"]?.int == nil)
        let deepest = String(repeating: "[", count: JSONText.maxDepth) + String(repeating: "]", count: JSONText.maxDepth)
        #expect(JSONScanner.scan(Array(deepest.utf8)) != nil, "as deep as every reader takes")
        #expect((try? JSONParser.parse(Array(deepest.utf8))) != nil, "the strict parser too")
    }
}
