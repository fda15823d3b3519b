import Client
import Foundation

/// Pages a result taller than the terminal at the interactive prompt: `$PAGER` (run by `/bin/sh`, as git and man
/// do), else `less -FRX` (quit at once when it fits, keep colors, leave the text on the screen). Never in scripts:
/// only the REPL asks it.
enum Pager {
    /// Shows `text` through the pager and waits for it; false when no pager could be started.
    static func show(_ text: String, environment: [String: String] = ProcessEnvironment.snapshot) -> Bool {
        let process = Process()
        if let command = environment["PAGER"], !command.trimmingCharacters(in: .whitespaces).isEmpty {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
        } else {
            guard let less = ["/usr/bin/less", "/bin/less"].first(where: FileManager.default.isExecutableFile(atPath:)) else { return false }
            process.executableURL = URL(fileURLWithPath: less)
            process.arguments = ["-FRX"]
        }
        let input = Pipe()
        process.standardInput = input
        do { try process.run() } catch { return false }
        // A pager that quits before reading everything (q in less) closes the pipe: the rest is dropped, and the
        // broken pipe is an error of that write rather than a signal that would end the shell.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        let handle = input.fileHandleForWriting
        try? handle.write(contentsOf: Data(text.utf8))
        try? handle.close()
        process.waitUntilExit()
        return true
    }
}
