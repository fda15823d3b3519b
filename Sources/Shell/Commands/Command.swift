/// A shell command. Its ``signature`` is the single source for argument binding, `help <name>` and completion.
///
/// Commands take a value (or a stream) from the pipe and return one; they never print results themselves — the
/// drivers render what a pipeline returns. Not `Sendable`: the shell runs one pipeline at a time, and API
/// commands hold the session.
package protocol Command {
    var signature: Signature { get }
    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData
    /// How a terminal shows the documents this command returns; declared once here, found again from the
    /// document (``View/Match``), so it follows them through `first`, `where` or a variable.
    var view: View? { get }
}

extension Command {
    package var view: View? { nil }
}

/// What a running command may use besides its arguments: the interpreter (for `source`, `help`, output of
/// `print`) and the scope it was called in.
package struct CommandContext {
    package let interpreter: Interpreter
    package let scope: Scope
}
