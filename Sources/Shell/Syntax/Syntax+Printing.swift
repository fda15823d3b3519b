import APIContract
import Foundation

/// Canonical source text for syntax trees (`source`) and a range-free structural dump (`dump`), used to check
/// that parsing printed trees gives the same trees.
extension Block {
    /// Statements one per line.
    package var source: String { statements.map(\.source).joined(separator: "\n") }

    /// `{ a; b }`.
    var braced: String { statements.isEmpty ? "{ }" : "{ " + statements.map(\.source).joined(separator: "; ") + " }" }

    package var dump: String { "(block " + statements.map(\.dump).joined(separator: " ") + ")" }
}

extension Statement {
    package var source: String {
        switch self {
        case .let(let name, let value, _): "let \(name) = \(value.source)"
        case .if(let condition, let then, let otherwise, _): "if \(condition.source) \(then.braced)" + (otherwise.map { " else \($0.source)" } ?? "")
        case .for(let name, let source, let body, _): "for \(name) in \(source.source) \(body.braced)"
        case .def(let name, let parameters, let body, _):
            "def \(name) [" + parameters.map { ($0.isRest ? "..." : "") + $0.name + ($0.isOptional ? "?" : "") }.joined(separator: ", ")
                + "] \(body.braced)"
        case .try(let body, let name, let handler, _): "try \(body.braced) catch " + (name.map { "\($0) " } ?? "") + handler.braced
        case .block(let block): block.braced
        case .pipeline(let pipeline): pipeline.source
        }
    }

    package var dump: String {
        switch self {
        case .let(let name, let value, _): "(let \(name) \(value.dump))"
        case .if(let condition, let then, let otherwise, _): "(if \(condition.dump) \(then.dump)" + (otherwise.map { " \($0.dump)" } ?? "") + ")"
        case .for(let name, let source, let body, _): "(for \(name) \(source.dump) \(body.dump))"
        case .def(let name, let parameters, let body, _):
            "(def \(name) [" + parameters.map { ($0.isRest ? "..." : "") + $0.name + ($0.isOptional ? "?" : "") }.joined(separator: " ")
                + "] \(body.dump))"
        case .try(let body, let name, let handler, _): "(try \(body.dump) \(name ?? "_") \(handler.dump))"
        case .block(let block): block.dump
        case .pipeline(let pipeline): pipeline.dump
        }
    }
}

extension Pipeline {
    package var source: String { stages.map(\.source).joined(separator: " | ") }
    package var dump: String { "(pipe " + stages.map(\.dump).joined(separator: " ") + ")" }
}

extension Stage {
    var source: String {
        switch self {
        case .command(let call): ([call.name] + call.arguments.map(\.source)).joined(separator: " ")
        case .expression(let expression): expression.source
        }
    }

    var dump: String {
        switch self {
        case .command(let call): "(call \(call.name)" + call.arguments.map { " " + $0.dump }.joined() + ")"
        case .expression(let expression): expression.dump
        }
    }
}

extension Argument {
    var source: String {
        switch self {
        case .positional(let expression): expression.source
        case .flag(let name, let value, _): "--\(name)" + (value.map { "=\($0.source)" } ?? "")
        }
    }

    var dump: String {
        switch self {
        case .positional(let expression): expression.dump
        case .flag(let name, let value, _): "(flag \(name)" + (value.map { " \($0.dump)" } ?? "") + ")"
        }
    }
}

extension Expression {
    package var source: String {
        switch self {
        case .null: "null"
        case .bool(let b, _): b ? "true" : "false"
        case .int(let i, _): String(i)
        case .float(let d, _): JSONText.format(d)
        case .string(let parts, _): "\"" + parts.map(\.source).joined() + "\""
        case .word(let word, _): word
        case .variable(let name, let path, _): "$" + ([name] + path).joined(separator: ".")
        case .list(let items, _): "[" + items.map(\.source).joined(separator: ", ") + "]"
        case .record(let fields, _): "{" + fields.map { "\($0.key): \($0.value.source)" }.joined(separator: ", ") + "}"
        case .subexpression(let pipeline, _): "(\(pipeline.source))"
        case .block(let block, _): block.braced
        case .unary(let op, let operand, _): op == "not" ? "not \(operand.source)" : "- \(operand.source)"
        case .binary(let op, let left, let right, _): "\(left.source) \(op) \(right.source)"
        case .invalid: "<invalid>"
        }
    }

    package var dump: String {
        switch self {
        case .null: "null"
        case .bool(let b, _): String(b)
        case .int(let i, _): "(int \(i))"
        case .float(let d, _): "(float \(d))"
        case .string(let parts, _): "(str" + parts.map { " " + $0.dump }.joined() + ")"
        case .word(let word, _): "(word \(word))"
        case .variable(let name, let path, _): "(var \(([name] + path).joined(separator: ".")))"
        case .list(let items, _): "(list" + items.map { " " + $0.dump }.joined() + ")"
        case .record(let fields, _): "(record" + fields.map { " \($0.key)=\($0.value.dump)" }.joined() + ")"
        case .subexpression(let pipeline, _): "(sub \(pipeline.dump))"
        case .block(let block, _): block.dump
        case .unary(let op, let operand, _): "(\(op) \(operand.dump))"
        case .binary(let op, let left, let right, _): "(\(op) \(left.dump) \(right.dump))"
        case .invalid: "(invalid)"
        }
    }
}

extension StringPart {
    /// `text` as a string literal of the language (`"a \"b\" \$x"`), which the parser reads back as that text.
    package static func literal(_ text: String) -> String { "\"" + StringPart.text(text).source + "\"" }

    var source: String {
        switch self {
        case .text(let text):
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "$", with: "\\$").replacingOccurrences(of: "\n", with: "\\n")
                .replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\r", with: "\\r")
        case .interpolation(.subexpression(let pipeline, _)): "$(\(pipeline.source))"
        case .interpolation(let expression): expression.source
        }
    }

    var dump: String {
        switch self {
        case .text(let text): "'\(text)'"
        case .interpolation(let expression): "$\(expression.dump)"
        }
    }
}
