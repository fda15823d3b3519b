import APIContract
import Commands
import Foundation
import Shell
import TestSupport
import Testing

/// TAB's API sources against the sandbox, through the real client: the monitors of the vehicle on the line,
/// `set` values, telemetry types; and, on a slow server, a note that the listing is loading instead of a wait.
@Suite(.sandbox("--vehicles", "3"), .serialized)
struct APICompletionTests {
    static func completer(_ shell: APIShell) -> Completer {
        var completer = Completer(registry: shell.shell.interpreter.registry, scope: shell.shell.interpreter.globals)
        completer.sources = APICompletion(api: shell.api).sources
        return completer
    }

    @Test("monitors show/delete/update REF <TAB>: the monitors of that vehicle, with label and status")
    func monitorIDs() throws {
        let shell = try APIShell()
        let created = try shell.run(#"monitors create 1 --label "Garé ✓" --callback https://my.dn/cb --data low:vehicle.energy.electric.level:lt:20"#)
        let id = try #require(created.recordValue?["id"]?.text ?? created.recordValue?["monitorId"]?.text, "\(created)")
        let completer = Self.completer(shell)
        for line in ["monitors show 1 ", "monitors delete --yes 1 ", "monitors update 1 ", "monitors pause 1 "] {
            let completion = completer.complete(line, cursor: line.utf8.count)
            #expect(completion.candidates.map(\.text) == [id], "\(line): \(completion)")
            #expect(completion.candidates.first?.display == "\(id)  Garé ✓", "\(line)")
            #expect(completion.candidates.first?.description == "Running")
        }
        let prefix = "monitors show 1 " + id.prefix(4)
        #expect(completer.complete(prefix, cursor: prefix.utf8.count).replacement == id + " ")
        let other = "monitors show 0 "
        #expect(completer.complete(other, cursor: other.utf8.count).candidates.allSatisfy { $0.text != id }, "not another vehicle's")
    }

    @Test("4.17: callbacks show <TAB> lists the callbacks; monitors show REF <TAB> the vehicle's monitors across its callbacks")
    func callbackIDs() throws {
        let shell = try APIShell()
        shell.api.apiVersionOverride = .v417
        let callback = try shell.run("callbacks create --label Maison --target https://my.dn/417 | get callbackId").text
        let monitor = try shell.run(
            "monitors create 2 --callback-id \(callback) --label Garé --data low:vehicle.energy.electric.level:lt:20 | get monitorId"
        ).text
        let completer = Self.completer(shell)
        for line in ["callbacks show ", "callbacks delete --yes ", "remote 0 lock --callback-id "] {
            let completion = completer.complete(line, cursor: line.utf8.count)
            #expect(completion.candidates.map(\.text).contains(callback), "\(line): \(completion)")
            #expect(completion.candidates.first { $0.text == callback }?.display == "\(callback)  Maison", "\(line)")
        }
        let line = "monitors show 2 "
        #expect(completer.complete(line, cursor: line.utf8.count).candidates.map(\.text) == [monitor])
    }

    @Test("set output/editor/locale values, telemetry types as a comma list")
    func enumerations() throws {
        let completer = Self.completer(try APIShell())
        func texts(_ line: String) -> [String] { completer.complete(line, cursor: line.utf8.count).candidates.map(\.text) }
        #expect(texts("set output ") == ["table", "json", "ndjson", "csv", "yaml"])
        #expect(texts("set editor ") == ["emacs", "vi"])
        #expect(texts("set locale fr") == ["fr-FR"])
        #expect(texts("set retries ").isEmpty)
        #expect(texts("telemetry 0 --type vehicle.odo") == ["vehicle.odometer"])
        #expect(texts("telemetry 0 --type vehicle.odometer,vehicle.odo") == ["vehicle.odometer,vehicle.odometer"])
    }

    @Test("alert 0 <TAB> offers the alerts the last alerts table showed, with their numbers")
    func shownItems() throws {
        let shell = try APIShell()
        let alerts = try shell.run("alerts 0 | first 3")
        _ = TableRenderer(shell.shell.interpreter.presentation).render(alerts)
        let ids = alerts.listItems?.compactMap { $0.recordValue?["id"]?.text } ?? []
        let completion = Self.completer(shell).complete("alert 0 ", cursor: 8)
        #expect(completion.candidates.map(\.text) == ids)
        #expect(completion.candidates.first?.display.hasPrefix("0  \(ids.first?.prefix(6) ?? "")…") == true, "\(completion)")
        #expect(Self.completer(shell).complete("trip 0 ", cursor: 7).candidates.isEmpty, "no trips table was shown")
    }

    @Test("by kind, not by name: alarms --type offers alarm types only; monitors create --callback (a URL) no callback ids")
    func kinds() throws {
        let shell = try APIShell()
        shell.api.apiVersionOverride = .v417
        _ = try shell.run("callbacks create --label Maison --target https://my.dn/kinds")
        let completer = Self.completer(shell)
        func texts(_ line: String) -> [String] { completer.complete(line, cursor: line.utf8.count).candidates.map(\.text) }
        #expect(texts("alarms 0 --type ") == ["vehicle.alarm.status", "vehicle.alarm.trigger"])
        #expect(texts("alarms 0 --type vehicle.od").isEmpty, "no telemetry type")
        #expect(texts("alarms 0 --type vehicle.al") == ["vehicle.alarm.status", "vehicle.alarm.trigger"])
        #expect(texts("monitors create 0 --callback ").isEmpty)
        #expect(!texts("monitors create 0 --callback-id ").isEmpty, "the callback id flag is of the callback kind")
        #expect(texts("vehicles --locale de") == ["de-DE"])
    }
}

/// On a server slower than TAB may wait: the first TAB says the vehicles are loading, the listing goes on, and a
/// later TAB lists them.
@Suite(.sandbox("--vehicles", "3", "--latency-ms", "600"), .serialized)
struct SlowCompletionTests {
    @Test("an empty cache on a slow server: a loading note at once, the vehicles on a later TAB")
    func loadingNote() throws {
        let shell = try APIShell()
        let completer = APICompletionTests.completer(shell)
        let first = completer.complete("status ", cursor: 7)
        #expect(first.candidates.isEmpty)
        #expect(first.note == "loading the vehicles… press TAB again")
        var later = first
        for _ in 0..<20 where later.candidates.isEmpty {
            Thread.sleep(forTimeInterval: 0.25)
            later = completer.complete("status ", cursor: 7)
        }
        #expect(later.candidates.count == 3, "\(later)")
        #expect(later.note == nil)
    }
}
