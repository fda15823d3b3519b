/// listen-fuzz's command line: `--requests N`, `--seconds S` (stop early), `--seed S`, `--only N` (request N alone),
/// `--workers W` (attacking threads).
struct FuzzSettings {
    var requests = 1_000_000
    var seconds: Double?
    var seed = UInt64.random(in: 1...UInt64(Int.max))
    var only: Int?
    var workers = 4

    static let usage = "usage: listen-fuzz [--requests N] [--seconds S] [--seed S] [--only N] [--workers W]"

    /// A wrong option or value.
    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    init(_ arguments: [String]) throws(UsageError) {
        var rest = arguments[...]
        while let option = rest.popFirst() {
            guard let text = rest.popFirst(), let value = UInt64(text) else { throw UsageError(description: "\(option) needs a number") }
            switch option {
            case "--requests": requests = Int(value)
            case "--seconds": seconds = Double(value)
            case "--seed": seed = value
            case "--only": only = Int(value)
            case "--workers": workers = max(1, Int(value))
            default: throw UsageError(description: "unknown option \(option)")
            }
        }
    }
}
