/// What flows between pipeline stages: a value, or a lazy list that the next stage pulls row by row
/// (nushell's `PipelineData`). A paged API collection is a stream, so `alerts REF | first 3` fetches one page;
/// variables and the end of a pipeline hold collected values.
package enum PipelineData {
    case value(Value)
    case stream(ValueStream)

    /// No input: what the first stage of a pipeline receives.
    package static var empty: PipelineData { .value(.null) }

    /// The whole value; a stream is read to its end.
    package func collect() throws -> Value {
        switch self {
        case .value(let value): value
        case .stream(let stream): .list(try stream.collect())
        }
    }

    /// Rows to iterate: a stream as it is, a list's items, any other value as a single row.
    package func rows() -> ValueStream {
        switch self {
        case .stream(let stream): stream
        case .value(.list(let items)): ValueStream(items)
        case .value(.null): ValueStream([])
        case .value(let value): ValueStream([value])
        }
    }

    /// Whether this is a list (a stream always is).
    package var isList: Bool {
        switch self {
        case .stream, .value(.list): true
        default: false
        }
    }
}

/// A lazy list: rows come from `next`, which may fetch (a page of an API collection) or compute (a `where`
/// over another stream). Reading is single-pass; a stream that fails throws from `next` at the row it failed.
///
/// Not `Sendable`: a stream belongs to the pipeline that reads it.
package final class ValueStream {
    private let produce: () throws -> Value?
    private var finished = false
    /// Set on a stream that goes on until it is stopped (`watch`): at the end of a statement its rows are shown as
    /// they come, not as a list once it ends (``Interpreter/execute(_:in:scope:)``).
    package var live: LiveDisplay?

    package init(_ produce: @escaping () throws -> Value?) { self.produce = produce }

    /// A stream over values already in memory.
    package convenience init(_ values: [Value]) {
        var iterator = values.makeIterator()
        self.init { iterator.next() }
    }

    /// The next row, or nil at the end (and ever after).
    package func next() throws -> Value? {
        guard !finished else { return nil }
        guard let value = try produce() else {
            finished = true
            return nil
        }
        return value
    }

    /// All remaining rows.
    package func collect() throws -> [Value] {
        var values: [Value] = []
        while let value = try next() { values.append(value) }
        return values
    }

    /// A stream of the rows `transform` maps to a value (nil drops the row).
    package func compactMap(_ transform: @escaping (Value) throws -> Value?) -> ValueStream {
        ValueStream { [self] in
            while let value = try self.next() {
                if let mapped = try transform(value) { return mapped }
            }
            return nil
        }
    }
}

/// How a live stream's rows show as they come: at a terminal, a card drawn over the previous one (updated in
/// place); elsewhere (a pipe, `set output json`), one JSON line a row.
package struct LiveDisplay {
    /// The card's lines for the latest row.
    package var card: (Value, Presentation) -> [String]

    package init(card: @escaping (Value, Presentation) -> [String]) { self.card = card }
}
