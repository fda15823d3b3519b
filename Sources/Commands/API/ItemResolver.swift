import Shell

/// Turns what a user wrote for an alert, a trip, an alarm, a monitor, a callback or a remote action into its id:
/// the row number of the last table of that kind (``ShownTables``), the whole id, the short form a table shows
/// (`f46b25…fba4`), a prefix of six characters or more, or a record of that kind (from the pipe or a variable).
///
/// Short forms and prefixes are looked up among the ids the last table showed, then among the items `list` gives
/// (the vehicle's alerts, the account's callbacks): a reference that names two items is refused with both, and
/// one that names none is an error — never a request for an id that does not exist.
struct ItemResolver {
    /// A kind of item and how it is shown and listed.
    struct Item: Sendable {
        let kind: ParameterKind
        /// How a table of these items looks: its name keys ``ShownTables``, its identity reads a record's id.
        let view: View
        /// The command that lists them, which is also their collection below a vehicle (`alerts`).
        let listing: String
        /// Its name in a path template: `/user/vehicles/{vehicle}/trips/{trip}` (``PathTemplate``).
        let placeholder: String
        /// How `--curl` writes its id when it sends nothing to look it up.
        let curlPlaceholder: String

        /// How to list them, for hints: `alerts VEHICLE`, `callbacks`.
        var listingCommand: String { view.name == View.callback.name ? listing : listing + " VEHICLE" }

        static let alert = Item(kind: .alert, view: .alert, listing: "alerts", placeholder: "alert", curlPlaceholder: "AID")
        static let trip = Item(kind: .trip, view: .trip, listing: "trips", placeholder: "trip", curlPlaceholder: "TID")
        static let alarm = Item(kind: .alarm, view: .alarm, listing: "alarms", placeholder: "alarm", curlPlaceholder: "ALID")
        static let monitor = Item(kind: .monitor, view: .monitor, listing: "monitors", placeholder: "monitor", curlPlaceholder: "MID")
        static let callback = Item(kind: .callback, view: .callback, listing: "callbacks", placeholder: "callback", curlPlaceholder: "CBID")
        static let remoteAction = Item(kind: .remoteAction, view: .remote, listing: "remotes", placeholder: "remote", curlPlaceholder: "RID")
        /// Every kind of item.
        static let all = [alert, trip, alarm, monitor, callback, remoteAction]
    }

    let api: APIContext
    let item: Item
    /// Under `--curl` nothing is sent: what the last table does not settle is taken as written (a placeholder).
    let sendsNothing: Bool
    /// Lists the items the reference may name, when the last table does not settle it.
    let list: () throws -> [Value]

    init(api: APIContext, item: Item, call: Call, list: @escaping () throws -> [Value]) {
        self.api = api
        self.item = item
        sendsNothing = call.isSet("curl")
        self.list = list
    }

    private var kind: ParameterKind { item.kind }
    private var view: View { item.view }
    private var listing: String { item.listingCommand }

    /// A whole id is at least this long (the API's ids are longer; a prefix this long is taken as the id itself).
    static let wholeID = 24

    func id(for reference: Value, at range: SourceRange?) throws -> String {
        if case .record(let record) = reference {
            guard let id = view.identity?(record) else {
                throw ShellError(
                    .badArgument, "this record is not \(article) \(kind.name): it has no id", hint: "pipe rows of `\(listing)`", at: range)
            }
            return id
        }
        let text = reference.text
        if text.count <= 5, let number = Int(text), text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) {
            if sendsNothing, api.shown.id(number: number, in: view.name) == nil { return text }
            return try numbered(number, at: range)
        }
        let shown = api.shown.ids(in: view.name) ?? []
        if let found = try pick(ShortID.matches(text, in: shown), text, at: range) { return found }
        if sendsNothing || (!ShortID.isShortForm(text) && text.count >= Self.wholeID) { return text }
        guard text.count >= ShortID.minimumPrefix else {
            throw ShellError(
                .badArgument, "'\(text)' is too short to name \(article) \(kind.name)",
                hint: "give \(ShortID.minimumPrefix) characters of its id or more, or its number in the last `\(listing)` table", at: range)
        }
        let ids = try list().compactMap { row in row.recordValue.flatMap { view.identity?($0) } }
        if let found = try pick(ShortID.matches(text, in: ids), text, at: range) { return found }
        let known = ids.prefix(5).map(ShortID.short).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
        throw ShellError(
            .notFound, "no \(kind.name) matches '\(text)'",
            hint: ids.isEmpty ? "there are none: `\(listing)` lists them" : "\(kind.name)s: \(known)", at: range)
    }

    /// The id beside `number` in the last table of this kind.
    private func numbered(_ number: Int, at range: SourceRange?) throws -> String {
        if let id = api.shown.id(number: number, in: view.name) { return id }
        guard let shown = api.shown.ids(in: view.name) else {
            throw ShellError(
                .badArgument, "no table of \(kind.name)s was shown, so \(number) names none",
                hint: "list them with `\(listing)` and use a number from its # column, or give an id", at: range)
        }
        throw ShellError(
            .notFound, "no \(kind.name) numbered \(number) in the last table: it had \(shown.count)",
            hint: shown.isEmpty ? "list them with `\(listing)`" : "numbers 0 to \(shown.count - 1), or give an id", at: range)
    }

    /// The one id matched, nil for none; several is an error naming them.
    private func pick(_ matches: [String], _ text: String, at range: SourceRange?) throws -> String? {
        guard matches.count > 1 else { return matches.first }
        throw ShellError(
            .badArgument, "'\(text)' matches \(matches.count) \(kind.name)s",
            hint: "be more specific: " + matches.prefix(5).map { String($0.prefix(16)) + "…" }.joined(separator: ", "), at: range)
    }

    private var article: String { "aeiou".contains(kind.name.first ?? "x") ? "an" : "a" }
}
