/// A command defined with `def name [params] { body }`: usable as a pipeline stage like any other. Its body runs
/// in a child of the scope it was defined in, with the parameters bound and the pipeline input as `$in` (and as
/// the input of the body's pipelines, so `def names [] { get name }` works on `vehicles | names`).
package struct UserCommand: Command {
    package let name: String
    let parameters: [Parameter]
    let body: Block
    /// The scope it was defined in, which holds it. Weak, so that the two do not keep each other alive (a `def` in
    /// a loop body would leak a scope per turn); whoever runs the command found it in that scope or below it, so the
    /// scope is alive while the command runs.
    weak var scope: Scope?
    let source: Source?

    package var signature: Signature {
        var signature = Signature(name, summary: "Defined with `def`" + (source.map { " in \($0.name)" } ?? "") + ".")
        for parameter in parameters {
            if parameter.isRest {
                signature = signature.rest(parameter.name, .any, "")
            } else if parameter.isOptional {
                signature = signature.optional(parameter.name, .any, "")
            } else {
                signature = signature.required(parameter.name, .any, "")
            }
        }
        return signature
    }

    package func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        guard let scope else { throw call.error("'\(name)' was defined in a block that has ended", hint: "define it outside the block") }
        let inner = Scope(parent: scope, input: input)
        for parameter in parameters {
            if parameter.isRest {
                inner.define(parameter.name, .list(call.rest.map(\.value)))
            } else {
                inner.define(parameter.name, call.value(parameter.name) ?? .null)
            }
        }
        do {
            return try context.interpreter.withCallDepth(of: name) {
                try context.interpreter.withSource(source) { try context.interpreter.execute(body, scope: inner, input: input) }
            }
        } catch let error as ShellError {
            throw error.placed(at: body.range, in: source)
        }
    }
}
