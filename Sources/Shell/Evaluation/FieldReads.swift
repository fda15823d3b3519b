/// The bare field names a `where` condition read from its rows, and whether any row had each: a name no row has
/// is a typo far more often than a filter meant to keep nothing (`where levle < 20` kept no row, silently).
package final class FieldReads {
    /// A name read, where it is written, and whether some row had it.
    private struct Read {
        var range: SourceRange
        var isFound: Bool
    }

    private var reads: [String: Read] = [:]
    private var order: [String] = []
    /// The field names of the rows tested, for "did you mean".
    package private(set) var fieldNames: Set<String> = []
    package private(set) var rowsTested = 0

    package init() {}

    /// `word` was read from `row` at `range`; `found` says whether the row had it.
    func record(_ word: String, found: Bool, at range: SourceRange) {
        if var read = reads[word] {
            if found, !read.isFound {
                read.isFound = true
                reads[word] = read
            }
            return
        }
        reads[word] = Read(range: range, isFound: found)
        order.append(word)
    }

    /// One more row tested; its field names join the candidates.
    package func tested(_ row: Value) {
        rowsTested += 1
        if rowsTested <= 10, let record = row.recordValue { fieldNames.formUnion(record.fields.map(\.name)) }
    }

    /// The first name read that no tested row had, with where it is written.
    package var neverFound: (word: String, range: SourceRange)? {
        guard rowsTested > 0, let word = order.first(where: { reads[$0]?.isFound == false }), let read = reads[word] else { return nil }
        return (word, read.range)
    }
}
