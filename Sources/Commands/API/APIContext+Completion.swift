import Foundation
import Shell

extension APIContext {
    /// The locales TAB offers for `--locale` (those the API localizes alerts into).
    static let knownLocales = ["fr-FR", "en-GB", "de-DE", "it-IT", "es-ES", "nl-NL", "pt-PT", "pl-PL"]

    /// What TAB offers for the API's own values: vehicles from the cache (listed with VIN, label and a short id;
    /// the VIN — or the id, when that is what was typed — goes in), locales, and profile names.
    package var completionSources: [String: (String, [String]) -> [CompletionCandidate]] {
        [
            "vehicle": { [unowned self] word, _ in vehicleCandidates(word) },
            "locale": { word, _ in Self.knownLocales.filter { $0.lowercased().hasPrefix(word.lowercased()) }.map { CompletionCandidate($0) } },
            "profile": { [unowned self] word, _ in
                ((try? profiles?.all()) ?? []).map(\.name).filter { $0.hasPrefix(word) }.map { CompletionCandidate($0) }
            },
        ]
    }

    private func vehicleCandidates(_ word: String) -> [CompletionCandidate] {
        let typed = word.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        if vehicles.entries.isEmpty { fillVehicleCache(within: 200) }
        return vehicles.entries.compactMap { entry in
            let display = "\(entry.vin)  \(entry.label)  \(entry.id.prefix(12))…"
            if entry.vin.uppercased().hasPrefix(typed.uppercased()) || entry.label.lowercased().hasPrefix(typed.lowercased()) {
                return CompletionCandidate(entry.vin, display: display, description: entry.brand)
            }
            if entry.id.hasPrefix(typed) { return CompletionCandidate(entry.id, display: display, description: entry.brand) }
            return nil
        }
    }

    /// Lists the vehicles once for an empty cache, giving up after `milliseconds` (TAB must never hang the
    /// terminal; the next TAB tries again).
    private func fillVehicleCache(within milliseconds: Int) {
        guard let session = try? session else { return }
        let timeout = session.transport.timeoutMilliseconds
        session.transport.timeoutMilliseconds = milliseconds
        defer { session.transport.timeoutMilliseconds = timeout }
        let retries = session.retryPolicy.maxRetries
        session.retryPolicy.maxRetries = 0
        defer { session.retryPolicy.maxRetries = retries }
        if let listing = try? collection("/user/vehicles").collect() { vehicles.replace(with: listing) }
    }
}
