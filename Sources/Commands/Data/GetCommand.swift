import Shell

/// `get path`: the value at a cell path; on a list, that value from every row.
struct GetCommand: Command {
    var signature: Signature {
        Signature("get", summary: "Return the value at a cell path (from every row of a list).")
            .input("record or list")
            .required("path", .cellPath, "Where to read, e.g. `energy.0.level`.")
            .example("{energy: [{level: 80}]} | get energy.0.level", "A nested value.", result: 80)
            .example("[{vin: A}, {vin: B}] | get vin", "A column as a list.", result: ["A", "B"])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let path = call.cellPath("path") ?? CellPath([])
        let range = call.range(of: "path")
        let presentation = context.interpreter.presentation
        if case .stream(let rows) = input {
            guard let first = path.segments.first, let index = Int(first) else {
                return .stream(rows.compactMap { try $0.follow(presentation.aliased(path, in: $0), at: range) })
            }
            // `get 2.name` on a lazy list: reads rows up to the third, no further.
            var count = 0
            while let row = try rows.next() {
                if count == index { return .value(try row.follow(CellPath(Array(path.segments.dropFirst())), at: range)) }
                count += 1
            }
            throw ShellError(.notFound, "index \(index) is out of range: the list has \(count) item\(count == 1 ? "" : "s")", at: range)
        }
        let value = try input.collect()
        return .value(try value.follow(presentation.aliased(path, in: value), at: range))
    }
}
