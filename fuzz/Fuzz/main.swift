import Foundation

// ccsh-fuzz: a seeded fuzzer over the lexer, the parser, the evaluator (pure commands) and the JSON reader
// (fuzz/README.md). Each input runs under a time limit; a crash or a hang prints the seed and index that make the
// input again, and a broken property (a caret outside the text, a JSON value that does not read back as itself, an
// error that is not a ShellError) is counted and shown. Exit 0 only when every input passed.

if CommandLine.arguments.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) {
    print(FuzzOptions.usage)
    exit(0)
}
do {
    let options = try FuzzOptions(Array(CommandLine.arguments.dropFirst()))
    if options.jobs > 1, options.only == nil {
        exit(Jobs(options: options).run())
    }
    if options.shard.count == 1 { print("ccsh-fuzz: seed \(options.seed), \(options.only.map { "input \($0)" } ?? "\(options.inputs) inputs")") }
    exit(FuzzRun(options: options).run())
} catch {
    FileHandle.standardError.write(Data("ccsh-fuzz: \(error.message)\n\(FuzzOptions.usage)\n".utf8))
    exit(2)
}
