import Client
import Commands
import Foundation
import Shell

/// Wires one interpreter with the registry, the output format chosen for this terminal, and the drivers.
struct ShellSetup {
    let interpreter: Interpreter
    let renderer: ResultRenderer
    let reporter: ErrorReporter
    let output = StandardOutput()

    init(terminal: Terminal, format: OutputFormat?, showsAllColumns: Bool, arguments: [String], api: APIContext) {
        let output = output
        interpreter = Interpreter(registry: .standard(api: api), arguments: arguments, write: output.write)
        renderer = ResultRenderer(format: format ?? (terminal.outputIsTerminal ? .table : .json), isExplicit: format != nil)
        interpreter.presentation.width = terminal.width
        interpreter.presentation.height = terminal.height
        interpreter.presentation.useColor = terminal.useColor(onTerminal: terminal.outputIsTerminal)
        interpreter.presentation.showsAllColumns = showsAllColumns
        interpreter.presentation.outputIsTerminal = terminal.outputIsTerminal
        interpreter.presentation.shown = api.shown
        interpreter.presentation.serverClock = api.serverClock
        output.flushesEachWrite = terminal.outputIsTerminal
        interpreter.flush = output.flush
        let progress = terminal.errorIsTerminal ? ProgressLine() : nil
        progress?.columns = { terminal.width }
        reporter = ErrorReporter(printer: terminal.diagnosticPrinter) { text in
            output.flush()
            progress?.clear()
            FileHandle.standardError.write(Data(text.utf8))
        }
        interpreter.isInterrupted = { Interrupts.isRequested }
        interpreter.settleInterrupt = { Interrupts.settle() }
        let renderer = renderer
        interpreter.render = { [unowned interpreter] value in
            (try? renderer.choosing(interpreter.outputFormat).render(value, interpreter.presentation)) ?? value.text
        }
        if let progress {
            api.onPaging = progress.update
            api.onRemoteProgress = progress.update
            output.beforeWriting = progress.clear
            let writeError = interpreter.writeError
            interpreter.writeError = { text in
                progress.clear()
                writeError(text)
            }
        }
    }

    func scriptRunner(keepGoing: Bool) -> ScriptRunner {
        ScriptRunner(interpreter: interpreter, renderer: renderer, reporter: reporter, keepGoing: keepGoing, write: interpreter.write)
    }

    /// The libedit reader for the interactive shell: history in `$XDG_STATE_HOME/ccsh/history`, TAB from the
    /// registry, the variables and the API's cached values; lines holding a secret stay out of the history.
    func lineEditor(api: APIContext, terminal: Terminal) throws(UsageError) -> EditLineReader {
        let reader = try EditLineReader(historyFile: StateDirectory.url().appendingPathComponent("history"))
        var completer = Completer(registry: interpreter.registry, scope: interpreter.globals)
        completer.sources = APICompletion(api: api).sources.merging(HistoryCompletion(api: api).sources) { api, _ in api }
        let directory = { [interpreter] in interpreter.currentDirectory }
        completer.listDirectory = { path in Completer.directoryEntries(path.hasPrefix("/") ? path : directory() + "/" + path) }
        let output = output
        reader.complete = { line, cursor in
            output.flush()
            return completer.complete(line, cursor: cursor)
        }
        reader.keepsInHistory = { line in
            !SecretLine.holdsSecret(line, environment: ProcessEnvironment.snapshot) && !api.isRevealed(in: line)
        }
        reader.historyText = SecretLine.masked
        reader.columns = { terminal.width }
        interpreter.lineEditor = reader
        return reader
    }

    /// The interactive loop; `noPager` (`--no-pager`) prints tall results instead of paging them.
    func repl(api: APIContext, terminal: Terminal, noPager: Bool) -> REPL {
        let prompt = Prompt(useColor: terminal.useColor(onTerminal: terminal.outputIsTerminal))
        var repl = REPL(interpreter: interpreter, renderer: renderer, reporter: reporter, write: interpreter.write) {
            prompt.text(for: api.summary)
        }
        repl.continuationPrompt = { prompt.continuation(for: api.summary) }
        repl.onEntry = { _ = Interrupts.take() }
        repl.columns = { terminal.width }
        repl.rows = { terminal.height }
        if terminal.outputIsTerminal, !noPager {
            let output = output
            repl.pager = { text in
                output.flush()
                return Pager.show(text)
            }
        }
        let output = output
        interpreter.ask = { question, isSecret in
            output.flush()
            return Terminal.ask(question, isSecret: isSecret)
        }
        return repl
    }
}

/// Buffered stdout: results are written in blocks of up to 64 KiB, and flushed before an error is printed, before
/// the REPL reads a line and at exit, so that output and errors stay in order.
final class StandardOutput {
    private var buffer: [UInt8] = []
    /// Runs before bytes reach the terminal (wipes the progress line).
    var beforeWriting: (() -> Void)?
    /// On a terminal each result shows as soon as it is written; into a pipe or file, blocks are written.
    var flushesEachWrite = false

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if flushesEachWrite || buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        if !buffer.isEmpty { beforeWriting?() }
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { break }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
