// json-read-bench: reads the same ~50 MB JSON file with the shell's JSONReader (into Values) and with
// Foundation's JSONSerialization (into Foundation objects), 3 rounds each, alternating; prints medians and the
// ratio. The file is generated (API-like alert records) unless a path is given; `--json` prints the runs as JSON
// (for bench/run). Goal (issue "The ccsh language"): JSONReader at least as fast as JSONSerialization.
import Foundation
import Shell

func generated() -> Data {
    var text = "["
    for n in 0..<90_000 {
        if n > 0 { text += "," }
        text += """
            {"id":"\(String(n, radix: 16))f46b25b3cf5b0b02f77f11147dd885827669f8b86b01fe081abebd3fe60276db15d5124ea5f02136dededf6ed",\
            "type":"FuelLevelLow","severity":"Warning","active":\(n % 3 == 0),"message":"Niveau de carburant bas \\u00e9",\
            "startedAt":"2026-10-31T20:52:24Z","level":\(Double(n % 1000) / 10),"count":\(n),\
            "startPosition":{"type":"Feature","geometry":{"type":"Point","coordinates":[7.682167,45.022492,253.0]},\
            "properties":{"createdAt":"2026-10-31T20:52:24Z","heading":53,"type":"Acquire","signalQuality":9}},\
            "_links":{"self":{"href":"https://127.0.0.1:4443/connectedcar/v4/user/vehicles/227b04/alerts/\(n)"}}}
            """
    }
    return Data((text + "]").utf8)
}

let arguments = CommandLine.arguments.dropFirst().filter { $0 != "--json" }
let asJSON = CommandLine.arguments.contains("--json")
let data = try arguments.first.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } ?? generated()
let bytes = [UInt8](data)
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}
var reader: [Double] = []
var foundation: [Double] = []
for _ in 0..<3 {
    reader.append(try seconds { _ = try JSONReader.value(from: bytes) })
    foundation.append(try seconds { _ = try JSONSerialization.jsonObject(with: data) })
}
let r = reader.sorted()[1]
let f = foundation.sorted()[1]
if asJSON {
    // For bench/run: each reader's three runs in milliseconds, and the file's size.
    let milliseconds = { (values: [Double]) in Value.list(values.map { .double(($0 * 10_000).rounded() / 10) }) }
    let figures: Value = [
        "megabytes": .double((Double(data.count) / 100_000).rounded() / 10), "reader_ms": milliseconds(reader),
        "foundation_ms": milliseconds(foundation),
    ]
    print(String(decoding: JSONWriter.bytes(figures), as: UTF8.self))
    exit(0)
}
print(String(format: "file: %.1f MB", Double(data.count) / 1_000_000))
print(String(format: "JSONReader (Values):        %6.0f ms", r * 1000))
print(String(format: "JSONSerialization (Foundation): %6.0f ms", f * 1000))
print(String(format: "ratio reader/Foundation: %.2f (goal <= 1.00)", r / f))
