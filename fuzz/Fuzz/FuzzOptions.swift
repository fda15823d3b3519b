/// ccsh-fuzz's command line: `--inputs N`, `--seconds S` (stop early), `--seed S`, `--only N` (make and run input N
/// alone), `--jobs J` (J processes, one shard each), `--shard K/J` (what a job runs), `--time-limit-ms T`,
/// `--corpus PATH` (repeatable; default: the repository's scripts and `fuzz/corpus`).
struct FuzzOptions {
    var inputs = 1_000_000
    var seconds: Int?
    var seed = UInt64.random(in: 1...UInt64(Int.max))
    var only: Int?
    var jobs = 1
    var shard = (index: 0, count: 1)
    /// The watchdog's limit per input.
    var timeLimitMilliseconds = 2_000
    var corpus: [String] = []

    static let usage =
        "usage: ccsh-fuzz [--inputs N] [--seconds S] [--seed S] [--only N] [--jobs J] [--time-limit-ms T] [--corpus PATH]..."

    init(_ arguments: [String]) throws(FuzzUsageError) {
        var rest = arguments[...]
        while let option = rest.popFirst() {
            guard let value = rest.popFirst() else { throw FuzzUsageError("\(option) needs a value") }
            switch option {
            case "--inputs": inputs = try Self.number(value, for: option)
            case "--seconds": seconds = try Self.number(value, for: option)
            case "--seed": seed = UInt64(try Self.number(value, for: option))
            case "--only": only = try Self.number(value, for: option)
            case "--jobs": jobs = max(1, try Self.number(value, for: option))
            case "--time-limit-ms": timeLimitMilliseconds = try Self.number(value, for: option)
            case "--corpus": corpus.append(value)
            case "--shard":
                let parts = value.split(separator: "/").compactMap { Int($0) }
                guard parts.count == 2, parts[1] > 0, (0..<parts[1]).contains(parts[0]) else {
                    throw FuzzUsageError("--shard takes K/J with 0 ≤ K < J, not '\(value)'")
                }
                shard = (parts[0], parts[1])
            default: throw FuzzUsageError("unknown option \(option)")
            }
        }
        if corpus.isEmpty { corpus = ["examples.ccsh", "Tests/Scripts", "fuzz/corpus"] }
    }

    /// The options a job gets: the same run, its own shard.
    func arguments(forShard index: Int) -> [String] {
        var arguments = ["--inputs", "\(inputs)", "--seed", "\(seed)", "--shard", "\(index)/\(jobs)"]
        arguments += ["--time-limit-ms", "\(timeLimitMilliseconds)"]
        if let seconds { arguments += ["--seconds", "\(seconds)"] }
        for path in corpus { arguments += ["--corpus", path] }
        return arguments
    }

    private static func number(_ text: String, for option: String) throws(FuzzUsageError) -> Int {
        guard let value = Int(text), value >= 0 else { throw FuzzUsageError("\(option) takes a whole number, not '\(text)'") }
        return value
    }
}

/// A command line ccsh-fuzz cannot run.
struct FuzzUsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
