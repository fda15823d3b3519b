/// A predicate or a block handed to a command unevaluated (`where level < 20`, `each { … }`), with the scope
/// and source it was written in. `where` tests it once per row; `each` calls it once per row.
///
/// Not `Sendable`: it runs on the interpreter that made it.
package final class Closure {
    let interpreter: Interpreter
    let scope: Scope
    let source: Source?
    let expression: Expression
    /// A condition cannot define variables, so one scope serves every row (only `$it` changes).
    private lazy var conditionScope = Scope(parent: scope)

    init(interpreter: Interpreter, scope: Scope, source: Source?, expression: Expression) {
        self.interpreter = interpreter
        self.scope = scope
        self.source = source
        self.expression = expression
    }

    /// Where it was written.
    package var range: SourceRange { expression.range }

    /// The value for one row: a block runs with `$it` (and `$in`) bound to the row; a condition reads bare field
    /// names from the row.
    package func call(_ row: Value) throws -> Value {
        try interpreter.withSource(source) { try evaluate(row) }
    }

    private func evaluate(_ row: Value) throws -> Value {
        do {
            if case .block(let block, _) = expression {
                let inner = Scope(parent: scope, input: .value(row))
                inner.define("it", row)
                return try interpreter.execute(block, scope: inner, input: .value(row)).collect()
            }
            conditionScope.define("it", row)
            return try interpreter.evaluate(expression, conditionScope, row: row, fieldPosition: true)
        } catch let error as ShellError {
            throw error.placed(at: range, in: source)
        }
    }

    /// Whether the condition holds for `row`; anything but a bool is an error.
    package func test(_ row: Value) throws -> Bool {
        let result = try call(row)
        guard case .bool(let holds) = result else {
            throw ShellError(
                .typeMismatch, "the condition must give a bool, it gave \(result.kindPhrase)",
                hint: "compare a field, e.g. `level < 20` or `name == \"x\"`", at: range
            ).placed(at: range, in: source)
        }
        return holds
    }
}
