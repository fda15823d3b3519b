import APIContract
import Client
import Commands
import Foundation
import Shell

/// `ccsh`, the Connected Car Shell: runs a script file, `-c` source, or stdin when it is not a terminal, and
/// otherwise the interactive shell. Exit statuses are the README's: 0 ok, 1 a command failed, 2 usage or syntax
/// error, 3 login required, 130 interrupted.
@main
struct CCSH {
    static let version = VersionCommand.current

    let options: LaunchOptions

    /// Reads the command line and runs; a bad command line exits 2, as the README says.
    static func main() {
        do {
            finish(try CCSH(options: LaunchOptions(Array(CommandLine.arguments.dropFirst()))).run())
        } catch {
            FileHandle.standardError.write(Data(error.report.utf8))
            finish(ExitStatus.usage)
        }
    }

    /// Ends the process once its output is flushed, skipping the libraries' exit handlers: everything ccsh writes
    /// (results, history, tokens, caches) is written by then, and OpenSSL's and libcurl's clean-up of memory the
    /// kernel is about to take back was a tenth of a one-command run (bench/README.md, first request).
    private static func finish(_ status: Int32) -> Never {
        fflush(nil)
        _exit(status)
    }

    /// Runs what the options ask for and returns the exit status.
    func run() throws(UsageError) -> Int32 {
        switch options.action {
        case .help:
            print(LaunchOptions.help)
            return 0
        case .version:
            print("ccsh \(Self.version)")
            return 0
        case .buildInfo:
            print("ccsh \(Self.version) (\(EditLineReader.libraryVersion), \(CommandRegistry.language().names.count) commands)")
            return 0
        case .manPage:
            print(ManPage.render(version: Self.version), terminator: "")
            return 0
        case .completion(let shell):
            guard let script = CompletionScripts.script(for: shell) else {
                throw UsageError(
                    "--completion: no completion for '\(shell)'; ccsh has them for " + CompletionScripts.shells.joined(separator: ", "),
                    showsUsage: false)
            }
            print(script, terminator: "")
            return 0
        case .run:
            break
        }
        let format = try outputFormat()
        let terminal = Terminal()
        let source: Source?
        var arguments = options.script
        if let command = options.command {
            source = Source(name: "-c", text: command)
        } else if let path = arguments.first, path != "-" {
            arguments.removeFirst()
            source = Source(name: path, text: try Self.readScript(path, words: options.script))
        } else if arguments.first == "-" || !terminal.inputIsTerminal {
            arguments = Array(arguments.dropFirst())
            source = Source(name: "<stdin>", text: String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self))
        } else {
            source = nil
            try EditLineReader.loadLibrary()
        }
        let local: LocalSandbox?
        let api: APIContext
        if options.sandbox, options.profile != nil { throw UsageError("--sandbox uses its own profile; leave out --profile", showsUsage: false) }
        let version = try options.apiVersion.map { text throws(UsageError) in
            guard let version = APIVersion(rawValue: text) else {
                throw UsageError("--api-version: '\(text)' is not an API version ccsh speaks (4.0 or 4.17)", showsUsage: false)
            }
            return version
        }
        do {
            local = options.sandbox ? try LocalSandbox() : nil
            api = try Self.apiContext(local: local, profile: options.profile)
        } catch {
            ErrorReporter(printer: terminal.diagnosticPrinter) { text in
                FileHandle.standardError.write(Data(text.utf8))
            }.report(ShellError.wrapping(error))
            return ShellError.wrapping(error).exitStatus
        }
        api.apiVersionOverride = version
        api.verbose = options.verbose
        if options.verbose {
            // One write per exchange: fan-out workers trace from their own threads.
            api.trace = { event in FileHandle.standardError.write(Data((event.description + "\n").utf8)) }
        }
        let shell = ShellSetup(terminal: terminal, format: format, showsAllColumns: options.wide, arguments: arguments, api: api)
        Interrupts.install()
        let status: Int32
        if let source {
            status = shell.scriptRunner(keepGoing: options.keepGoing).run(source)
        } else {
            var reader = try shell.lineEditor(api: api, terminal: terminal)
            status = shell.repl(api: api, terminal: terminal, noPager: options.noPager).run(reader: &reader)
        }
        shell.output.flush()
        // What background listeners acknowledged and nobody read goes to a file before the process ends.
        for note in ListenerShutdown.stopAll(api) { FileHandle.standardError.write(Data((note + "\n").utf8)) }
        api.recordUsage()
        local?.stop()
        // Ends here, not by returning: that would release the session — a polite TLS close and libcurl's and
        // OpenSSL's clean-up — a moment before the process ends anyway (the line editor, which restores the
        // terminal, is released above).
        Self.finish(Interrupts.isSettled ? status : Interrupts.endingSignal.map { 128 + $0 } ?? status)
    }

    /// The API commands' context: on the bundled sandbox (logged in already), or on the chosen config.toml
    /// profile, opened when a command first needs it — so a missing or broken config only fails API commands.
    private static func apiContext(local: LocalSandbox?, profile: String?) throws -> APIContext {
        let environment = ProcessEnvironment.snapshot
        let state = StateDirectory.url(environment: environment)
        if let local {
            let tokens = local.stateDirectory.appendingPathComponent("tokens")
            let api = APIContext(
                session: try local.login(tokenDirectory: tokens, cancellation: Interrupts.cancellation),
                cacheDirectory: local.stateDirectory.appendingPathComponent("cache"))
            api.profiles = ProfileBook(
                configFile: Configuration.path(environment: environment), tokenDirectory: tokens, environment: environment,
                sandbox: (local.profile, local.clientSecret))
            api.profiles?.cancellation = Interrupts.cancellation
            return api
        }
        let book = ProfileBook(
            configFile: Configuration.path(environment: environment), tokenDirectory: TokenStore.defaultDirectory(environment: environment),
            environment: environment)
        book.cancellation = Interrupts.cancellation
        let name = profile ?? environment["CCSH_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        let api = APIContext(profile: name, cacheDirectory: state.appendingPathComponent("cache")) {
            try book.open(try book.selected(flag: profile), ask: Terminal().inputIsTerminal ? { Terminal.ask($0, isSecret: true) } : nil)
        }
        api.profiles = book
        return api
    }

    private func outputFormat() throws(UsageError) -> OutputFormat? {
        guard let output = options.output else { return nil }
        guard let format = OutputFormat(rawValue: output) else {
            throw UsageError(
                "unknown output format '\(output)'; use one of: " + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "), showsUsage: false)
        }
        return format
    }

    /// The script at `path`; `words` is the whole command line after the options, for the hint when `path` names
    /// a command (`ccsh vehicles` meant `ccsh -c vehicles`).
    private static func readScript(_ path: String, words: [String]) throws(UsageError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            if !exists, !path.contains("/"), CommandRegistry.offline().command(named: path) != nil {
                let line = words.map { $0.contains(" ") || $0.contains("'") ? "\"\($0)\"" : $0 }.joined(separator: " ")
                throw UsageError(
                    "'\(path)' is a command, not a script file\nhint: run a command line with -c: `ccsh -c '\(line)'` "
                        + "(`ccsh --sandbox -c '\(line)'` on the bundled sandbox)", showsUsage: false)
            }
            let reason = exists ? "permission denied or a directory" : "no such file"
            throw UsageError("cannot read script '\(path)': \(reason)", showsUsage: false)
        }
        guard let text = String(validating: Array(data), as: UTF8.self) else {
            throw UsageError("script '\(path)' is not UTF-8 text", showsUsage: false)
        }
        return text
    }
}
