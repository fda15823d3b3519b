import Foundation
import Synchronization

/// Runs `--jobs J` copies of this program, one shard each (the same seed: together they run every input once),
/// passes their output through, and adds up their summary lines. A job that crashed or hung has already printed
/// the input and how to replay it.
struct Jobs {
    let options: FuzzOptions

    func run() -> Int32 {
        let clock = ContinuousClock()
        let start = clock.now
        say("ccsh-fuzz: seed \(options.seed), \(options.inputs) inputs\(options.seconds.map { " or \($0) s" } ?? ""), \(options.jobs) jobs")
        var processes: [Process] = []
        let summaries = Mutex<[String]>([])
        let readers = DispatchGroup()
        for shard in 0..<options.jobs {
            let process = Process()
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            process.arguments = options.arguments(forShard: shard)
            process.standardOutput = output
            do {
                try process.run()
            } catch {
                say("ccsh-fuzz: cannot start job \(shard): \(error)")
                return 2
            }
            processes.append(process)
            // Each job's lines pass through as they come; its summary line is kept to be added up.
            DispatchQueue.global().async(group: readers) {
                var pending = ""
                while case let data = output.fileHandleForReading.availableData, !data.isEmpty {
                    pending += String(decoding: data, as: UTF8.self)
                    while let newline = pending.firstIndex(of: "\n") {
                        let line = String(pending[..<newline])
                        pending = String(pending[pending.index(after: newline)...])
                        say(line)
                        if line.hasPrefix("ccsh-fuzz: "), line.contains(" inputs, ") { summaries.withLock { $0.append(line) } }
                    }
                }
            }
        }
        readers.wait()
        var status: Int32 = 0
        for process in processes {
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal || process.terminationStatus != 0 { status = max(status, 1) }
        }
        let done = summaries.withLock { lines in
            lines.reduce(0) { $0 + (Int($1.dropFirst("ccsh-fuzz: ".count).prefix { $0.isNumber }) ?? 0) }
        }
        let seconds = (clock.now - start).seconds
        say(
            "ccsh-fuzz: \(status == 0 ? "passed" : "FAILED"): \(done) inputs in \(String(format: "%.1f", seconds)) s "
                + "(\(Int(Double(done) / max(seconds, 0.001))) per second, \(options.jobs) jobs), seed \(options.seed)")
        return status
    }
}

/// Writes a line to stdout unbuffered: the jobs' lines interleave with the parent's in the order they happen.
private func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
