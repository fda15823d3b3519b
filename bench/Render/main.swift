import Commands
import Foundation
import Shell

// Rendering 10 000 rows for a terminal (issue "Human views": under 50 ms): trips through the trip view, and
// records no view knows through the generic table, in 160 columns. Prints the median and range of 5 runs each.

let count = CommandLine.arguments.dropFirst().prefix { $0 != "--runs" }.compactMap { Int($0) }.first ?? 10_000
/// `--json`: one JSON array of the figures, for bench/run, instead of the table.
let asJSON = CommandLine.arguments.contains("--json")
/// `--runs N`: renders per figure (default 5); more of them let a profiler see the rendering, not the set-up.
let runs =
    CommandLine.arguments.firstIndex(of: "--runs").flatMap { CommandLine.arguments.dropFirst($0 + 1).first }.flatMap { Int($0) }.map { max(1, $0) }
    ?? 5
let base = "https://127.0.0.1:1/connectedcar/v4/user/vehicles/227b044976260a14064202655c82dfe4788e30a9623d87881ef24aa08e7740c6be"
func point(_ n: Int) -> Value {
    [
        "type": "Feature",
        "geometry": ["type": "Point", "coordinates": [.double(7.8 + Double(n % 97) / 1000), .double(44.9 + Double(n % 89) / 1000)]],
        "properties": ["createdAt": .string("2026-10-\(10 + n % 20)T13:\(10 + n % 50):39Z")],
    ]
}
var trips: [Value] = []
var generic: [Value] = []
for n in 0..<count {
    // Distinct 129-hex-digit ids, as the API's trip ids are (docs/api.md §4.6).
    var state = UInt64(n) &* 0x9E37_79B9_7F4A_7C15 | 1
    let id = String(
        (0..<129).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return "0123456789abcdef".utf8.map { Character(UnicodeScalar($0)) }[Int(state >> 60)]
        })
    trips.append([
        "id": .string(id), "startedAt": .string("2026-10-\(10 + n % 20)T13:22:39Z"), "stoppedAt": .string("2026-10-\(10 + n % 20)T14:06:09Z"),
        "duration": .int(2000 + n % 1000), "distance": .double(Double(n % 400) / 10), "startPosition": point(n), "stopPosition": point(n + 7),
        "avgConsumption": [["type": "Electric", "value": .double(14.7)]], "startEnergies": [["level": .double(78)]],
        "endEnergies": [["level": .double(23)]], "kinetic": ["avgSpeed": .double(42.1)],
        "_links": ["self": ["href": .string(base + "/trips/\(id)")]],
    ])
    generic.append([
        "name": .string("row \(n)"), "count": .int(n), "ratio": .double(Double(n) / 7), "tags": ["a", "b"], "nested": ["x": .int(n), "y": "z"],
    ])
}
let api = APIContext(profile: nil, cacheDirectory: FileManager.default.temporaryDirectory) {
    throw CocoaError(.featureUnsupported)
}
let interpreter = Interpreter(
    registry: .standard(api: api), environment: ["LANG": "C.UTF-8", "TZ": "Europe/Paris", "CCSH_NOW": "2026-11-01T12:00:00Z"])
var presentation = interpreter.presentation
presentation.width = 160

/// Renders `value` `runs` times; the median and the extremes in milliseconds, and the lines of the last.
@MainActor func measure(_ value: Value) -> (median: Double, min: Double, max: Double, lines: Int) {
    var times: [Double] = []
    var lines = 0
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        let text = TableRenderer(presentation).render(value)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        lines = text.utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }
    times.sort()
    return (times[times.count / 2], times[0], times[times.count - 1], lines)
}

let goal = 50.0
var failed = false
var measured: [Value] = []
if !asJSON { print("figure               goal     median    min–max (ms), \(count) rows, 160 columns") }
for (name, value) in [("trip view", Value.list(trips)), ("generic records", Value.list(generic))] {
    let m = measure(value)
    failed = failed || m.median > goal
    measured.append([
        "figure": .string(name), "goal_ms": .double(goal), "median_ms": .double(m.median), "min_ms": .double(m.min), "max_ms": .double(m.max),
    ])
    guard !asJSON else { continue }
    print(
        name.padding(toLength: 20, withPad: " ", startingAt: 0) + " ≤ \(Int(goal)) ms  "
            + String(format: "%6.1f ms  %.1f–%.1f  %@  (%d lines)", m.median, m.min, m.max, m.median <= goal ? "PASS" : "FAIL", m.lines))
}
if asJSON { print(String(decoding: JSONWriter.bytes(.list(measured)), as: UTF8.self)) }
exit(failed ? 1 : 0)
