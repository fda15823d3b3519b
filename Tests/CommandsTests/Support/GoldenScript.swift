import Foundation
import Shell

/// A script of `Tests/Scripts` with its expectations, written as comments (Crafting Interpreters' `// expect:`):
///
///     1 + 2               # expect: 3                  the statement's value, as compact JSON
///     1 / 0               # expect error: division by zero     the error's message
///     print "x"           # prints: x                  a line it prints (several comment lines add up)
///
/// Expectations belong to the last statement that starts on or before their line.
struct GoldenScript {
    /// What one statement must do.
    struct Expectation {
        var value: String?
        var error: String?
        var printed: [String] = []
    }

    let name: String
    let source: Source
    let statements: [Statement]
    let expectations: [Int: Expectation]

    /// The scripts' directory in the source tree.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts")

    /// The API scripts, run against a sandbox by APIScriptTests.
    static let apiDirectory = directory.appendingPathComponent("API")

    static var names: [String] { names(in: directory) }

    static func names(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".ccsh") }.sorted()
    }

    init(named name: String, in directory: URL = GoldenScript.directory) throws {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        self.name = name
        source = Source(name: name, text: text)
        let (block, diagnostics) = Parser.parse(text)
        guard diagnostics.isEmpty else { throw ShellError(.syntax, "\(name): \(diagnostics[0].message)") }
        statements = block.statements
        let source = source
        let starts = block.statements.map { source.location($0.range.start).line }
        var collected: [Int: Expectation] = [:]
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let owner = starts.lastIndex(where: { $0 <= n + 1 }) else { continue }
            for (marker, kind) in [("# expect error: ", 1), ("# expect: ", 0), ("# prints: ", 2)] {
                guard let markerRange = line.range(of: marker) else { continue }
                let rest = String(line[markerRange.upperBound...])
                switch kind {
                case 0: collected[owner, default: Expectation()].value = rest
                case 1: collected[owner, default: Expectation()].error = rest
                default: collected[owner, default: Expectation()].printed.append(rest)
                }
                break
            }
        }
        expectations = collected
    }
}
