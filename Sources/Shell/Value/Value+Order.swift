/// Equality and ordering as the language sees them: `1 == 1.0`, numbers compare across int and float, and
/// `sort-by` puts values of different kinds in a fixed kind order instead of failing.
extension Value {
    /// `==` in ccsh: structural, with ints and floats compared by value.
    package func looselyEquals(_ other: Value) -> Bool {
        switch (self, other) {
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): Double(a) == b
        case (.list(let a), .list(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.looselyEquals($1) }
        case (.record(let a), .record(let b)):
            a.fields.count == b.fields.count && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && $0.value.looselyEquals($1.value) }
        default: self == other
        }
    }

    /// Order of two values of comparable kinds (numbers, strings, bools), or nil when `<` makes no sense.
    package func compare(_ other: Value) -> Int? {
        switch (self, other) {
        case (.int(let a), .int(let b)): a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)): a < b ? -1 : (a == b ? 0 : 1)
        case (.bool(let a), .bool(let b)): a == b ? 0 : (a ? 1 : -1)
        default:
            if let a = number, let b = other.number { a < b ? -1 : (a == b ? 0 : 1) } else { nil }
        }
    }

    /// A total order for sorting: comparable values by `compare`, otherwise by kind (null last).
    package func sortsBefore(_ other: Value) -> Bool {
        if let order = compare(other) { return order < 0 }
        return sortRank < other.sortRank
    }

    private var sortRank: Int {
        switch self {
        case .bool: 0
        case .int, .double: 1
        case .string: 2
        case .list: 3
        case .record: 4
        case .null: 5
        }
    }
}

extension Value: Hashable {
    /// Hashes consistently with `==` (structural); `uniq` uses it.
    package func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .int(let i): hasher.combine(i)
        case .double(let d): hasher.combine(d)
        case .string(let s): hasher.combine(s)
        case .list(let items): hasher.combine(items)
        case .record(let record):
            for field in record.fields {
                hasher.combine(field.name)
                hasher.combine(field.value)
            }
        }
    }
}
