import Commands
import Shell
import TestSupport
import Testing

/// Screen and data agree: a column that shows one field shows the API's own word (`Warning`, `Failed`), so a
/// condition written as the table reads finds those rows; and a view's column titles are accepted by `select`,
/// `where`, `sort-by` and `get` for the field they show (`target` of a callback).
@Suite(.sandbox("--vehicles", "2"), .serialized)
struct ScreenDataTests {
    @Test("the alert table shows the API's severity word, and where on it finds exactly the rows shown with it")
    func enumWords() throws {
        let shell = try APIShell()
        let alerts = try shell.run("alerts 0 | first 10")
        let table = TableRenderer(shell.shell.interpreter.presentation).render(alerts)
        let shownWarnings = table.split(separator: "\n").filter { $0.contains("│ Warning") }.count
        #expect(shownWarnings > 0, "\(table)")
        #expect(!table.contains("│ warning"), "\(table)")
        #expect(try shell.run(#"alerts 0 | first 10 | where severity == "Warning" | count"#) == .int(shownWarnings))
    }

    @Test("a callback's `target` column is a name select, where, sort-by and get accept")
    func columnAliases() throws {
        let shell = try APIShell()
        shell.api.apiVersionOverride = .v417
        _ = try shell.run("callbacks create --label b --target https://my.dn/b")
        _ = try shell.run("callbacks create --label a --target https://my.dn/a")
        #expect(try shell.run(#"callbacks | where label == b | get target"#) == ["https://my.dn/b"])
        #expect(try shell.run(#"callbacks | where target =~ "my.dn/a" | get label"#) == ["a"])
        #expect(try shell.run(#"callbacks | where target =~ "my.dn" | sort-by target | get label"#) == ["a", "b"])
        #expect(try shell.run(#"callbacks | where label == a | select target label"#) == [["target": "https://my.dn/a", "label": "a"] as Value])
        #expect(try shell.run(#"callbacks | where label == a | first | get target"#) == "https://my.dn/a")
    }
}
