import Foundation
import TestSupport
import Testing

/// What you see is what you can type: on an 80- and a 160-column pseudo-terminal, the number a table shows beside
/// an item and the short id it shows, typed back, name that same item — for vehicles (also in a filtered table),
/// alerts, trips, monitors and, on API 4.17, alarms, callbacks and remote actions.
@Suite(.serialized) struct ReferenceScreenTests {
    /// One kind of item: how to list it, how to ask for one (`%@` is the reference), the field holding its id,
    /// and what must exist first.
    struct Kind {
        var name: String
        var setup = ""
        var list: String
        var one: String
        var idField = "id"
    }

    static let monitor = "monitors create 0 --callback https://my.dn/ref --data low:vehicle.energy.electric.level:lt:20"
    static let kinds: [Kind] = [
        Kind(name: "alert", list: "alerts 0 | first 5", one: "alert 0 %@"),
        Kind(name: "trip", list: "trips 0 | first 5", one: "trip 0 %@"),
        Kind(
            name: "monitor", setup: "let a = (\(monitor) --label one); let b = (\(monitor) --label two); let c = (\(monitor) --label three);",
            list: "monitors 0", one: "monitors show 0 %@"),
        Kind(name: "alarm", setup: "set api-version 4.17;", list: "alarms 0 | first 5", one: "alarm 0 %@"),
        Kind(
            name: "callback",
            setup: "set api-version 4.17; let a = (callbacks create --label one --target https://my.dn/1); "
                + "let b = (callbacks create --label two --target https://my.dn/2); let c = (callbacks create --label three --target https://my.dn/3);",
            list: "callbacks", one: "callbacks show %@"),
        Kind(
            name: "remote action",
            setup: "set api-version 4.17; let a = (remote 0 horn --no-wait); let b = (remote 0 lights --no-wait); let c = (remote 0 horn --no-wait);",
            list: "remotes 0", one: "remotes show 0 %@", idField: "remoteActionId"),
    ]

    /// The table's line for row `number` (`  2 │ …`).
    static func row(_ number: Int, in lines: [String]) -> String? {
        lines.first { $0.drop { $0 == " " }.hasPrefix("\(number) │") }
    }

    /// The short id a table line shows (`f46b25…fba4`), if its id column is on screen.
    static func shortID(in line: String) -> (head: String, tail: String)? {
        guard let match = line.firstMatch(of: /([0-9a-z]{6,})…([0-9a-z]{4})/) else { return nil }
        return (String(match.1), String(match.2))
    }

    /// The screen's lines, split at `print "=== …"` markers.
    static func sections(_ screen: String) -> [String: [String]] {
        var sections: [String: [String]] = [:]
        var current = ""
        for line in screen.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("=== ") {
                current = String(line.dropFirst(4))
            } else {
                sections[current, default: []].append(line)
            }
        }
        return sections
    }

    @Test("for each kind, the number beside a row and the short id it shows, typed back, give that row's item", arguments: kinds.indices)
    func typedBack(kind index: Int) throws {
        let kind = Self.kinds[index]
        let home = ViewScreenTests.Home()
        for columns in [80, 160] as [UInt16] {
            // The table, then the item typed back by number, then the row's own id from the listing as data.
            let one = kind.one.replacingOccurrences(of: "%@", with: "2")
            let source =
                "\(kind.setup) print '=== table'; \(kind.list); print '=== typed'; \(one) | get \(kind.idField); "
                + "print '=== data'; \(kind.list) | nth 2 | get \(kind.idField)"
            let run = try home.run(source, columns: columns)
            #expect(run.status == 0, "\(kind.name) at \(columns): \(run.screen)")
            let sections = Self.sections(run.screen)
            let table = sections["table"] ?? []
            let typed = sections["typed"]?.first { !$0.isEmpty } ?? ""
            let data = sections["data"]?.first { !$0.isEmpty } ?? ""
            #expect(!data.isEmpty && typed == data, "\(kind.name) at \(columns): 2 typed back gives \(typed), row 2 is \(data)\n\(run.screen)")
            let line = try #require(Self.row(2, in: table), "\(kind.name) at \(columns): no row 2 in\n\(table.joined(separator: "\n"))")
            guard let short = Self.shortID(in: line) else {
                #expect(columns == 80, "\(kind.name): the id column shows at 160 columns: \(line)")
                continue
            }
            #expect(data.hasPrefix(short.head) && data.hasSuffix(short.tail), "\(kind.name): row 2 shows \(short), its id is \(data)")
            // The short form as shown, with three dots, and its head alone: each names that item.
            for written in ["\(short.head)…\(short.tail)", "\(short.head)...\(short.tail)", short.head] {
                let back = try home.run(
                    (kind.setup.hasPrefix("set") ? "set api-version 4.17; " : "")
                        + kind.one.replacingOccurrences(of: "%@", with: "'\(written)'") + " | get \(kind.idField)", columns: columns)
                let text = back.screen.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(back.status == 0 && text == data, "\(kind.name): \(written) typed back gives \(text)")
            }
        }
    }

    @Test("a filtered vehicle table numbers each car by its place in the account: the number shown names the car shown")
    func filteredVehicles() throws {
        let home = ViewScreenTests.Home()
        for columns in [80, 160] as [UInt16] {
            let run = try home.run(
                #"vehicles | first 0; print '=== table'; vehicles | where brand == "Opel"; print '=== typed'; vehicle 2 | get label"#,
                columns: columns)
            #expect(run.status == 0, "\(run.screen)")
            let sections = Self.sections(run.screen)
            let line = try #require(Self.row(2, in: sections["table"] ?? []), "\(run.screen)")
            #expect(line.contains("Mokka-e GS Line"), "the Opel is number 2, as in the full listing: \(line)")
            #expect(Self.row(0, in: sections["table"] ?? []) == nil, "no row 0 in the filtered table")
            #expect(sections["typed"]?.contains("Mokka-e GS Line") == true, "\(run.screen)")
        }
    }

    @Test("what changes a car names it at a terminal: monitors create, pause, delete; --dry-run shows it", arguments: [80, 160] as [UInt16])
    func namesTheCar(columns: UInt16) throws {
        let home = ViewScreenTests.Home()
        let run = try home.run(
            "let m = (monitors create 2 --callback https://my.dn/ref --data low:vehicle.energy.electric.level:lt:20 --label named); "
                + "monitors pause 2 $m.monitorId | count; monitors delete 2 $m.monitorId --yes | count; "
                + "monitors create 1 --label dry --callback https://my.dn/x --data low:vehicle.energy.electric.level:lt:20 --dry-run | get vehicle.vin",
            columns: columns)
        let screen = run.screen.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(run.status == 0, "\(screen)")
        #expect(screen.contains("monitors create → Mokka-e GS Line · VXKUKZKXZSS015880"), "\(screen)")
        #expect(screen.contains("monitors pause → Mokka-e GS Line · VXKUKZKXZSS015880"), "\(screen)")
        #expect(screen.contains("monitors delete → Mokka-e GS Line · VXKUKZKXZSS015880"), "\(screen)")
        #expect(screen.contains("VR7ACZKXZNK007961"), "--dry-run names the car: \(screen)")
    }

    @Test("a number no table showed, and a number past the table, are errors that say so; never another item")
    func missingNumbers() throws {
        let home = ViewScreenTests.Home()
        let none = try home.run("alert 0 1", columns: 100)
        #expect(none.status == 2, "a usage error: no table to read the number from")
        #expect(none.screen.contains("no table of alerts was shown, so 1 names none"), "\(none.screen)")
        let past = try home.run("alerts 0 | first 2; alert 0 7", columns: 100)
        #expect(past.status == 1)
        #expect(past.screen.contains("no alert numbered 7 in the last table: it had 2"), "\(past.screen)")
        let vehicle = try home.run("vehicle 7", columns: 100)
        #expect(vehicle.status == 1)
        #expect(vehicle.screen.contains("no vehicle at position 7"), "\(vehicle.screen)")
    }
}
