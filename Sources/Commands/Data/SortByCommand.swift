import Shell

/// `sort-by [path] [--reverse]`: a stable sort by the value at a path (or by the rows themselves). Values of
/// different kinds sort by kind; null and missing fields go last.
struct SortByCommand: Command {
    var signature: Signature {
        Signature("sort-by", summary: "Sort rows by a column (or by their own value).")
            .input("list")
            .optional("path", .cellPath, "The column to sort by; without it, the rows themselves.")
            .switch("reverse", short: "r", "Largest first.")
            .example("[{n: 3}, {n: 1}, {n: 2}] | sort-by n", "Ascending by n.", result: [["n": 1], ["n": 2], ["n": 3]])
            .example("[3, 1, 2] | sort-by --reverse", "Descending.", result: [3, 2, 1])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let rows = try call.list(input)
        // A view's column title reads the field it shows (`sort-by target` on callbacks).
        let path = call.cellPath("path").map { context.interpreter.presentation.aliased($0, in: .list(rows)) }
        let keys = rows.map { row in path.map { row.lookup($0) ?? .null } ?? row }
        // A path that no row has is a typo, not sparse data: report it with the first row's fields.
        if let path, !rows.isEmpty, keys.allSatisfy({ $0 == .null }) {
            _ = try rows[0].follow(path, at: call.range(of: "path"))
        }
        var order = Array(rows.indices)
        let reverse = call.isSet("reverse")
        order.sort { a, b in
            let (x, y) = (keys[a], keys[b])
            // Nulls (missing fields) last in both directions; ties keep the input order.
            if x == .null || y == .null { return x == y ? a < b : y == .null }
            let order = x.compare(y) ?? (x.sortsBefore(y) ? -1 : 1)
            return order == 0 ? a < b : (reverse ? order > 0 : order < 0)
        }
        return .value(.list(order.map { rows[$0] }))
    }
}
