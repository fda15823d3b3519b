import ArgumentParser
import Commands

/// `ccsh`, the Connected Car Shell. The language, the REPL and the API commands arrive with their issues; this
/// build ships the sandbox (`ccsh-sandbox`) and says so instead of pretending to be a shell.
@main
struct CCSH: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccsh",
        abstract: "The Connected Car Shell: a scriptable REPL for the Stellantis Connected Car v4 API.",
        version: "0.1.0-dev")

    @Flag(help: "Print the libraries ccsh was built with.")
    var buildInfo = false

    func run() throws {
        if buildInfo {
            print("ccsh 0.1.0-dev (\(EditLineReader.libraryVersion), \(CommandCatalog.names.count) commands)")
            return
        }
        throw ValidationError(
            "the shell is not built yet; this version ships the API sandbox: run `ccsh-sandbox --help` or `make demo`")
    }
}
