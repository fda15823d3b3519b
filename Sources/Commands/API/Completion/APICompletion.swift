import APIContract
import Client
import Foundation
import Shell

/// What TAB offers for the API's own values: vehicles from the cache (listed with VIN, label and a short id; the
/// VIN — or the id, when that is what was typed — goes in), the monitors of the vehicle on the line, the alerts,
/// trips, alarms and remote actions the last table of each showed, locales, telemetry types, profile names and
/// `set` values.
///
/// TAB never waits more than ``wait`` for the server (mongosh's rule): a listing that takes longer goes on in the
/// background, the user is told it is loading, and the next TAB uses it.
package final class APICompletion {
    private let api: APIContext
    private var vehicleListing: BackgroundListing?
    /// The cache as TAB matches it, rebuilt when the cache changes (or another profile's is in use).
    private var index: VehicleIndex?
    private var monitorListings: [String: BackgroundListing] = [:]
    private var callbackListing: BackgroundListing?

    /// How long TAB waits for the server, in milliseconds.
    static let wait = 200
    /// How long a vehicle's monitor listing is reused (a second TAB lists what the first one fetched).
    static let monitorsKept: TimeInterval = 10

    /// The locales TAB offers for `--locale` (those the API localizes alerts into).
    static let knownLocales = ["fr-FR", "en-GB", "de-DE", "it-IT", "es-ES", "nl-NL", "pt-PT", "pl-PL"]

    package init(api: APIContext) { self.api = api }

    /// The sources, by parameter kind (see ``Completer/sources``).
    package var sources: [ParameterKind: (String, [String]) throws(CompletionNote) -> [CompletionCandidate]] {
        [
            .vehicle: { [self] word, _ throws(CompletionNote) in try vehicleCandidates(word) },
            .monitor: { [self] word, words throws(CompletionNote) in try monitorCandidates(word, words: words) },
            .callback: { [self] word, _ throws(CompletionNote) in try callbackCandidates(word) },
            .alert: { [self] word, _ in shownCandidates(.alert, word) }, .trip: { [self] word, _ in shownCandidates(.trip, word) },
            .alarm: { [self] word, _ in shownCandidates(.alarm, word) }, .remoteAction: { [self] word, _ in shownCandidates(.remote, word) },
            .locale: { word, _ in Self.matching(Self.knownLocales, word) },
            .telemetryType: { word, _ in Self.listItems(TelemetryTypes.all.sorted(), word) },
            .profile: { [self] word, _ in Self.matching(((try? api.profiles?.all()) ?? []).map(\.name), word) },
            .settingValue: { word, words in
                switch words.dropFirst().first {
                case "locale": Self.matching(Self.knownLocales, word)
                case "output": Self.matching(OutputFormat.allCases.map(\.rawValue), word)
                case "editor": Self.matching(["emacs", "vi"], word)
                case "pager": Self.matching(["on", "off"], word)
                case "api-version": Self.matching(APIVersion.allCases.map(\.rawValue), word)
                default: []
                }
            },
        ]
    }

    // MARK: Vehicles

    private func vehicleCandidates(_ word: String) throws(CompletionNote) -> [CompletionCandidate] {
        if api.vehicles.entries.isEmpty { try fillVehicleCache() }
        let index = self.index.flatMap { $0.isCurrent(for: api.vehicles) ? $0 : nil } ?? VehicleIndex(api.vehicles)
        self.index = index
        return index.candidates(word.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")), listed: CandidateList.limit)
    }

    /// Lists the vehicles for an empty cache, waiting at most ``wait``; a slower listing goes on, and a later TAB
    /// picks it up.
    private func fillVehicleCache() throws(CompletionNote) {
        let listing: BackgroundListing
        if let pending = vehicleListing {
            listing = pending
        } else {
            listing = try start("/user/vehicles")
            vehicleListing = listing
        }
        let rows = try Self.rows(of: listing, loading: "the vehicles") { vehicleListing = nil }
        api.vehicles.replace(with: rows)
        vehicleListing = nil
    }

    // MARK: Monitors

    /// The monitors of the vehicle named on the line (`monitors show 0 <TAB>`), listed with label and status.
    private func monitorCandidates(_ word: String, words: [String]) throws(CompletionNote) -> [CompletionCandidate] {
        guard let reference = words.dropFirst(2).first(where: { !$0.hasPrefix("-") }) else { return [] }
        if api.vehicles.entries.isEmpty { try fillVehicleCache() }
        guard let vehicle = VehicleResolver(api: api).cachedID(reference) else { return [] }
        let current: BackgroundListing
        if let kept = monitorListings[vehicle], kept.isRunning || Date().timeIntervalSince(kept.started) <= Self.monitorsKept {
            current = kept
        } else {
            current = try startMonitors(vehicle)
            monitorListings[vehicle] = current
        }
        let rows = try Self.rows(of: current, loading: "the monitors of \(reference)") { monitorListings[vehicle] = nil }
        return rows.compactMap { row in
            guard let record = row.recordValue, let id = (record["id"] ?? record["mid"] ?? record["monitorId"])?.text, id.hasPrefix(word) else {
                return nil
            }
            let label = record["monitor"]?.recordValue?["label"]?.text ?? ""
            return CompletionCandidate(id, display: "\(id)  \(label)", description: record["status"]?.text ?? "")
        }
    }

    /// A vehicle's monitors, listed as `monitors` lists them (``APIOperation/monitorListing``).
    private func startMonitors(_ vehicle: String) throws(CompletionNote) -> BackgroundListing {
        let listing = APIOperation.monitorListing
        let version = api.apiVersion
        guard let template = listing.paths[version] else { throw CompletionNote("no monitors in API \(version.rawValue)") }
        let plan = OperationPlan(template: template, ids: [:], query: [], accept: nil, answer: .collection, curl: false, hooks: listing.hooks)
        let settings = api.settings
        return try start { worker in try plan.run(Requests(session: worker, settings: settings), vehicle: vehicle).collect().listItems ?? [] }
    }

    // MARK: Callbacks

    /// The account's callbacks (API 4.17), listed with label, target and status.
    private func callbackCandidates(_ word: String) throws(CompletionNote) -> [CompletionCandidate] {
        let current: BackgroundListing
        if let kept = callbackListing, kept.isRunning || Date().timeIntervalSince(kept.started) <= Self.monitorsKept {
            current = kept
        } else {
            current = try start("/user/callbacks")
            callbackListing = current
        }
        let rows = try Self.rows(of: current, loading: "the callbacks") { callbackListing = nil }
        return rows.compactMap { row in
            guard let record = row.recordValue, let id = record["id"]?.text, id.hasPrefix(word) else { return nil }
            let label = record["label"]?.text ?? record.at("subscribe.callback.webhook.target")?.text ?? ""
            return CompletionCandidate(id, display: "\(id)  \(label)", description: record["status"]?.text ?? "")
        }
    }

    // MARK: Items shown

    /// The ids the last table of `view` showed (`alert 0 <TAB>` after `alerts 0`), each listed with its number and
    /// short form; none sends a request.
    private func shownCandidates(_ view: View, _ word: String) -> [CompletionCandidate] {
        (api.shown.ids(in: view.name) ?? []).enumerated().compactMap { number, id in
            guard id.hasPrefix(word) else { return nil }
            return CompletionCandidate(id, display: "\(number)  \(ShortID.short(id))")
        }
    }

    // MARK: Helpers

    /// A background listing of `path` on a worker session (opening the profile's session if need be).
    private func start(_ path: String) throws(CompletionNote) -> BackgroundListing {
        try start { worker in try BackgroundListing.rows(of: .get(path), on: worker) }
    }

    /// A background listing made by `list` on a worker session.
    private func start(_ list: @escaping @Sendable (Session) throws -> [Value]) throws(CompletionNote) -> BackgroundListing {
        do {
            return BackgroundListing(worker: try api.session.makeWorker(), list: list)
        } catch let error as ClientError {
            throw CompletionNote(error.userMessage)
        } catch {
            throw CompletionNote("\(error)")
        }
    }

    /// The listing's rows within ``wait``; else a note that it is loading; a failed listing is forgotten (so
    /// that the next TAB tries again) and its message is the note.
    private static func rows(of listing: BackgroundListing, loading what: String, forget: () -> Void) throws(CompletionNote) -> [Value] {
        let rows: [Value]?
        do { rows = try listing.rows(within: wait) } catch {
            forget()
            throw error
        }
        guard let rows else { throw CompletionNote("loading \(what)… press TAB again") }
        return rows
    }

    private static func matching(_ values: [String], _ word: String) -> [CompletionCandidate] {
        values.filter { $0.lowercased().hasPrefix(word.lowercased()) }.map { CompletionCandidate($0) }
    }

    /// A comma-separated list (`--type a,b,c`): candidates for the item after the last comma, the rest kept.
    private static func listItems(_ values: [String], _ word: String) -> [CompletionCandidate] {
        let head = word.lastIndex(of: ",").map { String(word[...$0]) } ?? ""
        let last = String(word.dropFirst(head.count))
        return values.filter { $0.hasPrefix(last) }.map { CompletionCandidate(head + $0, display: $0) }
    }
}
