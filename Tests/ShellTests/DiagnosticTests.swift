import Shell
import Testing

/// Snapshots of the diagnostic format scripts print.
struct DiagnosticTests {
    let printer = DiagnosticPrinter()

    func firstDiagnostic(_ name: String, _ text: String) -> String {
        let source = Source(name: name, text: text)
        let (_, diagnostics) = Parser.parse(text)
        guard let first = diagnostics.first else { return "no diagnostic" }
        return printer.format(first, in: source)
    }

    @Test("a syntax error in a script: place, line, caret, hint")
    func syntax() {
        #expect(
            firstDiagnostic("tour.ccsh", "let v = (vehicles | first)\nv = 3\n") == """
                tour.ccsh:2:3: error: expected the end of the statement, found '='
                  v = 3
                    ^
                hint: to set a variable, write `let name = …`
                """)
    }

    @Test("the underline spans the range and stays inside the line")
    func underline() {
        let source = Source(name: "-c", text: "vehicles | alerts --locale fr-FR")
        #expect(
            printer.format(message: "unknown flag '--locale' for vehicles", hint: "did you mean '--local'?", range: SourceRange(18, 26), in: source)
                == """
                -c:1:19: error: unknown flag '--locale' for vehicles
                  vehicles | alerts --locale fr-FR
                                    ^~~~~~~~
                hint: did you mean '--local'?
                """)
        #expect(
            printer.format(message: "m", hint: nil, range: SourceRange(11, 400), in: source) == """
                -c:1:12: error: m
                  vehicles | alerts --locale fr-FR
                             ^~~~~~~~~~~~~~~~~~~~~
                """)
    }

    @Test("tabs and non-ASCII text before the error keep the caret aligned")
    func alignment() {
        let text = "\tlet é = [1, 2"
        #expect(
            firstDiagnostic("t.ccsh", text)
                == "t.ccsh:1:10: error: '[' is never closed\n  \tlet é = [1, 2\n  \t        ^\nhint: add ']' to close the list")
    }

    @Test("at a terminal a long line shows as a window that fits its width, the caret under the place", arguments: [80, 160])
    func window(columns: Int) {
        let id = String(repeating: "ab", count: 64)
        let text = "alert 0 \(id); status 1; " + String(repeating: "x", count: 300)
        let printer = DiagnosticPrinter.forTerminal(columns: columns, useColor: false)
        let lines = printer.format(message: "m", hint: nil, range: SourceRange(8, 136), in: Source(name: "-c", text: text))
            .split(separator: "\n").dropFirst()
        #expect(lines.count == 2 && lines.allSatisfy { $0.count <= columns }, "\(lines)")
        #expect(lines.first?.hasPrefix("  alert 0 abab") == true && lines.first?.hasSuffix("…") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("          ^~~") == true, "\(lines)")
    }

    @Test("errors without a place, and colors when asked")
    func plainAndColor() {
        #expect(
            printer.format(message: "GET /user → 401: Token is invalid", hint: "run `login`")
                == "error: GET /user → 401: Token is invalid\nhint: run `login`")
        let colored = DiagnosticPrinter(useColor: true).format(message: "x", hint: nil)
        #expect(colored == "\u{1B}[1;31merror:\u{1B}[0m x")
    }
}
