/// Runs a script (a file, `-c`, or stdin): statement by statement, printing each top-level result, stopping at the
/// first error with its diagnostic and exit status — or, with `keepGoing`, reporting it and going on, then
/// exiting with the first failure's status.
package struct ScriptRunner {
    package let interpreter: Interpreter
    package var renderer: ResultRenderer
    package var reporter: ErrorReporter
    package var keepGoing = false
    /// Where results go.
    package var write: (String) -> Void

    package init(
        interpreter: Interpreter, renderer: ResultRenderer, reporter: ErrorReporter, keepGoing: Bool = false, write: @escaping (String) -> Void
    ) {
        self.interpreter = interpreter
        self.renderer = renderer
        self.reporter = reporter
        self.keepGoing = keepGoing
        self.write = write
    }

    /// Runs `source` and returns the process exit status.
    package func run(_ source: Source) -> Int32 {
        let block: Block
        do {
            block = try interpreter.parse(source)
        } catch {
            reporter.report(error)
            return error.exitStatus
        }
        var firstFailure: Int32?
        for statement in block.statements {
            do {
                let value = try interpreter.execute(statement, in: source)
                do {
                    if let text = try renderer.choosing(interpreter.outputFormat).render(value, interpreter.presentation) { write(text) }
                } catch {
                    throw error.placed(at: statement.range, in: source)
                }
            } catch let exit as ExitRequest {
                return exit.status
            } catch {
                let failure = ShellError.wrapping(error)
                reporter.report(failure)
                guard keepGoing, failure.code != .interrupted else { return failure.exitStatus }
                firstFailure = firstFailure ?? failure.exitStatus
            }
        }
        return firstFailure ?? ExitStatus.success
    }
}
