import Foundation
import FuzzSupport

/// One fuzzing process: makes every input from the seed (so that input N is the same in every run and shard), runs
/// its shard's share, and prints a summary line that `Jobs` adds up.
struct FuzzRun {
    let options: FuzzOptions

    /// Runs the inputs; 0 when every one passed, 1 when a property broke (crashes and hangs end the process).
    func run() -> Int32 {
        let corpus = Corpus(paths: options.corpus)
        guard !corpus.scripts.isEmpty, !corpus.documents.isEmpty else {
            print("ccsh-fuzz: no .ccsh or no .json files in \(options.corpus.joined(separator: ", ")) (run it from the repository root)")
            return 2
        }
        CrashReporter.install(seed: options.seed, timeLimitMilliseconds: options.timeLimitMilliseconds)
        let targets = Targets()
        var maker = InputMaker(random: WyRand(seed: options.seed), scripts: corpus.scripts, documents: corpus.documents)
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = options.seconds.map { start + .seconds($0) }
        var counts: [String: Int] = [:]
        var spent: [String: Duration] = [:]
        var failures = 0
        let last = options.only ?? (options.inputs - 1)
        for index in 0...max(0, last) {
            if let deadline, index % 256 == 0, clock.now > deadline { break }
            // Every fourth input is a JSON document; the other three are ccsh text for the lexer, the parser and the
            // evaluator in turn. Every input is made, so that input N is the same whatever is run.
            let kind = index % 4
            let input = kind == 3 ? maker.document() : maker.script()
            if let only = options.only, index != only { continue }
            guard (index / 4) % options.shard.count == options.shard.index else { continue }
            let target = Targets.names[kind]
            CrashReporter.begin(index, target: target, input: input)
            let began = clock.now
            let problem: String? =
                switch kind {
                case 0: Targets.lex(String(decoding: input, as: UTF8.self))
                case 1: Targets.parse(String(decoding: input, as: UTF8.self))
                case 2: targets.evaluate(String(decoding: input, as: UTF8.self))
                default: Targets.readJSON(input)
                }
            CrashReporter.end()
            counts["\(target)", default: 0] += 1
            if options.only == nil, counts.values.reduce(0, +) % 100_000 == 0 {
                let progress = "ccsh-fuzz: job \(options.shard.index): \(counts.values.reduce(0, +)) inputs so far, \(failures) broken properties\n"
                FileHandle.standardOutput.write(Data(progress.utf8))
            }
            spent["\(target)", default: .zero] += clock.now - began
            if let problem {
                failures += 1
                if failures <= 20 {
                    print("ccsh-fuzz: input \(index) (\(target)) failed: \(problem)")
                    print("  replay it: ccsh-fuzz --seed \(options.seed) --only \(index)")
                    print("  input: \(String(reflecting: String(decoding: input.prefix(2_000), as: UTF8.self)))")
                }
            }
        }
        let done = counts.values.reduce(0, +)
        let perTarget = counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) in \(seconds(spent[$0.key] ?? .zero)) s" }
        print(
            "ccsh-fuzz: \(done) inputs, \(failures) broken properties, 0 crashes, 0 hangs (\(perTarget.joined(separator: ", "))) "
                + "in \(seconds(clock.now - start)) s")
        return failures == 0 ? 0 : 1
    }

    private func seconds(_ duration: Duration) -> String { String(format: "%.1f", duration.seconds) }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
