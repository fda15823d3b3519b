import Shell

/// `group-by path`: a record from each distinct value at the path (as text) to the rows that have it, in
/// first-seen order.
struct GroupByCommand: Command {
    var signature: Signature {
        Signature("group-by", summary: "Group rows by the value at a column.")
            .input("list")
            .output("record of lists")
            .required("path", .cellPath, "The column to group by.")
            .example(
                "[{b: Opel, n: 1}, {b: DS, n: 2}, {b: Opel, n: 3}] | group-by b", "Rows by brand.",
                result: ["Opel": [["b": "Opel", "n": 1], ["b": "Opel", "n": 3]], "DS": [["b": "DS", "n": 2]]])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let path = call.cellPath("path") ?? CellPath([])
        var groups: [String: [Value]] = [:]
        var order: [String] = []
        let rows = try call.rows(input)
        while let row = try rows.next() {
            let key = try row.follow(path, at: call.range(of: "path")).text
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        return .value(.record(Record(order.map { Record.Field(name: $0, value: .list(groups[$0] ?? [])) })))
    }
}
