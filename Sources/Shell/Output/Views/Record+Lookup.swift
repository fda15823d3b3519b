/// Reading a document for a view: `record.at("energies.0.level")` is the value there, or nil when a step is
/// missing (documents leave out what they do not know, api-notes §4.5).
extension Record {
    package func at(_ path: String) -> Value? { Value.record(self).lookup(CellPath(parsing: path)) }

    package func number(_ path: String) -> Double? { at(path)?.number }

    package func string(_ path: String) -> String? { at(path)?.stringValue }

    package func bool(_ path: String) -> Bool? {
        if case .bool(let flag)? = at(path) { flag } else { nil }
    }

    package func records(_ path: String) -> [Record] { at(path)?.listItems?.compactMap(\.recordValue) ?? [] }

    /// The last path segment of a `_links` entry's href (the id of a linked resource): `vehicle` → the vehicle id.
    package func linkedID(_ name: String) -> String? {
        guard let href = string("_links.\(name).href") else { return nil }
        return href.split(separator: "?").first?.split(separator: "/").last.map(String.init)
    }
}
