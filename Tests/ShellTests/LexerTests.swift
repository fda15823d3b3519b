import Shell
import Testing

/// Tokens of representative lines.
struct LexerTests {
    func kinds(_ text: String) -> [Token.Kind] { Lexer.tokens(text).map(\.kind) }

    @Test("words, numbers, flags, variables with paths, operators, strings and comments")
    func basics() {
        #expect(
            kinds(#"vehicles | where level < 20.5 --locale fr-FR -r $v.energy.0.level "a $x" 'raw' # note"#) == [
                .word("vehicles"), .pipe, .word("where"), .word("level"), .op("<"), .float(20.5), .flag("locale", value: nil),
                .word("fr-FR"), .flag("r", value: nil), .variable("v", ["energy", "0", "level"]), .string("a $x"), .rawString("raw"), .end,
            ])
        #expect(
            kinds("let x = -3; a == b != c =~ d <= e >= f") == [
                .word("let"), .word("x"), .assign, .int(-3), .semicolon, .word("a"), .op("=="), .word("b"), .op("!="), .word("c"), .op("=~"),
                .word("d"), .op("<="), .word("e"), .op(">="), .word("f"), .end,
            ])
        #expect(
            kinds("{vin: \"x\", n: 2} [1 2] (a) --page-size=10") == [
                .leftBrace, .word("vin"), .colon, .string("x"), .comma, .word("n"), .colon, .int(2), .rightBrace, .leftBracket, .int(1), .int(2),
                .rightBracket, .leftParen, .word("a"), .rightParen, .flag("page-size", value: "10"), .end,
            ])
        #expect(
            kinds("open https://x.example/a:b 2026-10-01T00:00:00Z 1e3 a - b") == [
                .word("open"), .word("https://x.example/a:b"), .word("2026-10-01T00:00:00Z"), .float(1000), .word("a"), .op("-"), .word("b"), .end,
            ])
    }

    @Test("a string holding $( … ) with quotes inside is one token")
    func nestedQuotes() {
        #expect(kinds(#""level: $(get "energy" | first)%""#) == [.string(#"level: $(get "energy" | first)%"#), .end])
    }

    @Test("what is not ccsh becomes an invalid token with a reason, and lexing goes on")
    func invalid() {
        #expect(kinds("\"open") == [.invalid("unterminated string: \" expected"), .end])
        #expect(kinds("echo $ x") == [.word("echo"), .invalid("'$' must be followed by a variable name, like $v"), .word("x"), .end])
    }

    @Test("a backslash at the end of a line continues the command; elsewhere it is text")
    func continuation() {
        #expect(kinds("monitors 0 \\\n  --label x") == [.word("monitors"), .int(0), .flag("label", value: nil), .word("x"), .end])
        #expect(kinds("a \\\r\nb") == [.word("a"), .word("b"), .end])
        #expect(kinds("echo a\\b") == [.word("echo"), .word("a\\b"), .end])
        let interpreter = Interpreter(registry: CommandRegistry())
        #expect(!interpreter.isComplete("echo 1 \\"), "the REPL asks for the next line")
        #expect(interpreter.isComplete("echo 1 \\\n2"))
    }

    @Test("ranges are byte offsets")
    func ranges() {
        let tokens = Lexer.tokens("ab  $cd")
        #expect(tokens[0].range == SourceRange(0, 2))
        #expect(tokens[1].range == SourceRange(4, 7))
    }
}
