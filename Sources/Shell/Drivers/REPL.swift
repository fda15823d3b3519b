/// The interactive loop: reads entries (with continuation lines until an entry is complete), runs each through
/// the same interpreter as scripts, prints results, reports errors and keeps going. `$last` holds the last result.
package struct REPL {
    package let interpreter: Interpreter
    package var renderer: ResultRenderer
    package var reporter: ErrorReporter
    package var write: (String) -> Void
    package var prompt: () -> String
    /// Shown for each further line of an unfinished entry (open quote, bracket or block, trailing `|`).
    package var continuationPrompt: () -> String = { "…> " }
    /// Called when an entry has been read, before it runs (the executable clears a Ctrl-C pressed at the prompt).
    package var onEntry: () -> Void = {}
    /// The terminal's width now, for tables (the window may have been resized since the last entry).
    package var columns: (() -> Int)?
    /// The terminal's height now, for pictures.
    package var rows: (() -> Int)?
    /// Shows a result taller than the terminal a page at a time (`$PAGER`, else `less -FRX`); false when it could
    /// not, and the result is printed. Nil: never (`--no-pager`, not a terminal). `set pager off` turns it off too.
    package var pager: ((String) -> Bool)?

    package init(
        interpreter: Interpreter, renderer: ResultRenderer, reporter: ErrorReporter, write: @escaping (String) -> Void, prompt: @escaping () -> String
    ) {
        self.interpreter = interpreter
        self.renderer = renderer
        self.reporter = reporter
        self.write = write
        self.prompt = prompt
    }

    /// Runs until the end of input or `exit`; returns the exit status.
    package func run(reader: inout some LineReader) -> Int32 {
        while let text = readEntry(&reader) {
            guard !text.allSatisfy(\.isWhitespace) else { continue }
            onEntry()
            if let columns { interpreter.presentation.width = columns() }
            if let rows { interpreter.presentation.height = rows() }
            let source = Source(name: "<repl>", text: text)
            do {
                let block = try interpreter.parse(source)
                for statement in block.statements {
                    let value = try interpreter.execute(statement, in: source)
                    if value != .null { interpreter.globals.define("last", value) }
                    if let output = try renderer.choosing(interpreter.outputFormat).render(value, interpreter.presentation) { show(output) }
                }
            } catch let exit as ExitRequest {
                return exit.status
            } catch {
                reporter.report(ShellError.wrapping(error))
            }
        }
        return ExitStatus.success
    }

    /// Writes a result, through the pager when it is taller than the terminal.
    private func show(_ output: String) {
        if let pager, interpreter.usesPager, output.utf8.lazy.filter({ $0 == UInt8(ascii: "\n") }).count >= interpreter.presentation.height,
            pager(output)
        {
            return
        }
        write(output)
    }

    /// One entry: a line, and continuation lines until it is complete. Ctrl-C drops what was typed (an empty
    /// entry, so a fresh prompt); the end of input ends the loop.
    private func readEntry(_ reader: inout some LineReader) -> String? {
        var text: String
        switch reader.read(prompt: prompt()) {
        case .line(let line): text = line
        case .interrupted: return ""
        case .end: return nil
        }
        while !interpreter.isComplete(text) {
            switch reader.read(prompt: continuationPrompt()) {
            case .line(let more): text += "\n" + more
            case .interrupted: return ""
            case .end: return text
            }
        }
        return text
    }
}
