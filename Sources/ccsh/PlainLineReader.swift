import Foundation
import Shell

/// Reads REPL lines from a terminal without line editing (prompt, then `readLine`). The libedit reader with
/// history and completion replaces it in the REPL issue.
struct PlainLineReader: LineReader {
    let output: StandardOutput

    mutating func readLine(prompt: String) -> String? {
        output.write(prompt)
        output.flush()
        return Swift.readLine(strippingNewline: true)
    }
}
