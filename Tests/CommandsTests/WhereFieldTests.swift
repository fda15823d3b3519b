import Shell
import Testing

/// `where` on a field no row has is an error with a did-you-mean, once every row was read (a misspelt field kept no
/// row, silently, while `select` and `sort-by` reported it).
@Suite struct WhereFieldTests {
    @Test("a misspelt field: an error at the name, with the field meant")
    func misspelt() throws {
        let shell = try ShellHarness()
        let error = try #require(shell.failure("[{level: 1}, {level: 30}] | where levle < 20"))
        #expect(error.message == "no row has a field 'levle'")
        #expect(error.hint == "did you mean 'level'?")
        #expect(error.range == SourceRange(34, 39))
    }

    @Test("a field some row has, an empty input, a bare word on the right, and `first` stopping early are no error")
    func noError() throws {
        let shell = try ShellHarness()
        #expect(try shell.run("[{a: 1}, {b: 2}] | where b == 2") == [["b": 2] as Value])
        #expect(try shell.run("[] | where x == 1") == [])
        #expect(try shell.run("[{s: parked}] | where s == parked | count") == 1)
        #expect(try shell.run("[{a: 1}, {a: 2}] | where a > 0 | first") == ["a": 1])
        #expect(shell.failure("[{a: 1}] | where zzz == 1")?.hint == "the rows' fields: a")
    }
}
