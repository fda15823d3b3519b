import Client
import Foundation
import Shell

/// What the process is attached to: whether stdin and stdout are terminals, whether to use color (`NO_COLOR`,
/// `TERM=dumb`), and how wide stdout is.
struct Terminal {
    let inputIsTerminal = isatty(STDIN_FILENO) == 1
    let outputIsTerminal = isatty(STDOUT_FILENO) == 1
    let errorIsTerminal = isatty(STDERR_FILENO) == 1

    /// Color on a terminal unless `NO_COLOR` is set (to anything) or the terminal is dumb (no-color.org).
    func useColor(onTerminal isTerminal: Bool) -> Bool {
        let environment = ProcessEnvironment.snapshot
        return isTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// Columns of stdout: `COLUMNS`, else the terminal's size, else 120.
    var width: Int {
        if let columns = ProcessEnvironment.snapshot["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        if outputIsTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 120
    }

    /// How errors print on stderr: in color unless `NO_COLOR`, and at a terminal with a script's long line cut to
    /// fit its width.
    var diagnosticPrinter: DiagnosticPrinter {
        let useColor = useColor(onTerminal: errorIsTerminal)
        return errorIsTerminal ? .forTerminal(columns: width, useColor: useColor) : DiagnosticPrinter(useColor: useColor)
    }

    /// Rows of the terminal (`LINES`, else its size, else 40), for pictures sized to the window.
    var height: Int {
        if let rows = ProcessEnvironment.snapshot["LINES"].flatMap(Int.init), rows > 0 { return rows }
        var size = winsize()
        if outputIsTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        return 40
    }

    /// Writes `question` to stderr and reads a line from stdin; with `isSecret`, terminal echo is off while the
    /// user types (a password never shows, nor lands in history). Nil at the end of input.
    static func ask(_ question: String, isSecret: Bool) -> String? {
        var saved = termios()
        let hidden = isSecret && tcgetattr(STDIN_FILENO, &saved) == 0
        if hidden {
            // Echo goes off before the question shows, so that nothing typed after it can echo.
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        }
        FileHandle.standardError.write(Data(question.utf8))
        defer {
            if hidden {
                tcsetattr(STDIN_FILENO, TCSANOW, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
        }
        return Swift.readLine(strippingNewline: true)
    }
}
