/// Reading a document for a view: `record.at("energies.0.level")` is the value there, or nil when a step is
/// missing (documents leave out what they do not know, docs/api.md §4.5).
extension Record {
    package func at(_ path: String) -> Value? {
        // The common case walks the path in place, without splitting it (a view reads several paths a row); a
        // name holding dots (`bool.exp`) or a column read from a list takes the cell path's full rules.
        var value = Value.record(self)
        var rest = Substring(path)
        while true {
            let end = rest.utf8.firstIndex(of: UInt8(ascii: ".")) ?? rest.endIndex
            let segment = rest[..<end]
            switch value {
            case .record(let record):
                guard let next = record[String(segment)] else { return Value.record(self).lookup(CellPath(parsing: path)) }
                value = next
            case .list(let items):
                guard let index = Int(segment) else { return Value.record(self).lookup(CellPath(parsing: path)) }
                guard index >= 0, index < items.count else { return nil }
                value = items[index]
            default: return nil
            }
            guard end < rest.endIndex else { return value }
            rest = rest[rest.index(after: end)...]
        }
    }

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

    /// The vehicle id in `_links.self.href` (`…/vehicles/{id}/…`): the vehicle a trip, an alert or a remote action
    /// belongs to, when it has no `vehicle` link.
    package var vehicleInSelfLink: String? {
        guard let href = string("_links.self.href"), let range = href.range(of: "/vehicles/") else { return nil }
        let id = href[range.upperBound...].prefix { $0 != "/" && $0 != "?" }
        return id.isEmpty ? nil : String(id).removingPercentEncoding ?? String(id)
    }
}
