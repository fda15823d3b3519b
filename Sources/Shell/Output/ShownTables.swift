import Synchronization

/// What the tables showed, so that what a user reads can be typed back: for each view, the id beside each number
/// of its last table (`alert 0 3` is row 3 of the last alerts table). A view may have fixed numbers instead —
/// vehicles show their position in the account's listing, whatever filter made the table, so that the number
/// beside a car names that car in a script as at the prompt.
///
/// Shared by the renderer, which writes it, and the commands, which read it: one lock, held briefly.
package final class ShownTables: Sendable {
    private struct State {
        /// View name → id → its fixed number.
        var fixed: [String: [String: Int]] = [:]
        /// View name → where the fixed numbers come from until they are set (a cache file still being read).
        var pending: [String: @Sendable () -> [String]] = [:]
        /// View name → the ids of the last table's rows, by row.
        var lastTable: [String: [String?]] = [:]
    }

    private let state = Mutex(State())

    package init() {}

    /// From now on rows of `view` show each id's position in `ids` (an id not among them shows no number).
    package func fixNumbers(of view: String, ids: [String]) {
        let numbers = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        state.withLock {
            $0.fixed[view] = numbers
            $0.pending[view] = nil
        }
    }

    /// Rows of `view` show fixed numbers, which `ids` gives when first needed (unless ``fixNumbers(of:ids:)``
    /// sets them before).
    package func fixNumbers(of view: String, later ids: @escaping @Sendable () -> [String]) {
        state.withLock { $0.pending[view] = ids }
    }

    /// Notes the rows of a table of `view` as its last one; returns the fixed numbers they show, or nil when the
    /// view numbers rows by their place.
    func numbers(view: String, ids: [String?]) -> [Int?]? {
        let pending = state.withLock { $0.fixed[view] == nil ? $0.pending[view] : nil }
        if let pending { fixNumbers(of: view, ids: pending()) }
        return state.withLock { state in
            state.lastTable[view] = ids
            guard let fixed = state.fixed[view] else { return nil }
            return ids.map { id in id.flatMap { fixed[$0] } }
        }
    }

    /// The id shown beside `number` in the last table of `view`; nil when that table showed no such number (or
    /// no table of `view` was shown).
    package func id(number: Int, in view: String) -> String? {
        state.withLock { state in
            guard let rows = state.lastTable[view] else { return nil }
            if let fixed = state.fixed[view] { return fixed.first { $0.value == number && rows.contains($0.key) }?.key }
            return rows.indices.contains(number) ? rows[number] : nil
        }
    }

    /// The ids the last table of `view` showed, in order; nil when none was shown.
    package func ids(in view: String) -> [String]? {
        state.withLock { $0.lastTable[view].map { $0.compactMap { $0 } } }
    }
}
