import APIContract

/// 4.17 remote actions: `/user/vehicles/{id}/callbacks/{cbid}/remotes[/{rid}]` (docs/api.md §11.2). A POST is
/// accepted (202) and decided at once — success, already done, or a refusal a real car gives (another action in
/// progress, the monthly wake-up quota, battery, privacy, no charger); its statuses then follow the world's clock.
extension ConnectedCarAPI {
    static let remoteRoutes: [Route] = [
        Route("POST", "user/vehicles/{id}/callbacks/{cbid}/remotes") { c throws(SandboxError) in
            let (vehicle, callback) = (try c.vehicle(), try c.callback(serving: "Remote"))
            let (remote, key) = try checked(c.request) { (body) throws(MonitorProblem) in try RemoteValidator.validate(body: body) }
            let now = c.api.clock.seconds
            let action = try store { () throws in
                try c.api.callbacks.addRemote { id, earlier in
                    let mine = earlier.filter { $0.vehicle == vehicle.id }
                    let state = c.api.world.state(of: vehicle, at: Double(now), actions: mine)
                    let awake = state.moving || mine.contains { $0.doneAt <= now && now - $0.doneAt < awakeSeconds }
                    let wakes = !awake && key != "navigation"
                    var (outcome, cause): (String, String?) = ("Success", nil)
                    if let forced = c.api.remoteFailure {
                        (outcome, cause) = ("Failed", forced)
                    } else if mine.contains(where: { $0.doneAt > now }) {
                        (outcome, cause) = ("Failed", "SameActionInProgress")
                    } else if let refusal = state.refusal(of: key, body: remote[key]) {
                        (outcome, cause) = refusal
                    } else if wakes, wakeUps(mine, month: now) >= monthlyWakeUps {
                        (outcome, cause) = ("Failed", "TooManyWakeUpsOverMonth")
                    }
                    return RemoteAction(
                        id: id, user: c.user, vehicle: vehicle.id, callbackId: callback.id, remote: remote, action: key,
                        type: RemoteValidator.type(of: key) ?? key, createdAt: now, wakesVehicle: wakes && cause != "SameActionInProgress",
                        outcome: outcome, failureCause: cause)
                }
            }
            return .json(
                202,
                .obj([
                    "remoteActionId": .string(action.id), "type": .string(action.type),
                    "_links": .obj([
                        "callback": c.documents.link(callbackPath(callback)), "remote": c.documents.link(remotePath(c, vehicle, callback, action.id)),
                    ]),
                ]))
        },
        Route("GET", "user/vehicles/{id}/callbacks/{cbid}/remotes", query: Route.paging) { c throws(SandboxError) in
            let (vehicle, callback) = (try c.vehicle(), try c.callback())
            let query = try c.collection()
            let actions = c.api.callbacks.remotes(user: c.user, vehicle: vehicle.id, callback: callback.id)
            let now = c.api.clock.seconds
            return try c.page(query, .all(actions.count), "remoteActions") { remoteDocument(c, vehicle, callback, actions[$0], at: now) }
        },
        Route("GET", "user/vehicles/{id}/callbacks/{cbid}/remotes/{rid}") { c throws(SandboxError) in
            let (vehicle, callback) = (try c.vehicle(), try c.callback())
            guard let rid = c.parameters["rid"],
                let action = c.api.callbacks.remotes(user: c.user, vehicle: vehicle.id, callback: callback.id).first(where: { $0.id == rid })
            else { throw .notFound("We didn't find the remote action \(c.parameters["rid"] ?? "").") }
            return .json(200, remoteDocument(c, vehicle, callback, action, at: c.api.clock.seconds))
        },
    ]

    /// A stopped car stays awake about three minutes after each message (docs/api.md §11.3).
    static let awakeSeconds = 180
    /// Wake-ups a car allows in a calendar month before `TooManyWakeUpsOverMonth`.
    static let monthlyWakeUps = 20

    /// The actions that woke the car in the calendar month of `month` (simulated seconds).
    private static func wakeUps(_ actions: [RemoteAction], month: Int) -> Int {
        let now = Timestamp.civil(month)
        return actions.filter { action in
            let at = Timestamp.civil(action.createdAt)
            return action.wakesVehicle && (at.year, at.month) == (now.year, now.month)
        }.count
    }

    static func remotePath(_ c: RouteContext, _ vehicle: Fleet.Vehicle, _ callback: CallbackStore.Callback, _ id: String) -> String {
        "\(c.documents.vehiclePath(vehicle))/callbacks/\(callback.id)/remotes/\(id)"
    }

    /// `RemoteAction`: what was asked and where it stands at simulated second `now`.
    static func remoteDocument(_ c: RouteContext, _ vehicle: Fleet.Vehicle, _ callback: CallbackStore.Callback, _ action: RemoteAction, at now: Int)
        -> JSON
    {
        let status = action.status(at: now)
        let done = action.doneAt <= now
        let locked = action.action == "door" && action.remote["door"]?["state"] == .string("Locked")
        return .obj([
            "remoteActionId": .string(action.id), "type": .string(action.type), "status": .string(status), "remote": action.remote,
            "failureCause": done && status == "Failed" ? action.failureCause.map { .string($0) } : nil,
            "feedbackDetail": done && status == "Success" && locked ? "NoCIDBlacklisted" : nil,
            "_links": .obj([
                "self": c.documents.link(remotePath(c, vehicle, callback, action.id)), "callback": c.documents.link(callbackPath(callback)),
            ]),
        ])
    }
}
