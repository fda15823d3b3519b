import Shell

/// `range from to [step]`: the ints from `from` to `to`, both included; a lazy list.
struct RangeCommand: Command {
    var signature: Signature {
        Signature("range", summary: "The ints from one number to another, both included.")
            .output("list of ints (lazy)")
            .required("from", .int, "The first number.")
            .required("to", .int, "The last number.")
            .optional("step", .int, "The distance between numbers (default 1, or -1 when counting down).")
            .example("range 1 4", "Four numbers.", result: [1, 2, 3, 4])
            .example("range 10 0 -5", "Counting down.", result: [10, 5, 0])
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let from = call.int("from") ?? 0
        let to = call.int("to") ?? 0
        let step = call.int("step") ?? (to < from ? -1 : 1)
        guard step != 0, (step > 0) == (to >= from) || from == to else {
            throw call.error("a step of \(step) never gets from \(from) to \(to)", argument: "step", code: .badArgument)
        }
        var next: Int? = from
        let interpreter = context.interpreter
        return .stream(
            ValueStream {
                guard let current = next else { return nil }
                try interpreter.step()
                let (following, overflow) = current.addingReportingOverflow(step)
                next = overflow || (step > 0 ? following > to : following < to) ? nil : following
                return .int(current)
            })
    }
}
