import Shell

/// Turns what a user wrote for a vehicle into its API id: the id, the VIN, a unique prefix of either, the label,
/// the position in the last `vehicles` listing, or a vehicle record (from the pipe or a variable). Reads the
/// cache first and lists the vehicles once when the cache does not know the reference.
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
        if let found = try match(text, in: api.vehicles.entries, at: range) { return found }
        let listing = try api.collection("/user/vehicles").collect()
        api.vehicles.replace(with: listing)
        if let found = try match(text, in: api.vehicles.entries, at: range) { return found }
        let known = api.vehicles.entries.map { "\($0.vin) (\($0.label))" }.joined(separator: ", ")
        throw ShellError(
            .notFound, "no vehicle matches '\(text)'", hint: known.isEmpty ? "this account has no vehicles" : "vehicles: \(known)", at: range)
    }

    /// The vehicle `text` names in the cache, without asking the server; nil when none or several do (for TAB).
    func cachedID(_ text: String) -> String? { (try? match(text, in: api.vehicles.entries, at: nil)) ?? nil }

    /// The one vehicle `text` names, nil when none does; several is an error listing them.
    private func match(_ text: String, in entries: [VehicleCache.Entry], at range: SourceRange?) throws -> String? {
        if let exact = entries.first(where: { $0.id == text || $0.vin.caseInsensitiveCompare(text) == .orderedSame }) { return exact.id }
        if let index = Int(text), entries.indices.contains(index) { return entries[index].id }
        let labelled = entries.filter { $0.label.caseInsensitiveCompare(text) == .orderedSame }
        let candidates =
            labelled.isEmpty
            ? entries.filter { $0.id.hasPrefix(text) || $0.vin.uppercased().hasPrefix(text.uppercased()) } : labelled
        guard candidates.count <= 1 else {
            let list = candidates.map { "\($0.vin) (\($0.label), id \($0.id.prefix(12))…)" }.joined(separator: ", ")
            throw ShellError(.badArgument, "'\(text)' matches \(candidates.count) vehicles", hint: "be more specific: \(list)", at: range)
        }
        return candidates.first?.id
    }
}
