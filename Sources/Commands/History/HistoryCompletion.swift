import Client
import Foundation
import History
import Shell

/// The kinds of values the history's commands take (see ``ParameterKind``).
extension ParameterKind {
    package static let tariff = ParameterKind("tariff", help: "A tariff's name, as `tariff` lists it.", isName: true)
    package static let place = ParameterKind("place", help: "A named place, as `places` lists it.", isName: true)
    package static let timeZone = ParameterKind("time zone", help: "An IANA time zone name: Europe/Paris (default: this machine's).", isName: true)
}

/// What TAB offers for the history's own values: the tariffs config.toml declares, the places the history
/// database names (the line's `--db`, else the profile's), and IANA time zone names. Each is read when TAB is
/// pressed, from local files only; one that cannot be read offers nothing.
package struct HistoryCompletion {
    let api: APIContext

    package init(api: APIContext) { self.api = api }

    /// The sources, by parameter kind (see ``Completer/sources``).
    package var sources: [ParameterKind: (String, [String]) throws(CompletionNote) -> [CompletionCandidate]] {
        [
            .tariff: { [api] word, _ in
                let tariffs = (try? StorySettings(api: api).tariffs()) ?? []
                return Self.matching(tariffs.map { ($0.name, $0.currency) }, word)
            },
            .place: { [api] word, words in
                let places = (try? Self.places(api: api, db: Self.db(in: words))) ?? []
                return Self.matching(places.map { ($0.name, "\($0.latitude), \($0.longitude)") }, word)
            },
            .timeZone: { word, _ in Self.matching(TimeZone.knownTimeZoneIdentifiers.map { ($0, "") }, word) },
        ]
    }

    /// The places of the history database at `db`, else the profile's; none when there is no file yet.
    private static func places(api: APIContext, db: String?) throws -> [Place] {
        let path = try HistoryDatabase.path(db: db, api: api)
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try HistoryStore(path: path, readOnly: true).places()
    }

    /// The value of `--db` on the line (`--db PATH` or `--db=PATH`), if any.
    static func db(in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word == "--db", words.indices.contains(index + 1) { return words[index + 1] }
            if word.hasPrefix("--db=") { return String(word.dropFirst(5)) }
        }
        return nil
    }

    /// The names starting with `word` (any case), each with a few words on it.
    private static func matching(_ names: [(name: String, about: String)], _ word: String) -> [CompletionCandidate] {
        names.filter { $0.name.lowercased().hasPrefix(word.lowercased()) }.map { CompletionCandidate($0.name, description: $0.about) }
    }
}
