import Shell

/// Turns what a user wrote for a vehicle into its API id: the id, the VIN, the short id a table shows
/// (`227b04…f816`, see ``ShortID``), an id prefix at least as long as that short form's head, a VIN prefix, the label or a unique
/// prefix of it, the position in the last `vehicles` listing, or a vehicle record (from the pipe or a variable).
/// Reads the cache first and lists the vehicles once when the cache does not know the reference.
///
/// Never the wrong car: a bare number is a position and never an id or VIN prefix (`vehicle 7` with three cars is
/// an error listing them, not the car whose id starts with 7), and a reference that could name two cars is refused
/// with the candidates.
struct VehicleResolver {
    let api: APIContext

    func id(for reference: Value, at range: SourceRange?) throws -> String {
        if case .record(let record) = reference {
            guard case .string(let id)? = record["id"] else {
                throw ShellError(.badArgument, "this record is not a vehicle: it has no 'id'", hint: "pipe rows of `vehicles`", at: range)
            }
            return id
        }
        let text = reference.text
        guard !text.isEmpty else {
            throw ShellError(.badArgument, "empty vehicle reference", hint: "give an id, a VIN, a label or a position", at: range)
        }
        // Open the session first (a request follows anyway): its profile decides which cache to read. Before it
        // opens, the cache is the one named by --profile or $CCSH_PROFILE, or none — the config's default profile
        // is not known yet — and every script run would list the vehicles again.
        _ = try api.session
        if let found = try match(text, in: api.vehicles.entries, at: range, isFinal: false) { return found }
        let listing = try api.collection("/user/vehicles").collect()
        api.vehicles.replace(with: listing)
        if let found = try match(text, in: api.vehicles.entries, at: range, isFinal: true) { return found }
        let known = api.vehicles.entries.map { "\($0.vin) (\($0.label))" }.joined(separator: ", ")
        throw ShellError(
            .notFound, "no vehicle matches '\(text)'", hint: known.isEmpty ? "this account has no vehicles" : "vehicles: \(known)", at: range)
    }

    /// The vehicle `text` names in the cache, without asking the server; nil when none or several do (for TAB).
    func cachedID(_ text: String) -> String? { (try? match(text, in: api.vehicles.entries, at: nil, isFinal: false)) ?? nil }

    /// The one vehicle `text` names, nil when none does; several is an error listing them. A position past the end
    /// is nil until `isFinal` (a fresh listing may have it), then an error listing the positions.
    private func match(_ text: String, in entries: [VehicleCache.Entry], at range: SourceRange?, isFinal: Bool) throws -> String? {
        if let exact = entries.first(where: { $0.id == text || $0.vin.caseInsensitiveCompare(text) == .orderedSame }) { return exact.id }
        if text.count <= 5, text.allSatisfy(\.isASCII), let index = Int(text), text.allSatisfy(\.isNumber) {
            if entries.indices.contains(index) { return entries[index].id }
            guard isFinal else { return nil }
            throw ShellError(
                .notFound, "no vehicle at position \(index): the last listing has \(entries.count)",
                hint: entries.isEmpty ? "this account has no vehicles" : "positions: " + Self.positions(entries), at: range)
        }
        let candidates: [VehicleCache.Entry]
        let byID = Set(ShortID.matches(text, in: entries.map(\.id)))
        if ShortID.isShortForm(text) {
            candidates = entries.filter { byID.contains($0.id) }
        } else {
            let labelled = entries.filter { $0.label.caseInsensitiveCompare(text) == .orderedSame }
            let labelPrefixed = entries.filter { $0.label.lowercased().hasPrefix(text.lowercased()) }
            let prefixed = entries.filter { byID.contains($0.id) || $0.vin.uppercased().hasPrefix(text.uppercased()) }
            candidates = !labelled.isEmpty ? labelled : Self.union(prefixed, labelPrefixed)
        }
        guard candidates.count <= 1 else {
            let list = candidates.map { "\($0.vin) (\($0.label), id \($0.id.prefix(12))…)" }.joined(separator: ", ")
            throw ShellError(.badArgument, "'\(text)' matches \(candidates.count) vehicles", hint: "be more specific: \(list)", at: range)
        }
        return candidates.first?.id
    }

    /// `a` then what of `b` is not in it, in order.
    private static func union(_ a: [VehicleCache.Entry], _ b: [VehicleCache.Entry]) -> [VehicleCache.Entry] {
        a + b.filter { entry in !a.contains { $0.id == entry.id } }
    }

    /// `0 C5 Aircross Hybrid 225 (VR7ATHNSKLW000042), 1 …`: what each position names.
    private static func positions(_ entries: [VehicleCache.Entry]) -> String {
        entries.enumerated().map { "\($0.offset) \($0.element.label) (\($0.element.vin))" }.joined(separator: ", ")
    }
}
