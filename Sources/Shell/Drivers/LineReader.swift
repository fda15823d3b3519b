/// What reading a line gave: the line (without its newline), Ctrl-C (the line is dropped), or the end of input.
package enum LineInput: Equatable, Sendable {
    case line(String)
    case interrupted
    case end
}

/// Reads the REPL's input a line at a time. The libedit reader (history, completion) lives in the executable,
/// the only place that imports CEdit; tests and plain terminals use simpler readers.
package protocol LineReader {
    /// The next line without its newline, or nil at the end of input (Ctrl-D).
    mutating func readLine(prompt: String) -> String?
    /// The next line, or why there is none; readers that can tell Ctrl-C from the end of input say so.
    mutating func read(prompt: String) -> LineInput
}

extension LineReader {
    package mutating func read(prompt: String) -> LineInput { readLine(prompt: prompt).map(LineInput.line) ?? .end }
}

/// What commands may ask of the interactive line editor (`history`, `set editor`); scripts have none.
package protocol LineEditing: AnyObject {
    /// The history, oldest first.
    var entries: [String] { get }
    /// `emacs` or `vi` key bindings.
    func setEditor(_ mode: String)
}
