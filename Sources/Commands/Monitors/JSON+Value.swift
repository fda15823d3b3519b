import APIContract
import Shell

extension JSON {
    /// A shell value as the API's JSON (records keep their field order).
    init(_ value: Value) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .list(let items): self = .array(items.map(JSON.init))
        case .record(let record): self = .object(record.fields.map { ($0.name, JSON($0.value)) })
        }
    }
}

extension Value {
    /// The API's JSON as a shell value.
    init(_ json: JSON) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .array(let items): self = .list(items.map(Value.init))
        case .object(let members): self = .record(Record(members.map { Record.Field(name: $0.0, value: Value($0.1)) }))
        }
    }
}
