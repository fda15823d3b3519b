import Shell
import Testing

/// Statements, pipelines and expressions, their errors, and half-typed lines.
struct ParserTests {
    func dump(_ text: String) -> String {
        let (block, diagnostics) = Parser.parse(text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return block.dump
    }

    @Test(
        "statements",
        arguments: [
            ("let v = (vehicles | first)", "(block (let v (pipe (sub (pipe (call vehicles) (call first))))))"),
            (
                "vehicles | where brand == \"Peugeot\" | alerts --locale fr-FR",
                "(block (pipe (call vehicles) (call where (== (word brand) (str 'Peugeot'))) (call alerts (flag locale) (word fr-FR))))"
            ),
            (
                "if $x > 3 { a } else if not $y { b } else { c }",
                "(block (if (> (var x) (int 3)) (block (pipe (call a))) (if (not (var y)) (block (pipe (call b))) (block (pipe (call c))))))"
            ),
            ("for v in (vehicles) { status $v }", "(block (for v (pipe (sub (pipe (call vehicles)))) (block (pipe (call status (var v))))))"),
            (
                "def low [v, limit?, ...rest] { status $v | where level < $limit }",
                "(block (def low [v limit? ...rest] (block (pipe (call status (var v)) (call where (< (word level) (var limit)))))))"
            ),
            (
                "try { vehicels } catch e { print $e.message }",
                "(block (try (block (pipe (call vehicels))) e (block (pipe (call print (var e.message))))))"
            ),
            ("1 + 2 * 3 mod 4 - 5", "(block (pipe (- (+ (int 1) (mod (* (int 2) (int 3)) (int 4))) (int 5))))"),
            ("$a and $b or not $c == 1", "(block (pipe (or (and (var a) (var b)) (not (== (var c) (int 1))))))"),
            ("[1, \"two\", {a: 1, b: [true null]}]", "(block (pipe (list (int 1) (str 'two') (record a=(int 1) b=(list true null)))))"),
            (
                "echo \"battery of $v.vin is $(status $v | get energy.0.level)%\"",
                "(block (pipe (call echo (str 'battery of ' $(var v.vin) ' is ' $(sub (pipe (call status (var v)) (call get (word energy.0.level)))) '%'))))"
            ),
            ("vehicles |\n  first 2; count", "(block (pipe (call vehicles) (call first (int 2))) (pipe (call count)))"),
        ])
    func statements(text: String, expected: String) {
        #expect(dump(text) == expected)
    }

    @Test(
        "syntax errors: message, range and hint",
        arguments: [
            ("vehicles |", "expected a command after '|'", 9, 10),
            ("let = 3", "expected a variable name after 'let', found '='", 4, 5),
            ("let x 3", "expected '=' after the variable name, found '3'", 6, 7),
            ("if $x { a", "'{' is never closed", 6, 7),
            ("[1, 2", "'[' is never closed", 0, 1),
            ("(a | b", "'(' is never closed", 0, 1),
            ("{a: 1", "'{' is never closed", 0, 1),
            ("for x (a) { }", "expected 'in' after the loop variable, found '('", 6, 7),
            ("echo \"open", "unterminated string: \" expected", 5, 10),
            ("try { a }", "expected 'catch' after the try block, found the end of the input", 9, 9),
            ("echo \"a\\qb\"", "unknown escape '\\q'", 7, 9),
            ("a = 1", "expected the end of the statement, found '='", 2, 3),
        ] as [(String, String, Int, Int)])
    func errors(text: String, message: String, start: Int, end: Int) {
        let (_, diagnostics) = Parser.parse(text)
        let first = diagnostics.first
        #expect(first?.message == message, "\(diagnostics)")
        #expect(first?.range == SourceRange(start, end), "\(String(describing: first?.range))")
    }

    @Test("NAME=VALUE without spaces is one word in command arguments; spaced `=` is still an error")
    func assignments() {
        let (block, diagnostics) = Parser.parse("api GET /x --query pageSize=10 --header K='v w' a=b.c")
        #expect(diagnostics.isEmpty)
        #expect(block.source == "api GET /x --query pageSize=10 --header K=v w a=b.c")
        #expect(Parser.parse("x = 2").diagnostics.first?.message == "expected the end of the statement, found '='")
        #expect(Parser.parse("echo a= b").diagnostics.count == 1)
    }

    @Test("a,b without spaces is one word in command arguments, numbers included; in a list the comma still separates")
    func commaWords() {
        let (block, diagnostics) = Parser.parse("monitors create 0 --zone home:in:48.85,2.35:0.5 --extend vehicle.alerts,vehicle.status")
        #expect(diagnostics.isEmpty)
        #expect(block.source == "monitors create 0 --zone home:in:48.85,2.35:0.5 --extend vehicle.alerts,vehicle.status")
        #expect(Parser.parse("[1,2]").block.dump == Parser.parse("[1, 2]").block.dump)
        #expect(Parser.parse("echo a, b").diagnostics.first?.message == "expected a value, found ','")
    }

    @Test("inside parentheses a newline is a space, so a command spans lines; a block inside still ends statements at newlines")
    func multilineParentheses() {
        let (block, diagnostics) = Parser.parse("let m = (monitors create 0\n    --label x\n    | get id)\n$m")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(block.statements.count == 2)
        #expect(
            Parser.parse("let m = (monitors create 0 --label x | get id)").block.dump
                == Parser.parse("let m = (monitors create 0\n--label x\n| get id)").block.dump)
        #expect(Parser.parse("([1, 2] | each {\n  let x = $it\n  $x * 2\n})").diagnostics.isEmpty, "two statements in the block")
        #expect(Parser.parse("echo a\n--label x").diagnostics.isEmpty == false, "outside parentheses a newline ends the command")
    }

    @Test("half-typed lines still give a tree to complete from")
    func halfTyped() {
        let (block, _) = Parser.parse("vehicles | wh")
        guard case .pipeline(let pipeline)? = block.statements.first, case .command(let last)? = pipeline.stages.last else {
            Issue.record("no pipeline")
            return
        }
        #expect(last.name == "wh")
        #expect(last.nameRange == SourceRange(11, 13))
        let (partial, diagnostics) = Parser.parse("alerts --loc")
        #expect(diagnostics.isEmpty)
        #expect(partial.dump == "(block (pipe (call alerts (flag loc))))")
    }

    @Test("source locations: line and column of an offset, and the line's text")
    func locations() {
        let source = Source(name: "t.ccsh", text: "let a = 1\nlet é = $b\n")
        #expect(source.location(0) == (1, 1))
        #expect(source.location(18) == (2, 8))
        #expect(source.line(containing: 15) == "let é = $b")
    }
}
