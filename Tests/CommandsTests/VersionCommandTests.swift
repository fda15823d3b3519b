import Testing

@testable import Commands

/// `version`: ccsh's own version (the one `ccsh --version` prints) and the libraries the process runs with.
struct VersionCommandTests {
    @Test("version gives ccsh's version and the running libcurl and TLS library")
    func version() throws {
        let shell = try ShellHarness()
        let record = try #require(try shell.run("version").recordValue)
        #expect(record["ccsh"] == .string(VersionCommand.current))
        let curl = try #require(record["libcurl"]?.text)
        #expect(curl.split(separator: ".").count == 3 && curl.first?.isNumber == true, "\(curl)")
        #expect(record["tls"]?.text.isEmpty == false)
    }
}
