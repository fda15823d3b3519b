/// Reads the REPL's input a line at a time. The libedit reader (history, completion) lives in the executable,
/// the only place that imports CEdit; tests and plain terminals use simpler readers.
package protocol LineReader {
    /// The next line without its newline, or nil at the end of input (Ctrl-D).
    mutating func readLine(prompt: String) -> String?
}
