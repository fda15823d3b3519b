import Foundation
import Shell
import Testing

/// TAB's logic without a terminal: what is offered where, and what replaces the word.
struct CompleterTests {
    /// A registry with a few commands shaped like the API's (a custom `vehicle` parameter, subcommands, a file).
    struct Probe: Command {
        var signature: Signature
        func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData { .value(.null) }
    }

    /// Kinds shaped like the API's (Commands declares the real ones).
    static let vehicle = ParameterKind("vehicle", help: "The vehicle.")
    static let locale = ParameterKind("locale", help: "A locale.")
    static let monitor = ParameterKind("monitor", help: "A monitor.")
    static let callback = ParameterKind("callback", help: "A callback.")

    static func completer() -> Completer {
        var registry = CommandRegistry()
        registry.register(
            Probe(
                signature: Signature("vehicles", summary: "List vehicles.").flag("locale", .kind(locale), "Language.").flag(
                    "page-size", .int, "Per page.")),
            Probe(signature: Signature("vehicle", summary: "One vehicle.").optional("vehicle", .kind(vehicle), "The vehicle.")),
            Probe(
                signature: Signature("status", summary: "A status.").optional("vehicle", .kind(vehicle), "The vehicle.").switch(
                    "curl", "As curl.")),
            Probe(signature: Signature("where", summary: "Keep rows.").required("condition", .predicate, "The condition.")),
            Probe(
                signature: Signature("monitors create", summary: "Create.").optional("vehicle", .kind(vehicle), "").flag("file", .file, "").flag(
                    "callback", .string, ""
                )
                .flag("callback-id", .kind(callback), "")),
            Probe(
                signature: Signature("monitors delete", summary: "Delete.").optional("vehicle", .kind(vehicle), "").rest(
                    "monitors", .kind(monitor), "")),
            Probe(signature: Signature("to json", summary: "As JSON.")), Probe(signature: Signature("to csv", summary: "As CSV.")),
            Probe(signature: Signature("help", summary: "Help.").rest("command", .kind(.command), "")),
            Probe(signature: Signature("set", summary: "Set.").optional("key", .oneOf(["locale", "output"]), "").optional("value", .any, "")))
        let scope = Scope()
        scope.define("v", ["vin": "VR3A", "energy": [["level": 80]], "label": "daily"])
        scope.define("vehicles_seen", 3)
        var completer = Completer(registry: registry, scope: scope)
        completer.sources[vehicle] = { word, _ in
            [("VR3UHZKXZ0001", "e-208 GT"), ("VR3UHZKXZ0002", "e-208 GT"), ("W0LBZZZ0003", "Mokka-e")].filter { $0.0.hasPrefix(word.uppercased()) }
                .map {
                    CompletionCandidate($0.0, display: "\($0.0)  \($0.1)")
                }
        }
        completer.sources[locale] = { word, _ in ["fr-FR", "en-GB", "de-DE"].filter { $0.hasPrefix(word) }.map { CompletionCandidate($0) } }
        completer.sources[monitor] = { _, words in [CompletionCandidate("m-of-\(words.dropFirst(2).first ?? "?")")] }
        completer.sources[callback] = { word, _ in [CompletionCandidate("cb-1")].filter { $0.text.hasPrefix(word) } }
        completer.listDirectory = { path in path == "." ? ["monitor.json", "maps/", ".hidden"] : path == "maps/" ? ["paris.json"] : [] }
        return completer
    }

    func complete(_ line: String) -> Completion { Self.completer().complete(line, cursor: line.utf8.count) }

    @Test("command names at the start and after |, ( and ;, with summaries; a unique one gets a space")
    func commandNames() {
        #expect(complete("vehic").candidates.map(\.text) == ["vehicle", "vehicles"])
        #expect(complete("vehic").replacement == "vehicle")
        #expect(complete("stat").replacement == "status ")
        #expect(complete("vehicles | wh").replacement == "where ")
        #expect(complete("let x = (vehicles | wh").replacement == "where ")
        #expect(complete("vehicles; sta").candidates.first?.description == "A status.")
        #expect(complete("mon").candidates.map(\.text) == ["monitors"])
        #expect(complete("le").candidates.map(\.text) == ["let"], "keywords too")
        #expect(complete("vehicles | wh").start == 11)
    }

    @Test("subcommands after their group; flags with their help; flag values from sources and choices")
    func subcommandsAndFlags() {
        #expect(complete("monitors ").candidates.map(\.text) == ["create", "delete"])
        #expect(complete("monitors d").replacement == "delete ")
        #expect(complete("to ").candidates.map(\.text) == ["csv", "json"])
        #expect(complete("vehicles --").candidates.map(\.text) == ["--locale", "--page-size"])
        #expect(complete("vehicles --p").replacement == "--page-size ")
        #expect(complete("vehicles --p").candidates.first?.description == "Per page.")
        #expect(complete("vehicles --locale f").replacement == "fr-FR ")
        #expect(complete("vehicles --locale=e").replacement == "--locale=en-GB ")
        #expect(complete("set o").replacement == "output ")
    }

    @Test("a value is completed by its declared kind, never by the parameter's name")
    func byKind() {
        #expect(complete("monitors create 0 --callback-id ").candidates.map(\.text) == ["cb-1"])
        #expect(complete("monitors create 0 --callback ").candidates.isEmpty, "--callback is a URL: no callback ids")
        #expect(complete("monitors create 0 --callback=").candidates.isEmpty)
    }

    @Test("vehicle references from the source: listed with their label, a unique prefix becomes the whole VIN")
    func vehicles() {
        let listed = complete("status ")
        #expect(listed.candidates.count == 3)
        #expect(listed.candidates.first?.display == "VR3UHZKXZ0001  e-208 GT")
        #expect(complete("status w0").replacement == "W0LBZZZ0003 ", "the full VIN, whatever the case typed")
        #expect(complete("status VR3").replacement == "VR3UHZKXZ000", "the common prefix")
        #expect(complete("status --curl VR3UHZKXZ0002").replacement == "VR3UHZKXZ0002 ", "after a switch, still the vehicle")
        #expect(complete("monitors delete W0LBZZZ0003 ").candidates.map(\.text) == ["m-of-W0LBZZZ0003"], "sources see the words before")
        #expect(complete("vehicles --page-size 5 | status V").candidates.count == 2)
        #expect(complete("help mon").replacement == "monitors ", "help names commands")
        #expect(complete("help monitors d").replacement == "delete ")
        #expect(complete("help le").candidates.isEmpty, "not keywords")
    }

    @Test("the common prefix stops at a whole character, and at the first difference")
    func commonPrefix() {
        let labels = Completion(start: 0, word: "G", candidates: [CompletionCandidate("Garé ✓"), CompletionCandidate("Garé ✗")])
        #expect(labels.replacement == "Garé ", "✓ and ✗ share two UTF-8 bytes, which are not a character")
        let vins = Completion(start: 0, word: "", candidates: (0..<1000).map { CompletionCandidate("VR3UHZKX\($0)") })
        #expect(vins.replacement == "VR3UHZKX")
        #expect(Completion(start: 0, word: "V", candidates: [CompletionCandidate("VR3"), CompletionCandidate("W0L")]).replacement == nil)
    }

    @Test("a source that cannot answer now gives a note instead of candidates")
    func notes() {
        var completer = Self.completer()
        // A named function: Swift 6.3's SIL generation crashes on a closure literal that only throws a typed error.
        func loading(_: String, _: [String]) throws(CompletionNote) -> [CompletionCandidate] {
            throw CompletionNote("loading the vehicles… press TAB again")
        }
        completer.sources[Self.vehicle] = loading
        let completion = completer.complete("status ", cursor: 7)
        #expect(completion.candidates.isEmpty && completion.replacement == nil)
        #expect(completion.note == "loading the vehicles… press TAB again")
        #expect(completer.complete("sta", cursor: 3).note == nil)
    }

    @Test("$variables and their field paths")
    func variables() {
        #expect(complete("$ve").replacement == "$vehicles_seen ")
        #expect(complete("$v.").candidates.map(\.text) == ["$v.vin", "$v.energy", "$v.label"])
        #expect(complete("$v.en").replacement == "$v.energy ")
        #expect(complete("$v.energy.").candidates.map(\.text) == ["$v.energy.0"])
        #expect(complete("$v.energy.0.").candidates.map(\.text) == ["$v.energy.0.level"])
        #expect(complete("vehicles | where $v.l").replacement == "$v.label ")
        #expect(complete("$nope.").candidates.isEmpty)
    }

    @Test("file parameters complete paths; directories keep the cursor inside them; hidden files only when asked")
    func files() {
        #expect(complete("monitors create 0 --file ").candidates.map(\.text) == ["maps/", "monitor.json"])
        #expect(complete("monitors create 0 --file ma").replacement == "maps/")
        #expect(complete("monitors create 0 --file maps/").replacement == "maps/paris.json ")
        #expect(complete("monitors create 0 --file .").candidates.map(\.text) == [".hidden"])
    }

    @Test("the word is what follows the last space or pipe outside quotes; multibyte text keeps offsets in bytes")
    func words() {
        #expect(complete("vehicle \"Mokka").word == "\"Mokka")
        let line = "print \"é\" | wh"
        #expect(complete(line).start == line.utf8.count - 2)
        #expect(complete("").candidates.count >= 8)
        #expect(complete("unknown-command x").candidates.isEmpty)
    }
}
