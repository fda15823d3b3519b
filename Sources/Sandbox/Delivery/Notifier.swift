import APIContract
import Foundation
import Synchronization

/// What makes the world's events reach their callbacks: as the clock moves, monitors are evaluated (and what fires
/// is queued), each remote action's new statuses are raised as Remote messages (Pending…, then Done) for its
/// callback, and due notifications are posted, each subject on its own task, so that a slow receiver holds up
/// nothing but itself and never an API request. The world is saved every few seconds.
package struct Notifier: Sendable {
    let api: ConnectedCarAPI
    let engine: MonitorEngine
    let deliveries: Deliveries
    let client: WebhookClient
    let keeper: WorldKeeper

    package init(api: ConnectedCarAPI, engine: MonitorEngine, deliveries: Deliveries, client: WebhookClient, keeper: WorldKeeper) {
        self.api = api
        self.engine = engine
        self.deliveries = deliveries
        self.client = client
        self.keeper = keeper
    }

    /// Simulated steps evaluated per look: a day, so that a long advance of the clock is caught up in pieces.
    static let stepsPerLook = Int(86400 / MonitorEngine.step)
    /// Real seconds between saves of the world.
    static let savePeriod = 5.0

    /// How often the world is looked at, in real seconds.
    static let period = 0.05

    /// Runs until the task is cancelled. The looking is done on a thread of its own at a lower priority (nice 10),
    /// so that evaluating a thousand monitors never competes on equal terms with an API request.
    package func run() async {
        let stopped = StopFlag()
        let finished = AsyncStream<Void>.makeStream()
        let loop = Thread {
            // On Linux, PRIO_PROCESS with 0 sets the calling thread's nice value only.
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            look(until: stopped)
            finished.continuation.finish()
        }
        loop.name = "ccsh-sandbox notifier"
        await withTaskCancellationHandler {
            loop.start()
            for await _ in finished.stream {}
        } onCancel: {
            stopped.value.store(true, ordering: .relaxed)
        }
    }

    /// Looks at the world every ``period`` until `stopped`.
    private func look(until stopped: StopFlag) {
        var saved = Clock.monotonic
        while !stopped.value.load(ordering: .relaxed) {
            engine.catchUp(maxSteps: Self.stepsPerLook)
            raiseRemoteEvents()
            post()
            do { try deliveries.flush() } catch {
                FileHandle.standardError.write(Data("ccsh-sandbox: cannot save the deliveries: \(error)\n".utf8))
            }
            if Clock.monotonic - saved > Self.savePeriod {
                saved = Clock.monotonic
                do { try keeper.save() } catch {
                    FileHandle.standardError.write(Data("ccsh-sandbox: cannot save the world: \(error)\n".utf8))
                }
            }
            Thread.sleep(forTimeInterval: Self.period)
        }
    }

    /// Queues a message for every step of every remote action that the clock has passed and that was not raised yet.
    func raiseRemoteEvents() {
        let now = api.clock.seconds
        for action in api.callbacks.allRemotes() {
            let reached = action.steps.filter { $0.at <= now }
            guard reached.count > action.notified else { continue }
            let callback = api.callbacks.callback(user: action.user, id: action.callbackId)
            // A paused callback posts nothing, a deleted one never will (docs/api.md §7).
            if let callback, callback.status == "Running" {
                let vin = api.fleet.vehicleIndex(id: action.vehicle).map { api.fleet.vehicle($0).vin } ?? ""
                for step in reached.dropFirst(action.notified) {
                    guard let message = Self.message(for: action, step, callback, vin: vin) else { continue }
                    deliveries.enqueue(
                        subject: action.id, target: message.target, headers: message.headers, query: message.query, message: message.body,
                        raisedAt: step.at)
                }
            }
            try? api.callbacks.markNotified(action.id, count: reached.count)
        }
    }

    static func message(for action: RemoteAction, _ step: RemoteAction.Step, _ callback: CallbackStore.Callback, vin: String) -> CallbackMessage? {
        let done = step.isDone
        let locked = action.action == "door" && action.remote["door"]?["state"] == .string("Locked")
        let status: JSON = .obj([
            "type": .string(done ? "Done" : "Pending"), "status": .string(step.status),
            "failureCause": done && step.status == "Failed" ? action.failureCause.map { .string($0) } : nil,
            "feedbackDetail": done && step.status == "Success" && locked ? "NoCIDBlacklisted" : nil,
        ])
        let event: JSON = .obj(["remoteActionId": .string(action.id), "remoteType": .string(action.type), "eventStatus": status])
        let extra = (action.remote["attributes"]?.array ?? []) + (action.remote["callbackAttributes"]?["webhook"]?.array ?? [])
        return CallbackMessage(
            callback: callback, type: "Remote", date: step.at, event: ("remoteEvent", event), extraAttributes: extra,
            variables: [
                "vin": vin, "remotetype": action.type, "remotestatus": step.status, "remotelabel": action.remote["label"]?.string ?? "",
            ])
    }

    /// Posts what is due: one notification as a `Message`, several waiting as an array of them (Body attributes only).
    func post() {
        let now = api.clock.now
        for batch in deliveries.due(at: now) {
            guard let first = batch.first else { continue }
            let single = batch.count == 1
            var target = first.target
            if single || first.policy.mergesEvents, !first.query.isEmpty {
                if var components = URLComponents(string: target) {
                    components.queryItems = (components.queryItems ?? []) + first.query.map { URLQueryItem(name: $0.0, value: $0.1) }
                    target = components.string ?? target
                }
            }
            let merged = first.policy.mergesEvents
            let body: JSON =
                single
                ? first.message
                : merged
                    ? first.message.setting("events", .array(batch.flatMap { $0.message["events"]?.array ?? [] }))
                    : .array(batch.map(\.message))
            let headers = single || merged ? first.headers : []
            Task {
                let outcome: WebhookClient.Outcome
                if let url = URL(string: target) {
                    outcome = await client.post(url, headers: headers, body: body.bytes)
                } else {
                    outcome = .failed("not a URL: \(target)")
                }
                deliveries.finish(batch, outcome: outcome, at: api.clock.now)
            }
        }
    }
}

/// Tells the notifier's thread to stop.
private final class StopFlag: Sendable {
    let value = Atomic(false)
}
