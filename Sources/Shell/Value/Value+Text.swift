import APIContract

/// Plain text of a value, as string interpolation and `print` show it: strings without quotes, numbers as JSON
/// writes them, null as the empty string, lists and records as compact JSON.
extension Value {
    package var text: String {
        switch self {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): JSONText.format(d)
        case .string(let s): s
        case .list, .record: JSONWriter.string(self)
        }
    }

    /// The rows of a list, or nil.
    package var listItems: [Value]? {
        if case .list(let items) = self { items } else { nil }
    }

    /// The string, or nil.
    package var stringValue: String? {
        if case .string(let string) = self { string } else { nil }
    }

    /// The record, or nil.
    package var recordValue: Record? {
        if case .record(let record) = self { record } else { nil }
    }

    /// A number as a double, for arithmetic and comparisons across int and float.
    package var number: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// The kind with an article, for messages: "a list", "an int".
    package var kindPhrase: String { kind.phrase }
}

extension Value.Kind {
    /// "a list", "an int", "null".
    package var phrase: String {
        switch self {
        case .null: "null"
        case .int: "an int"
        default: "a \(rawValue)"
        }
    }
}

extension Record {
    /// Field names in order.
    package var names: [String] { fields.map(\.name) }
}
