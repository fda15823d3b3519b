import Shell

/// `vehicles`: the account's vehicles, a lazy list over the API's pages. A complete listing refreshes the
/// vehicle cache that references (`status 0`, `status VR3…`) and completion read.
struct VehiclesCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("vehicles", summary: "List the vehicles of the account (lazily, page by page).")
            .output("list of vehicle records")
            .flag("index-range", .string, "Only results A to B (0-based, inclusive), e.g. `0-9` or `5-`.")
            .flag("page-size", .int, "Results per request, 1 to 60.")
            .flag("locale", .kind(.locale), "Language of texts, e.g. `fr-FR`.")
            .curlSwitch()
            .example("vehicles | select vin brand label", "VIN, brand and label of every vehicle.")
            .example("vehicles --index-range 0-9 --page-size 10", "The first ten vehicles, in one request.")
    }

    var view: View? { .vehicle }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let range = call.string("index-range")
        if let range, range.wholeMatch(of: /\d+-\d*/) == nil {
            throw call.error(
                "'\(range)' is not an index range", hint: "write FIRST-LAST or FIRST-, e.g. `0-9`", argument: "index-range", code: .badArgument)
        }
        if let size = call.int("page-size"), !(1...60).contains(size) {
            throw call.error("page size must be 1 to 60, got \(size)", argument: "page-size", code: .badArgument)
        }
        var query: [(name: String, value: String?)] = [("indexRange", range), ("locale", call.string("locale"))]
        if let size = call.int("page-size") { query.append(("pageSize", String(size))) }
        var seen: [Value] = []
        if call.isSet("curl") { return .stream(try api.collection("/user/vehicles", query: query, curl: true)) }
        let rows = try api.collection("/user/vehicles", query: query) { seen.append($0) }
        let cache = api.vehicles
        return .stream(
            ValueStream {
                if let row = try rows.next() { return row }
                if range == nil { cache.replace(with: seen) } else { cache.merge(seen) }
                return nil
            })
    }
}
