import ArgumentParser
import Client
import Commands
import Foundation
import Shell

/// `ccsh`, the Connected Car Shell: runs a script file, `-c` source, or stdin when it is not a terminal, and
/// otherwise the interactive shell. Exit statuses are the README's: 0 ok, 1 a command failed, 2 usage or syntax
/// error, 3 login required, 130 interrupted.
@main
struct CCSH: ParsableCommand {
    static let version = VersionCommand.current

    static let configuration = CommandConfiguration(
        commandName: "ccsh",
        abstract: "The Connected Car Shell: a scriptable REPL for the Stellantis Connected Car v4 API.",
        usage: "ccsh [options] [FILE [ARGS...]]\n  ccsh [options] -c SOURCE [ARGS...]",
        version: "ccsh \(version)")

    @Option(name: .customShort("c"), help: ArgumentHelp("Run SOURCE instead of a file.", valueName: "SOURCE"))
    var command: String?

    @Option(help: "Result format: table, json, ndjson, csv or yaml (default: table on a terminal, JSON otherwise).")
    var output: String?

    @Flag(help: "Start the bundled API sandbox, log in to it, and stop it on exit.")
    var sandbox = false

    @Option(help: ArgumentHelp("The config.toml profile to use (default: $CCSH_PROFILE, else default_profile).", valueName: "NAME"))
    var profile: String?

    @Flag(help: "Go on after a failed statement; the exit status is the first failure's.")
    var keepGoing = false

    @Flag(help: "Print the libraries ccsh was built with.")
    var buildInfo = false

    @ArgumentParser.Argument(
        parsing: .captureForPassthrough, help: ArgumentHelp("A script to run, and the arguments it sees as $args.", valueName: "FILE [ARGS...]"))
    var script: [String] = []

    /// Parses the command line with swift-argument-parser, but exits 2 (not 64) on bad usage, as the README says.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(ExitStatus.usage)
        }
    }

    func run() throws {
        if buildInfo {
            print("ccsh \(Self.version) (\(EditLineReader.libraryVersion), \(CommandRegistry.language().names.count) commands)")
            return
        }
        // Options after the first argument belong to the script, so the parser hands these over unparsed.
        switch script.first {
        case "--version":
            return print("ccsh \(Self.version)")
        case "--help", "-h":
            return print(Self.helpMessage())
        case let first? where first.hasPrefix("-") && first != "-":
            throw ValidationError("unknown option '\(first)'")
        default:
            break
        }
        let format = try outputFormat()
        let terminal = Terminal()
        let source: Source?
        var arguments = script
        if let command {
            source = Source(name: "-c", text: command)
        } else if let path = arguments.first, path != "-" {
            arguments.removeFirst()
            source = Source(name: path, text: try Self.readScript(path))
        } else if arguments.first == "-" || !terminal.inputIsTerminal {
            arguments = Array(arguments.dropFirst())
            source = Source(name: "<stdin>", text: String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self))
        } else {
            source = nil
        }
        let local: LocalSandbox?
        let api: APIContext
        do {
            if sandbox, profile != nil { throw ValidationError("--sandbox uses its own profile; leave out --profile") }
            local = sandbox ? try LocalSandbox() : nil
            api = try Self.apiContext(local: local, profile: profile)
        } catch let error as ValidationError {
            throw error
        } catch {
            ErrorReporter(printer: DiagnosticPrinter(useColor: terminal.useColor(onTerminal: terminal.errorIsTerminal))) { text in
                FileHandle.standardError.write(Data(text.utf8))
            }.report(ShellError.wrapping(error))
            throw ExitCode(ShellError.wrapping(error).exitStatus)
        }
        defer { local?.stop() }
        let shell = ShellSetup(terminal: terminal, format: format, arguments: arguments, api: api)
        Interrupts.install()
        defer { shell.output.flush() }
        let status: Int32
        if let source {
            status = shell.scriptRunner(keepGoing: keepGoing).run(source)
        } else {
            var reader = shell.lineEditor(api: api, terminal: terminal)
            status = shell.repl(api: api, terminal: terminal).run(reader: &reader)
        }
        throw ExitCode(Interrupts.endingSignal.map { 128 + $0 } ?? status)
    }

    /// The API commands' context: on the bundled sandbox (logged in already), or on the chosen config.toml
    /// profile, opened when a command first needs it — so a missing or broken config only fails API commands.
    private static func apiContext(local: LocalSandbox?, profile: String?) throws -> APIContext {
        let environment = ProcessInfo.processInfo.environment
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

    private func outputFormat() throws -> OutputFormat? {
        guard let output else { return nil }
        guard let format = OutputFormat(rawValue: output) else {
            throw ValidationError("unknown output format '\(output)'; use one of: " + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return format
    }

    private static func readScript(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or a directory" : "no such file"
            throw ValidationError("cannot read script '\(path)': \(reason)")
        }
        guard let text = String(validating: Array(data), as: UTF8.self) else { throw ValidationError("script '\(path)' is not UTF-8 text") }
        return text
    }
}
