import Shell

/// `select paths…`: keeps only the named columns (cell paths name nested values; the column is named after the
/// path). A path the first row lacks is an error with a suggestion; later rows may lack it (null).
struct SelectCommand: Command {
    var signature: Signature {
        Signature("select", summary: "Keep only the given columns of a record or of every row.")
            .input("list or record")
            .rest("paths", .cellPath, "Columns to keep, e.g. `vin` or `energy.0.level`.")
            .example("{vin: A, brand: Peugeot, label: car} | select vin label", "Two fields of a record.", result: ["vin": "A", "label": "car"])
            .example("[{a: {b: 1}, c: 2}] | select a.b", "A nested value as a column.", result: [["a.b": 1] as Value])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let paths = call.restPaths.map { (path: $0.path, name: $0.path.description, range: $0.range) }
        guard !paths.isEmpty else { throw call.error("'select' needs at least one column", hint: "e.g. `select vin label`", code: .badArgument) }
        let presentation = context.interpreter.presentation
        if case .value(let value) = input, !input.isList { return .value(try select(paths, from: value, strict: true, presentation)) }
        var first = true
        return .stream(
            try call.rows(input).compactMap { row in
                defer { first = false }
                return try select(paths, from: row, strict: first, presentation)
            })
    }

    /// The columns of one row, named as written; a view's column title reads the field it shows.
    private func select(
        _ paths: [(path: CellPath, name: String, range: SourceRange)], from value: Value, strict: Bool, _ presentation: Presentation
    ) throws -> Value {
        guard case .record = value else {
            throw ShellError(
                .typeMismatch, "'select' needs records, got \(value.kindPhrase)", hint: "use `get` for a single value", at: paths.first?.range)
        }
        var record = Record()
        for (written, name, range) in paths {
            let path = presentation.aliased(written, in: value)
            record[name] = strict ? try value.follow(path, at: range) : (value.lookup(path) ?? .null)
        }
        return .record(record)
    }
}
