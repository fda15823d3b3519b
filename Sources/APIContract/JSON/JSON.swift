/// A JSON document as the sandbox sends and receives it.
///
/// Hand-written rather than `JSONSerialization` because the sandbox must keep key order (responses read like
/// production's), tell integers from floats, and reject request bodies that repeat a key — Foundation keeps none of
/// these. Objects are ordered lists of members.
package enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    package static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The member named `key` of an object (the first one), or nil.
    package subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The string payload, or nil for any other kind.
    package var string: String? { if case .string(let s) = self { s } else { nil } }
    /// The boolean payload, or nil for any other kind.
    package var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The array payload, or nil for any other kind.
    package var array: [JSON]? { if case .array(let a) = self { a } else { nil } }
    /// The object members, or nil for any other kind.
    package var members: [(String, JSON)]? { if case .object(let m) = self { m } else { nil } }
    /// A number as a Double (ints included), or nil.
    package var number: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// The JSON type name used in error messages ("expected a string, got an array").
    package var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// Builds objects with a light syntax: `JSON.obj(["id": .string(id), "vin": .string(vin)])` keeps the order written.
extension JSON {
    /// An object from key/value pairs in order; nil values are left out (production omits missing data).
    package static func obj(_ pairs: KeyValuePairs<String, JSON?>) -> JSON {
        .object(pairs.compactMap { key, value in value.map { (key, $0) } })
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int) { self = .int(value) }
    package init(floatLiteral value: Double) { self = .double(value) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(arrayLiteral elements: JSON...) { self = .array(elements) }
}
