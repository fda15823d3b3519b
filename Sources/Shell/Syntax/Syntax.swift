/// The ccsh syntax tree (docs/architecture.md §3). Every node carries the source range it came from; ranges stay in
/// the tree and in errors, never in runtime values.
package indirect enum Expression: Sendable, Equatable {
    case null(SourceRange)
    case bool(Bool, SourceRange)
    case int(Int, SourceRange)
    case float(Double, SourceRange)
    /// A quoted string; interpolated parts are expressions.
    case string([StringPart], SourceRange)
    /// A bare word: a string, or a field of the row inside `where`.
    case word(String, SourceRange)
    /// `$name.path.0`.
    case variable(String, [String], SourceRange)
    case list([Expression], SourceRange)
    case record([RecordField], SourceRange)
    /// `( pipeline )`.
    case subexpression(Pipeline, SourceRange)
    /// `{ statements }` passed to a command (`each { … }`).
    case block(Block, SourceRange)
    case unary(String, Expression, SourceRange)
    case binary(String, Expression, Expression, SourceRange)
    /// Where the parser gave up; a diagnostic says why.
    case invalid(SourceRange)

    package var range: SourceRange {
        switch self {
        case .null(let r), .bool(_, let r), .int(_, let r), .float(_, let r), .string(_, let r), .word(_, let r), .variable(_, _, let r),
            .list(_, let r), .record(_, let r), .subexpression(_, let r), .block(_, let r), .unary(_, _, let r), .binary(_, _, _, let r),
            .invalid(let r):
            r
        }
    }
}

/// A piece of a double-quoted string.
package enum StringPart: Sendable, Equatable {
    case text(String)
    case interpolation(Expression)
}

/// `key: value` in a record literal.
package struct RecordField: Sendable, Equatable {
    package var key: String
    package var value: Expression

    package init(key: String, value: Expression) {
        self.key = key
        self.value = value
    }
}

/// A command argument: an expression, or a flag (`--locale fr-FR` leaves the value to the binder, which knows
/// whether the flag takes one; `--locale=fr-FR` carries it).
package enum Argument: Sendable, Equatable {
    case positional(Expression)
    case flag(String, value: Expression?, SourceRange)
}

/// `name arguments…`.
package struct CommandCall: Sendable, Equatable {
    package var name: String
    package var nameRange: SourceRange
    package var arguments: [Argument]
    package var range: SourceRange

    package init(name: String, nameRange: SourceRange, arguments: [Argument], range: SourceRange) {
        self.name = name
        self.nameRange = nameRange
        self.arguments = arguments
        self.range = range
    }
}

/// One stage of a pipeline.
package enum Stage: Sendable, Equatable {
    case command(CommandCall)
    case expression(Expression)
}

/// `stage | stage | …`.
package struct Pipeline: Sendable, Equatable {
    package var stages: [Stage]
    package var range: SourceRange

    package init(stages: [Stage], range: SourceRange) {
        self.stages = stages
        self.range = range
    }
}

/// A parameter of `def name [a, b?, ...rest] { … }`.
package struct Parameter: Sendable, Equatable {
    package var name: String
    package var isOptional: Bool
    package var isRest: Bool
    package var range: SourceRange

    package init(name: String, isOptional: Bool, isRest: Bool, range: SourceRange) {
        self.name = name
        self.isOptional = isOptional
        self.isRest = isRest
        self.range = range
    }
}

/// One statement.
package indirect enum Statement: Sendable, Equatable {
    case `let`(String, Pipeline, SourceRange)
    case `if`(Expression, Block, Statement?, SourceRange)
    case `for`(String, Pipeline, Block, SourceRange)
    case def(String, [Parameter], Block, SourceRange)
    case `try`(Block, String?, Block, SourceRange)
    case block(Block)
    case pipeline(Pipeline)

    package var range: SourceRange {
        switch self {
        case .let(_, _, let r), .if(_, _, _, let r), .for(_, _, _, let r), .def(_, _, _, let r), .try(_, _, _, let r): r
        case .block(let b): b.range
        case .pipeline(let p): p.range
        }
    }
}

/// Statements in order; a script, or the body of `{ … }`.
package struct Block: Sendable, Equatable {
    package var statements: [Statement]
    package var range: SourceRange

    package init(statements: [Statement], range: SourceRange) {
        self.statements = statements
        self.range = range
    }
}

/// A syntax error: what, where, and how to fix it.
package struct Diagnostic: Error, Sendable, Equatable {
    package var message: String
    package var range: SourceRange
    package var hint: String?
    /// The input ended too early (an open bracket or quote): more lines may complete it, so the REPL asks for them.
    package var isIncomplete = false
}
