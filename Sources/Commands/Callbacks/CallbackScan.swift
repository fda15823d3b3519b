import Client
import Shell

/// What lives under a vehicle's callbacks (API 4.17: `…/vehicles/{id}/callbacks/{cbid}/monitors`, `…/remotes`),
/// read across every callback of one type: the callbacks are listed once, then each one's collection, lazily, one
/// after the other. With `--callback-id`, just that callback's.
struct CallbackScan {
    let requests: Requests
    /// `Monitor` or `Remote`.
    let type: String

    /// The callback ids to look under: the one named, else every callback serving `type`.
    func callbacks(named: String?) throws -> [String] {
        if let named { return [named] }
        return try requests.collection("/user/callbacks", query: [("types", type)]).collect().compactMap { $0.recordValue?["id"]?.stringValue }
    }

    /// `resource` (`monitors`, `remotes`) under each callback for one vehicle, as one lazy list.
    func collection(vehicle: String, resource: String, callback: String?) throws -> ValueStream {
        var pending = try callbacks(named: callback)[...]
        var current: ValueStream?
        return ValueStream { [requests] in
            while true {
                if let row = try current?.next() { return row }
                guard let next = pending.popFirst() else { return nil }
                current = try requests.collection(APIContext.vehiclePath(vehicle, "callbacks/\(URLEncoding.encode(next))/\(resource)"))
            }
        }
    }

    /// One item (`monitors/{mid}`, `remotes/{rid}`) found under whichever callback has it (of `among`, when the
    /// caller listed them already); 404 when none does.
    func find(
        vehicle: String, resource: String, id: String, callback: String?, among listed: [String]? = nil
    ) throws -> (record: Value, callback: String) {
        var lastError: ClientError?
        for candidate in try callback.map({ [$0] }) ?? listed ?? callbacks(named: nil) {
            let path = APIContext.vehiclePath(vehicle, "callbacks/\(URLEncoding.encode(candidate))/\(resource)/\(URLEncoding.encode(id))")
            do {
                return (try requests.get(path), candidate)
            } catch let error as ClientError where error.status == 404 || error.status == 400 {
                lastError = error
            }
        }
        let words =
            ResourceWords(path: "/user/vehicles/\(vehicle)/\(resource)/\(id)", vehicles: requests.settings.vehicleNames)?.words ?? "\(resource)/\(id)"
        throw lastError
            ?? ClientError(
                code: .http, request: words, message: "no callback serving \(type.lowercased())s has it",
                hint: "list them with `callbacks --types \(type.lowercased())`")
    }
}
