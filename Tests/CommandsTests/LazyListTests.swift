import Commands
import Shell
import Testing

/// The lazy list seam the API collections use: a producer that fetches pages on demand, and consumers that pull
/// only what they need (`first 3` reads one page; `count` reads them all without keeping them).
@Suite struct LazyListTests {
    /// `pages`: 100 rows in pages of 10, counting the pages it "fetched".
    final class PagedSource: Command {
        var fetched = 0

        var signature: Signature { Signature("pages", summary: "100 rows, fetched 10 at a time.") }

        func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
            var buffer: [Value] = []
            var next = 0
            return .stream(
                ValueStream { [self] in
                    if buffer.isEmpty, next < 100 {
                        fetched += 1
                        buffer = (next..<next + 10).map { ["n": .int($0)] }.reversed()
                        next += 10
                    }
                    return buffer.popLast()
                })
        }
    }

    func run(_ source: String) throws -> (value: Value, pages: Int) {
        let pages = PagedSource()
        var registry = CommandRegistry.language()
        registry.register(pages)
        let interpreter = Interpreter(registry: registry, environment: [:])
        let value = try interpreter.run(Source(name: "lazy", text: source))
        return (value, pages.fetched)
    }

    @Test(
        "consumers pull only the pages they need",
        arguments: [
            ("pages | first 3 | get n", [0, 1, 2] as Value, 1),
            ("pages | first | get n", 0, 1),
            ("pages | where n >= 15 | first | get n", 15, 2),
            ("pages | each { $it.n * 2 } | first 2", [0, 2], 1),
            ("pages | get n | nth 25", 25, 3),
            ("pages | enumerate | first | get index", 0, 1),
            ("pages | count", 100, 10),
            ("pages | last | get n", 99, 10),
            ("let all = (pages); $all | count", 100, 10),
        ] as [(String, Value, Int)])
    func laziness(source: String, expected: Value, pages: Int) throws {
        let result = try run(source)
        #expect(result.value == expected)
        #expect(result.pages == pages, "\(source)")
    }

    @Test("a for loop reads rows as it goes, and a failing row stops it where it failed")
    func forLoop() throws {
        let pages = PagedSource()
        var registry = CommandRegistry.language()
        registry.register(pages)
        let interpreter = Interpreter(registry: registry, environment: [:])
        let error = #expect(throws: ShellError.self) {
            try interpreter.run(Source(name: "lazy", text: "for row in pages { if $row.n == 12 { 1 / 0 } }"))
        }
        #expect(error?.message == "division by zero")
        #expect(pages.fetched == 2)
    }
}
