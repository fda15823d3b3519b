import Client
import Shell

/// What an ``APIOperation`` sends once its arguments are read: values only, so that fan-out workers run it on their
/// own threads, each with its own ``Requests``.
struct OperationPlan: Sendable {
    let template: PathTemplate
    /// The path's ids known before the vehicle (an item's id, `--callback-id`), by name.
    let ids: [String: String]
    let query: [(name: String, value: String?)]
    let accept: String?
    let answer: APIOperation.Answer
    /// `--curl`: the request as a curl command, nothing sent; ids not looked up stay placeholders (`CBID`).
    let curl: Bool
    let hooks: APIOperation.Hooks

    /// Sends the request for one vehicle (nil for a path without one).
    func run(_ requests: Requests, vehicle: String?) throws -> PipelineData {
        var ids = self.ids
        if let vehicle { ids["vehicle"] = vehicle }
        if let type = hooks.callbacksServing, ids["callback"] == nil, !curl, let vehicle = ids["vehicle"], let below = template.belowCallback {
            return try finish(scanned(CallbackScan(requests: requests, type: type), vehicle: vehicle, below: below, ids: ids))
        }
        let path = template.filled(ids)
        switch answer {
        case .collection: return try finish(.stream(requests.collection(path, query: query, curl: curl)))
        case .record: return .value(try requests.get(path, query: query, accept: accept, curl: curl))
        }
    }

    /// Items under each callback serving the hook's type: their joined listing, or the one that has the item.
    private func scanned(_ scan: CallbackScan, vehicle: String, below: (resource: String, item: String?), ids: [String: String]) throws
        -> PipelineData
    {
        if let item = below.item, let id = ids[item] {
            return .value(try scan.find(vehicle: vehicle, resource: below.resource, id: id, callback: nil).record)
        }
        return .stream(try scan.collection(vehicle: vehicle, resource: below.resource, callback: nil))
    }

    /// A collection as the hooks want it: reordered (and so read whole) or left lazy.
    private func finish(_ data: PipelineData) throws -> PipelineData {
        guard let collected = hooks.collected, !curl else { return data }
        return .value(.list(collected(try data.rows().collect())))
    }
}
