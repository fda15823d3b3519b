import Synchronization

/// The views the registry's commands declare, in registration order; a document shows through the first that
/// recognizes it, or through the generic rendering when none does.
package struct ViewCatalog: Sendable {
    private let store: Store

    /// The views, made on first use when the catalog was made lazily.
    package var views: [View] { store.views }

    package init(_ views: [View] = []) { store = Store { views } }

    /// A catalog whose views are made when a rendering first asks for one: a one-command process printing JSON never
    /// does, and building every command's view was a good part of its start.
    package init(making: @escaping () -> [View]) { store = Store(making) }

    /// The view of one record.
    package func view(for record: Record) -> View? { views.first { $0.matches(record) } }

    /// The view every one of `rows` matches (a table of one kind of document), or nil.
    package func view(forRows rows: [Record]) -> View? {
        guard let first = rows.first, let view = view(for: first) else { return nil }
        let strays = Chunks.map(rows.count) { range in rows[range].contains { !view.matches($0) } ? [true] : [] }
        return strays.isEmpty ? view : nil
    }

    /// The views once made, the first of each name kept.
    ///
    /// `@unchecked Sendable`: `making` is called once, under the lock, and reads only what it captured when the
    /// catalog was made (a copy of the command registry, a value nothing changes).
    private final class Store: @unchecked Sendable {
        private let making: () -> [View]
        private let made = Mutex<[View]?>(nil)

        init(_ making: @escaping () -> [View]) { self.making = making }

        var views: [View] {
            made.withLock { made in
                if let made { return made }
                var unique: [View] = []
                for view in making() where !unique.contains(where: { $0.name == view.name }) { unique.append(view) }
                made = unique
                return unique
            }
        }
    }
}
