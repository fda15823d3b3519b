import Foundation
import TestSupport
import Testing

/// Errors that fit: a failed request names what was asked in words (`alert f46b25…fba5 of C5 Aircross Hybrid
/// 225`), with a hint that matches the cause; the full path only with `--verbose`; on an 80- and a 160-column
/// pseudo-terminal, no id longer than its short form.
@Suite(.serialized) struct ErrorWordsTests {
    static let bogusAlert = "f46b25" + String(repeating: "0", count: 119) + "fba5"
    static let bogusTrip = String(repeating: "a", count: 41)

    func run(_ source: String, columns: UInt16, arguments: [String] = []) throws -> String {
        let home = ViewScreenTests.Home()
        let ccsh = try #require(Executables.url(for: "ccsh"))
        let run = try PseudoTerminal.run(
            ccsh, ["--sandbox", "--keep-going"] + arguments + ["-c", source], environment: home.environment, columns: columns, rows: 40)
        #expect(run.status == 1, "\(run.screen)")
        return run.screen.replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test("the resource in words, the hint that fits, no long id", arguments: [80, 160] as [UInt16])
    func inWords(columns: UInt16) throws {
        let screen = try run(
            "alert 0 \(Self.bogusAlert); trip 2 \(Self.bogusTrip); set api-version 4.17; callbacks show \(Self.bogusTrip); api GET /user/nothing; "
                + "api GET /user/vehicles/\(Self.bogusTrip)/trips",
            columns: columns)
        #expect(screen.contains("error: alert f46b25…fba5 of C5 Aircross Hybrid 225 → 404: Not Found"), "\(screen)")
        #expect(screen.contains("hint: `alerts 0` lists the alerts of C5 Aircross Hybrid 225"), "\(screen)")
        #expect(screen.contains("error: trip aaaaaa…aaaa of Mokka-e GS Line → 404"), "\(screen)")
        #expect(screen.contains("hint: `trips 2` lists the trips of Mokka-e GS Line"), "\(screen)")
        #expect(screen.contains("error: callback aaaaaa…aaaa → 404"), "\(screen)")
        #expect(screen.contains("hint: `callbacks` lists the account's callbacks"), "\(screen)")
        #expect(screen.contains("error: GET /user/nothing → 404"), "`api` names its path as written: \(screen)")
        #expect(screen.contains("hint: check the path: the API has no such endpoint"), "\(screen)")
        #expect(screen.contains("hint: no vehicle of this account has that id: `vehicles` lists them"), "a vehicle id not listed: \(screen)")
        // What ccsh writes before the API's own message (which may quote the id it did not find).
        let named = screen.split(separator: "\n").filter { $0.contains(" error: ") }.map { $0.split(separator: "→").first ?? $0 }
        #expect(named.count == 5 && named.prefix(4).allSatisfy { $0.firstMatch(of: /[0-9a-f]{24,}/) == nil }, "no long id: \(named)")
        // The script's line and its caret: one screen line each, however long the line.
        let echoed = screen.split(separator: "\n").filter { $0.hasPrefix("  ") }
        #expect(echoed.count == 10 && echoed.allSatisfy { $0.count <= Int(columns) }, "the line and caret fit: \(echoed)")
    }

    @Test("--verbose names the request by its path")
    func verbose() throws {
        let screen = try run("alert 0 \(Self.bogusAlert)", columns: 160, arguments: ["--verbose"])
        #expect(screen.contains("error: GET /user/vehicles/227b04"), "\(screen)")
        #expect(screen.contains("/alerts/\(Self.bogusAlert) → 404"), "\(screen)")
    }
}
