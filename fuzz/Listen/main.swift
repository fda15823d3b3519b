import APIContract
import Foundation
import Listener

// listen-fuzz: the protocol fuzzer of `listen` (fuzz/README.md). Seeded requests — generated and mutated heads,
// chunking, lengths, pipelining, bodies of every JSON shape, written in random pieces and sometimes slowly — go to a
// real listener over loopback (one plain, one with a secret), while a probe sends good notifications between them.
// Properties: the process never dies; every probe is delivered once, in order; every attack answered 200 is
// delivered; every answer is a documented status; no connection hangs. Exit 0 only when all hold.

let options: FuzzSettings
do { options = try FuzzSettings(Array(CommandLine.arguments.dropFirst())) } catch {
    FileHandle.standardError.write(Data("listen-fuzz: \(error)\n\(FuzzSettings.usage)\n".utf8))
    exit(2)
}
print("listen-fuzz: seed \(options.seed), \(options.only.map { "request \($0)" } ?? "\(options.requests) requests"), \(options.workers) workers")
let outcome = FuzzCampaign(options: options).run()
print(outcome.summary)
exit(outcome.failures.isEmpty ? 0 : 1)
