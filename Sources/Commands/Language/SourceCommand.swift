import Foundation
import Shell

/// `source FILE`: runs a script in the current scope, so its `let`s and `def`s stay defined.
struct SourceCommand: Command {
    var signature: Signature {
        Signature("source", summary: "Run a script file here; its variables and commands stay defined.")
            .required("path", .file, "The .ccsh file to run.")
            .example("source lib.ccsh", "Load helper commands.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let path = call.string("path") ?? ""
        let bytes = try FileAccess.read(path, call: call, context: context)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw call.error("'\(path)' is not UTF-8 text", argument: "path", code: .io)
        }
        let interpreter = context.interpreter
        return .value(try interpreter.withCallDepth(of: "source") { try interpreter.run(Source(name: path, text: text), in: context.scope) })
    }
}
