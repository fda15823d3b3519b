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
