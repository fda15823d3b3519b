/// A structured value that flows through pipelines and lives in variables: JSON-shaped, with ordered records so
/// that columns display in the order the API sent them.
package enum Value: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([Value])
    case record(Record)

    /// The kind of a value, for messages such as "expected a list, got a record".
    package enum Kind: String, Sendable {
        case null, bool, int, float, string, list, record
    }

    package var kind: Kind {
        switch self {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .double: .float
        case .string: .string
        case .list: .list
        case .record: .record
        }
    }
}

/// Ordered fields of a record. Lookup is linear, which is fine at API sizes (tens of fields).
package struct Record: Equatable, Sendable {
    /// One named field.
    package struct Field: Equatable, Sendable {
        package var name: String
        package var value: Value

        package init(name: String, value: Value) {
            self.name = name
            self.value = value
        }
    }

    package private(set) var fields: [Field] = []

    package init(_ fields: [Field] = []) { self.fields = fields }

    /// The value of a field; setting nil removes it, setting a new name appends it.
    package subscript(name: String) -> Value? {
        get {
            // Through the buffer and by index: `first { … }` would copy each field it passes (its name and value
            // retained and released), and views look up several fields of every row of a table.
            fields.withUnsafeBufferPointer { buffer in
                for index in buffer.indices {
                    if buffer[index].name == name { return buffer[index].value }
                }
                return nil
            }
        }
        set {
            let index = fields.firstIndex { $0.name == name }
            switch (index, newValue) {
            case (let i?, let value?): fields[i].value = value
            case (let i?, nil): fields.remove(at: i)
            case (nil, let value?): fields.append(Field(name: name, value: value))
            case (nil, nil): break
            }
        }
    }
}
