import Foundation
import Testing

/// The repository's documents stay true: every `docs/api.md §N` and `docs/architecture.md §N` a comment cites is a
/// heading there; every path, file and test suite the README and docs/ name exists.
@Suite struct DocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) throws -> String { try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) }

    /// Every file under `directory` (relative to the root) whose name ends with one of `suffixes`.
    static func files(under directory: String, _ suffixes: [String]) -> [String] {
        let base = root.appendingPathComponent(directory)
        let walker = FileManager.default.enumerator(atPath: base.path)
        var found: [String] = []
        while let path = walker?.nextObject() as? String {
            if suffixes.contains(where: path.hasSuffix) { found.append(directory + "/" + path) }
        }
        return found
    }

    /// The section numbers of a document's headings (`## 5. Errors` → 5, `### 5.2.3 Data` → 5.2.3).
    static func sections(_ document: String) throws -> Set<String> {
        Set(try text(document).split(separator: "\n").compactMap { line in line.firstMatch(of: #/^#+ ([0-9][0-9a-z.]*?)\.? /#).map { String($0.1) } })
    }

    @Test("every section a comment cites is a heading of the document it names")
    func citations() throws {
        let headings = ["docs/api.md": try Self.sections("docs/api.md"), "docs/architecture.md": try Self.sections("docs/architecture.md")]
        var cited = 0
        for file in ["Sources", "Tests", "bench", "fuzz"].flatMap({ Self.files(under: $0, [".swift", ".ccsh", ".sh"]) }) + ["README.md", "Makefile"] {
            let text = try Self.text(file)
            for match in text.matches(of: /(docs\/(?:api|architecture)\.md) §([0-9][0-9a-z.]*[0-9a-z])/) {
                cited += 1
                #expect(headings[String(match.1)]?.contains(String(match.2)) == true, "\(file) cites \(match.0), which \(match.1) has no heading for")
            }
        }
        #expect(cited > 50)
    }

    @Test("the paths, files and test suites the README and docs/ name exist")
    func namedThingsExist() throws {
        let sources = Self.files(under: "Sources", [".swift", ".h", ".c", ".modulemap"])
        let suites = Set(
            try Self.files(under: "Tests", [".swift"]).flatMap { file in
                try Self.text(file).matches(of: /(?:struct|class|enum) ([A-Za-z]+Tests)\b/).map { String($0.1) }
            })
        for document in ["README.md", "docs/api.md", "docs/architecture.md"] {
            for match in try Self.text(document).matches(of: /`([^`\s]+)`/) {
                let name = String(match.1)
                if name.hasSuffix("Tests"), name.first?.isUppercase == true {
                    #expect(suites.contains(name), "\(document) names the suite \(name)")
                    continue
                }
                guard name.contains("/") || name.hasSuffix(".swift"), !name.contains("<"), !name.contains("*"), !name.contains("…"),
                    !name.hasPrefix("/"), !name.hasPrefix("http"), !name.contains("{"), name.first?.isLetter == true || name.hasPrefix(".")
                else { continue }
                let path = name.hasSuffix("/") ? String(name.dropLast()) : name
                let exists =
                    FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(path).path)
                    || FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("Sources/" + path).path)
                    || sources.contains { $0.hasSuffix("/" + path) }
                if path.split(separator: "/").first.map({ ["Sources", "Tests", "bench", "docs", "scripts", "fuzz", ".ci"].contains(String($0)) })
                    == true
                    || path.hasSuffix(".swift") || path.hasSuffix(".h")
                {
                    #expect(exists, "\(document) names \(name), which is not in the repository")
                }
            }
        }
    }
}
