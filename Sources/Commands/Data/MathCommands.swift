import Shell

/// `sum`, `min`, `max`, `avg` over a list of numbers (`min`/`max` also over strings).
struct MathCommand: Command {
    /// Which reduction.
    enum Operation: String {
        case sum, min, max, avg
    }

    let operation: Operation

    var signature: Signature {
        let base = Signature(operation.rawValue, summary: summary).input("list of numbers")
        switch operation {
        case .sum: return base.example("[1, 2, 3.5] | sum", "The total.", result: 6.5).example("[] | sum", "Zero for no rows.", result: 0)
        case .min: return base.example("[3, 1, 2] | min", "The smallest.", result: 1)
        case .max: return base.example("[3, 1, 2] | max", "The largest.", result: 3)
        case .avg: return base.example("[1, 2, 3, 4] | avg", "The mean, a float.", result: 2.5)
        }
    }

    private var summary: String {
        switch operation {
        case .sum: "Add up a list of numbers."
        case .min: "The smallest value of a list."
        case .max: "The largest value of a list."
        case .avg: "The mean of a list of numbers."
        }
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let rows = try call.list(input)
        switch operation {
        case .sum:
            return .value(try rows.reduce(Value.int(0)) { try add($0, $1, call) })
        case .avg:
            guard !rows.isEmpty else { throw call.error("'avg' of an empty list", code: .notFound) }
            let total = try rows.reduce(Value.int(0)) { try add($0, $1, call) }
            return .value(.double((total.number ?? 0) / Double(rows.count)))
        case .min, .max:
            guard var best = rows.first else { throw call.error("'\(operation.rawValue)' of an empty list", code: .notFound) }
            for row in rows.dropFirst() {
                guard let order = row.compare(best) else {
                    throw call.error("'\(operation.rawValue)' cannot compare \(row.kindPhrase) with \(best.kindPhrase)", code: .typeMismatch)
                }
                if operation == .min ? order < 0 : order > 0 { best = row }
            }
            return .value(best)
        }
    }

    private func add(_ total: Value, _ row: Value, _ call: Call) throws -> Value {
        switch (total, row) {
        case (.int(let a), .int(let b)):
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? .double(Double(a) + Double(b)) : .int(sum)
        default:
            guard let a = total.number, let b = row.number else {
                throw call.error(
                    "'\(operation.rawValue)' needs numbers, found \(row.kindPhrase)", hint: "pick a number column first, e.g. `get level`",
                    code: .typeMismatch)
            }
            let sum = a + b
            guard sum.isFinite else { throw call.error("'\(operation.rawValue)' overflows: the total is beyond ±1.8e308", code: .failed) }
            return .double(sum)
        }
    }
}
