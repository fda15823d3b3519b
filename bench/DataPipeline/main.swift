import Commands
import Foundation
import Shell

// `where`, `select` and `sort-by` over 100 000 records held in a variable, through the interpreter as a script
// runs them (issue: under 0.5 s each and together). Prints the median and range of 5 runs per figure.

let count = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 100_000
/// `--json`: one JSON array of the figures, for bench/run, instead of the table.
let asJSON = CommandLine.arguments.contains("--json")
let brands: [Value] = ["Peugeot", "Opel", "DS", "Citroen", "Vauxhall"]
var rows: [Value] = []
rows.reserveCapacity(count)
for n in 0..<count {
    rows.append([
        "id": .string("veh-\(n)"), "vin": .string("VR3\(String(n, radix: 16))"), "brand": brands[n % brands.count], "level": .int(n &* 7919 % 100),
        "energy": [["type": "Electric", "level": .int(n % 100)]], "mileage": .double(Double(n) * 1.5),
    ])
}
let interpreter = Interpreter(registry: .language(), environment: [:])
interpreter.globals.define("rows", .list(rows))

/// Runs `source` five times; returns the median and the extremes in milliseconds, and the last result.
@MainActor func measure(_ source: String) throws -> (median: Double, min: Double, max: Double, result: Value) {
    var times: [Double] = []
    var result = Value.null
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        result = try interpreter.run(Source(name: "bench", text: source))
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    times.sort()
    return (times[2], times[0], times[4], result)
}

let figures = [
    ("where", "$rows | where level < 50 | count"),
    ("select", "$rows | select vin level energy.0.level | count"),
    ("sort-by", "$rows | sort-by level | count"),
    ("all three", "$rows | where brand == Peugeot or level < 50 | select vin level energy.0.level | sort-by level --reverse | count"),
]
let goal = 500.0
var failed = false
var measured: [Value] = []
if !asJSON { print("figure       goal      median    min–max (ms), \(count) records") }
for (name, source) in figures {
    let m = try measure(source)
    let verdict = m.median <= goal ? "PASS" : "FAIL"
    failed = failed || m.median > goal
    measured.append([
        "figure": .string(name), "goal_ms": .double(goal), "median_ms": .double(m.median), "min_ms": .double(m.min), "max_ms": .double(m.max),
    ])
    guard !asJSON else { continue }
    print(
        name.padding(toLength: 12, withPad: " ", startingAt: 0) + " ≤ \(Int(goal)) ms  "
            + String(format: "%7.1f ms  %.1f–%.1f  %@  (%@ rows)", m.median, m.min, m.max, verdict, m.result.text))
}
if asJSON { print(String(decoding: JSONWriter.bytes(.list(measured)), as: UTF8.self)) }
exit(failed ? 1 : 0)
