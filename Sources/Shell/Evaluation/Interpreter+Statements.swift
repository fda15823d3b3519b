/// Statements and blocks: `let`, `if`, `for`, `def`, `try`/`catch`, pipelines.
extension Interpreter {
    /// Runs a block's statements in `scope`; the block's value is its last statement's. Earlier results are read
    /// to their end and dropped, so that the side effects of a lazy pipeline (`each { print $it }`) still happen.
    package func execute(_ block: Block, scope: Scope, input: PipelineData) throws -> PipelineData {
        var result = PipelineData.empty
        for (n, statement) in block.statements.enumerated() {
            if n > 0 { _ = try result.collect() }
            result = try execute(statement, scope: scope, input: input)
        }
        return result
    }

    func execute(_ statement: Statement, scope: Scope, input: PipelineData) throws -> PipelineData {
        try enterLevel(at: statement.range)
        defer { depth.leave() }
        try step()
        switch statement {
        case .let(let name, let pipeline, _):
            scope.define(name, try run(pipeline, scope: scope, input: input).collect())
            return .empty
        case .if(let condition, let then, let otherwise, _):
            if try test(condition, scope, what: "if") { return try execute(then, scope: Scope(parent: scope), input: input) }
            guard let otherwise else { return .empty }
            return try execute(otherwise, scope: scope, input: input)
        case .for(let name, let pipeline, let body, _):
            let rows = try run(pipeline, scope: scope, input: input).rows()
            while let row = try rows.next() {
                let inner = Scope(parent: scope)
                inner.define(name, row)
                _ = try execute(body, scope: inner, input: .empty).collect()
            }
            return .empty
        case .def(let name, let parameters, let body, _):
            scope.define(UserCommand(name: name, parameters: parameters, body: body, scope: scope, source: currentSource))
            return .empty
        case .try(let body, let name, let handler, _):
            do {
                return .value(try execute(body, scope: Scope(parent: scope), input: input).collect())
            } catch let error as ShellError where error.code != .interrupted {
                let inner = Scope(parent: scope)
                if let name { inner.define(name, error.record) }
                return try execute(handler, scope: inner, input: input)
            }
        case .block(let block):
            return try execute(block, scope: Scope(parent: scope), input: input)
        case .pipeline(let pipeline):
            return try run(pipeline, scope: scope, input: input)
        }
    }

    /// Evaluates a condition of `if`; it must be a bool.
    private func test(_ condition: Expression, _ scope: Scope, what: String) throws -> Bool {
        let value = try evaluate(condition, scope)
        guard case .bool(let holds) = value else {
            throw ShellError(
                .typeMismatch, "the condition of '\(what)' must be a bool, got \(value.kindPhrase)",
                hint: "compare it, e.g. `$x != null` or `($list | count) > 0`", at: condition.range)
        }
        return holds
    }

    /// Runs the stages of a pipeline, each reading the previous one's output.
    func run(_ pipeline: Pipeline, scope: Scope, input: PipelineData) throws -> PipelineData {
        var data = input
        for (n, stage) in pipeline.stages.enumerated() {
            switch stage {
            case .command(let call):
                data = try invoke(call, input: data, scope: scope)
            case .expression(let expression):
                // After a pipe, an expression reads the input as `$in`.
                let inner = n == 0 ? scope : Scope(parent: scope, input: data)
                data = .value(try evaluate(expression, inner))
            }
        }
        return data
    }
}
