/// What a command parameter accepts. The binder checks values against it, `help` describes it, and completion
/// offers its candidates (`oneOf` values, files, or the command's own for `custom`).
package enum Shape: Sendable, Equatable {
    case any
    case string
    case int
    /// An int or a float.
    case number
    case bool
    case list
    case record
    /// `energy.0.level`: a word, a string or an int, read as a path into each row.
    case cellPath
    /// A row condition (`level < 20`), not evaluated up front: the command tests it per row.
    case predicate
    /// A block (`{ … }`) the command runs, per row or once.
    case closure
    /// One of these words.
    case oneOf([String])
    /// A file path.
    case file
    /// A domain value of a declared kind (a vehicle reference, an alert, a locale): the command resolves it, help
    /// shows the kind's name, completion asks the kind's source.
    case kind(ParameterKind)

    /// For help and messages: "int", "cell path", "one of: json, csv".
    package var description: String {
        switch self {
        case .any: "any"
        case .string: "string"
        case .int: "int"
        case .number: "number"
        case .bool: "bool"
        case .list: "list"
        case .record: "record"
        case .cellPath: "cell path"
        case .predicate: "condition"
        case .closure: "block"
        case .oneOf(let values): "one of: " + values.joined(separator: ", ")
        case .file: "file"
        case .kind(let kind): kind.name
        }
    }

    /// Whether the argument is handed over unevaluated.
    var isDeferred: Bool { self == .predicate || self == .closure }
}
