/// The views the registry's commands declare, in registration order; a document shows through the first that
/// recognizes it, or through the generic rendering when none does.
package struct ViewCatalog: Sendable {
    package private(set) var views: [View] = []

    package init(_ views: [View] = []) {
        for view in views where !self.views.contains(where: { $0.name == view.name }) { self.views.append(view) }
    }

    /// The view of one record.
    package func view(for record: Record) -> View? { views.first { $0.matches(record) } }

    /// The view every one of `rows` matches (a table of one kind of document), or nil.
    package func view(forRows rows: [Record]) -> View? {
        guard let first = rows.first, let view = view(for: first) else { return nil }
        let strays = Chunks.map(rows.count) { range in rows[range].contains { !view.matches($0) } ? [true] : [] }
        return strays.isEmpty ? view : nil
    }
}
