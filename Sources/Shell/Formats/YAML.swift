import APIContract
import Yams

/// YAML in and out through Yams (libyaml), keeping record order: values become `Node` mappings in field order,
/// strings that would read back as another kind (`"123"`, `"true"`, `"null"`) are quoted.
package enum YAML {
    package static func write(_ value: Value) throws(ShellError) -> String {
        do {
            return try Yams.serialize(node: node(value), allowUnicode: true)
        } catch {
            throw ShellError(.failed, "cannot write YAML: \(error)")
        }
    }

    private static func node(_ value: Value) -> Node {
        switch value {
        case .null: Node("null")
        case .bool(let b): Node(b ? "true" : "false")
        case .int(let i): Node(String(i))
        case .double(let d): Node(d.isFinite ? JSONText.format(d) : d.isNaN ? ".nan" : d < 0 ? "-.inf" : ".inf")
        case .string(let s): string(s)
        case .list(let items): Node(items.map(node))
        case .record(let record): Node(record.fields.map { (string($0.name), node($0.value)) })
        }
    }

    private static func string(_ s: String) -> Node {
        let plain = Node(s)
        let readsAsOther = plain.int != nil || plain.float != nil || plain.bool != nil || plain.null != nil || plain.timestamp != nil
        return readsAsOther || s.isEmpty ? Node(s, .implicit, .doubleQuoted) : plain
    }

    /// Parses one YAML document; errors carry libyaml's line and column.
    package static func read(_ text: String) throws(ShellError) -> Value {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ShellError(.failed, "invalid YAML " + describe(error))
        }
        guard let root else { return .null }
        return try value(root)
    }

    /// libyaml's problem and place, without the document Yams appends to its descriptions.
    private static func describe(_ error: any Error) -> String {
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _)?, .parser(_, let problem, let mark, _)?, .composer(_, let problem, let mark, _)?:
            "at \(mark.line):\(mark.column): \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context)?:
            "at \(context.mark.line):\(context.mark.column): duplicate key " + duplicates.map { "'\($0)'" }.joined(separator: ", ")
        default:
            ": " + String(describing: error).prefix { $0 != "\n" }
        }
    }

    private static func value(_ node: Node) throws(ShellError) -> Value {
        switch node {
        case .scalar(let scalar):
            if node.null != nil { return .null }
            if let b = node.bool { return .bool(b) }
            if let i = node.int { return .int(i) }
            if let d = node.float { return .double(d) }
            return .string(scalar.string)
        case .sequence(let sequence):
            var items: [Value] = []
            for item in sequence { items.append(try value(item)) }
            return .list(items)
        case .mapping(let mapping):
            var record = Record()
            for (key, item) in mapping {
                let name = key.string ?? ""
                if record[name] != nil { throw ShellError(.failed, "invalid YAML: duplicate key '\(name)' at line \(key.mark?.line ?? 0)") }
                record[name] = try value(item)
            }
            return .record(record)
        case .alias:
            throw ShellError(.failed, "invalid YAML: unresolved alias")
        }
    }
}
