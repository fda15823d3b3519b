/// One lexical unit of ccsh source.
package struct Token: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// A bare word: command and field names, `fr-FR`, `energy.0.level`, keywords (the parser decides).
        case word(String)
        /// A double-quoted string, raw between the quotes (escapes and `$` interpolation are resolved by the parser).
        case string(String)
        /// A single-quoted string: no escapes, no interpolation.
        case rawString(String)
        case int(Int)
        case float(Double)
        /// `$name` with its cell path: `$v.energy.0.level` → ("v", ["energy", "0", "level"]).
        case variable(String, [String])
        /// `--name` or `-n`; `--name=value` carries its value.
        case flag(String, value: String?)
        /// `== != < <= > >= =~ + - * /`.
        case op(String)
        case pipe, assign, leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace, comma, colon, semicolon, newline
        case end
        /// Something that is not ccsh, with the reason.
        case invalid(String)
    }

    package var kind: Kind
    package var range: SourceRange
}
