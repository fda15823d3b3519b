/// Prints errors the way every driver does: with a place (`file:line:col`, the line, a caret, a hint) when the
/// error has one, else `error: message` and the hint; syntax errors also print the others found with them.
package struct ErrorReporter {
    package var printer: DiagnosticPrinter
    package var write: (String) -> Void

    package init(printer: DiagnosticPrinter, write: @escaping (String) -> Void) {
        self.printer = printer
        self.write = write
    }

    package func report(_ error: ShellError) {
        for each in [error] + error.related { write(format(each) + "\n") }
    }

    package func format(_ error: ShellError) -> String {
        if error.code == .interrupted { return (["interrupted"] + [error.hint.map(printer.format(hint:))].compactMap { $0 }).joined(separator: "\n") }
        if let range = error.range, let source = error.source {
            return printer.format(message: error.message, hint: error.hint, range: range, in: error.concealed.map(source.masking) ?? source)
        }
        return printer.format(message: error.message, hint: error.hint)
    }
}
