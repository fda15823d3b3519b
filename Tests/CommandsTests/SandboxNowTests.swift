import Foundation
import TestSupport
import Testing

/// The sandbox's now is now: a freshly started `ccsh --sandbox` has a history that ends at the machine's now (ages
/// in hours, the README's `--since 30d` finds trips), and ccsh counts ages from the server's `Date` header, so a
/// sandbox moved a day ahead still reads right. `--epoch` (`$CCSH_SANDBOX_EPOCH`) pins it.
@Suite(.serialized) struct SandboxNowTests {
    /// A fresh state directory, as a new user's; no `CCSH_NOW`, no pinned epoch.
    final class Home {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-now-\(UUID().uuidString)")
        deinit { try? FileManager.default.removeItem(at: root) }

        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            [
                "PATH": "/usr/bin:/bin", "HOME": root.path, "XDG_STATE_HOME": root.path, "LANG": "C.UTF-8", "NO_COLOR": "1", "TZ": "UTC",
                "CCSH_SANDBOX": Executables.url(for: "ccsh-sandbox")?.path ?? "",
            ].merging(extra) { $1 }
        }

        func screen(_ source: String, columns: UInt16, _ extra: [String: String] = [:]) throws -> String {
            let ccsh = try #require(Executables.url(for: "ccsh"))
            let run = try PseudoTerminal.run(ccsh, ["--sandbox", "-c", source], environment: environment(extra), columns: columns, rows: 50)
            #expect(run.status == 0, "\(run.screen)")
            return run.screen.replacingOccurrences(of: "\r\n", with: "\n")
        }
    }

    /// The ages a screen shows (`3 h ago`, `12 min ago`, `2 d ago`), as their units.
    static func ageUnits(_ screen: String) -> [String] {
        screen.matches(of: /(\d+) (s|min|h|d|w|mo|y) ago/).map { String($0.2) }
    }

    @Test("a fresh sandbox: the status card's ages are minutes or hours, and trips --since 30d finds trips", arguments: [80, 160] as [UInt16])
    func fresh(columns: UInt16) throws {
        let home = Home()
        let screen = try home.screen("status 0; print '=== count'; trips 0 --since 30d | count", columns: columns)
        let ages = Self.ageUnits(screen)
        #expect(!ages.isEmpty, "the card shows ages: \(screen)")
        #expect(ages.allSatisfy { ["s", "min", "h"].contains($0) }, "ages of a fresh sandbox are hours, not weeks: \(ages)\n\(screen)")
        let count = screen.components(separatedBy: "=== count\n").last?.split(separator: "\n").first.flatMap { Int($0) } ?? 0
        #expect(count > 0, "trips in the last 30 days: \(screen)")
    }

    @Test("a sandbox moved a day ahead: what was made a moment ago reads as seconds, not as in a day", arguments: [80, 160] as [UInt16])
    func advanced(columns: UInt16) throws {
        let home = Home()
        let screen = try home.screen(
            "sandbox advance 1d | get scale; "
                + "let m = (monitors create 0 --label ahead --callback https://my.dn/now --data low:vehicle.energy.electric.level:lt:20); "
                + "print '=== card'; monitors show 0 $m.monitorId",
            columns: columns)
        let card = screen.components(separatedBy: "=== card\n").last ?? ""
        #expect(card.contains("ahead"), "\(screen)")
        #expect(!card.contains("in 1 d") && !card.contains("in 23 h"), "counted from the server's now: \(card)")
        #expect(card.contains("just now") || Self.ageUnits(card).contains { $0 == "s" || $0 == "min" }, "\(card)")
    }

    @Test("--epoch pins the world: the same history on any day")
    func pinned() throws {
        let epoch = ["CCSH_SANDBOX_EPOCH": "2026-11-01T00:00:00Z", "CCSH_SANDBOX_TIME_SCALE": "0"]
        let first = try Home().screen("trips 0 | first | get startedAt", columns: 100, epoch)
        let second = try Home().screen("trips 0 | first | get startedAt", columns: 100, epoch)
        #expect(first == second)
        #expect(first.hasPrefix("2026-10-31T"), "the last trip before the pinned epoch: \(first)")
    }
}
