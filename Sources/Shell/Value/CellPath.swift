/// A path into a value: `energy.0.level`, `$v.location.lat`. Names read record fields; numbers index lists (or
/// read a field of that name); a name applied to a list reads it from every row (`$vehicles.vin`).
package struct CellPath: Sendable, Equatable, CustomStringConvertible {
    package var segments: [String]

    package init(_ segments: [String]) { self.segments = segments }

    /// `a.b.0` → ["a", "b", "0"].
    package init(parsing text: String) { segments = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }

    package var description: String { segments.joined(separator: ".") }
}

extension Value {
    /// The value at `path`, or an error naming the segment that failed and what was there instead. A name applied
    /// to a list reads the rest of the path from every row: `$fleet.energy.0.level` is each row's first level.
    package func follow(_ path: CellPath, at range: SourceRange? = nil) throws(ShellError) -> Value {
        try follow(path.segments[...], at: range)
    }

    private func follow(_ segments: ArraySlice<String>, at range: SourceRange?) throws(ShellError) -> Value {
        guard let segment = segments.first else { return self }
        let rest = segments.dropFirst()
        if case .record(let record) = self, record[segment] == nil, let (value, after) = Self.dotted(record, segments) {
            // A field whose name holds dots, as the API's `bool.exp` and `time.zone`: `get triggerParam.bool.exp`.
            return try value.follow(after, at: range)
        }
        if case .list(let items) = self, Int(segment) == nil {
            var column: [Value] = []
            column.reserveCapacity(items.count)
            for item in items { column.append(try item.follow(segments, at: range)) }
            return .list(column)
        }
        return try step(segment, range: range).follow(rest, at: range)
    }

    /// The field named by the first two or more segments joined with dots, and the segments after it; the shortest
    /// such name wins.
    private static func dotted(_ record: Record, _ segments: ArraySlice<String>) -> (Value, ArraySlice<String>)? {
        var name = segments.first ?? ""
        for (offset, segment) in segments.dropFirst().enumerated() {
            name += "." + segment
            if let value = record[name] { return (value, segments.dropFirst(offset + 2)) }
        }
        return nil
    }

    /// The value at `path`, or nil when any step is missing (a `where` over rows with optional fields, a view's
    /// column): what ``follow(_:at:)`` reads, without making the error (and its suggestions) it would throw.
    package func lookup(_ path: CellPath) -> Value? { lookup(path.segments[...]) }

    private func lookup(_ segments: ArraySlice<String>) -> Value? {
        guard let segment = segments.first else { return self }
        switch self {
        case .record(let record):
            if let value = record[segment] { return value.lookup(segments.dropFirst()) }
            guard let (value, after) = Self.dotted(record, segments) else { return nil }
            return value.lookup(after)
        case .list(let items):
            if let index = Int(segment) { return index >= 0 && index < items.count ? items[index].lookup(segments.dropFirst()) : nil }
            var column: [Value] = []
            column.reserveCapacity(items.count)
            for item in items {
                guard let value = item.lookup(segments) else { return nil }
                column.append(value)
            }
            return .list(column)
        default:
            return nil
        }
    }

    private func step(_ segment: String, range: SourceRange?) throws(ShellError) -> Value {
        switch self {
        case .record(let record):
            if let value = record[segment] { return value }
            let hint =
                Suggestion.hint(for: segment, in: record.names) ?? "fields: " + (record.names.isEmpty ? "none" : record.names.joined(separator: ", "))
            throw ShellError(.notFound, "no field '\(segment)' in the record", hint: hint, at: range)
        case .list(let items):
            if let index = Int(segment) {
                guard index >= 0, index < items.count else {
                    throw ShellError(
                        .notFound, "index \(index) is out of range: the list has \(items.count) item\(items.count == 1 ? "" : "s")", at: range)
                }
                return items[index]
            }
            var column: [Value] = []
            column.reserveCapacity(items.count)
            for item in items { column.append(try item.step(segment, range: range)) }
            return .list(column)
        default:
            throw ShellError(
                .typeMismatch, "cannot read '\(segment)' of \(kindPhrase)", hint: "only records have fields and lists have items", at: range)
        }
    }
}
