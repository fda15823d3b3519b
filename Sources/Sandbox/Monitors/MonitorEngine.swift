import APIContract
import Foundation
import Synchronization

/// Evaluates every Running monitor (v4.0 and 4.17) as the world moves, every ``step`` simulated seconds, and
/// queues what fires for delivery.
///
/// A monitor fires when its bool expression becomes true (`refresh: false`), then reminds every `refreshEvent`
/// seconds while it stays true (`refresh: true`); a data trigger with `onChange` fires at each change. Its first
/// evaluation only records what it sees: a car already outside the zone, a level already below the threshold,
/// a window already open, does not fire until the condition has been false and becomes true again.
///
/// Evaluation runs on simulated time, a step at a time, whatever the clock's pace: advancing the clock an hour at
/// once sees every crossing a car made during that hour. A control change to the world is data arriving from the
/// car: it waits until the engine has caught up with the clock, and monitors are evaluated just before and just
/// after it, at that instant (``whileCaughtUp(_:)``), so a change is never missed nor rewrites a past the engine
/// has not seen.
package final class MonitorEngine: Sendable {
    /// Where evaluation stands; kept in `world.json`.
    package struct Progress: Codable, Sendable {
        /// The last simulated second evaluated (a multiple of ``step``).
        package var evaluatedUntil: Double
        package var monitors: [String: Runtime] = [:]
    }

    /// What one monitor's evaluation remembers between steps.
    package struct Runtime: Codable, Sendable {
        /// The monitor's revision this is about; a changed monitor starts afresh.
        var revision: Int
        /// Whether the expression was true at the last step.
        var active = false
        /// When it last fired or reminded.
        var lastFired: Double?
        /// Each data trigger's last value, and the value it had before its last change (by trigger position).
        var values: [String?] = []
        var priors: [String?] = []

        init(revision: Int, triggers: Int) {
            self.revision = revision
            values = Array(repeating: nil, count: triggers)
            priors = Array(repeating: nil, count: triggers)
        }
    }

    /// Simulated seconds between evaluations.
    package static let step = 10.0

    let api: ConnectedCarAPI
    let deliveries: Deliveries
    /// `https://127.0.0.1:PORT`, for the links of documents in events; known once the server listens.
    private let origin = Mutex("")
    private let state: Mutex<State>
    private let programs = Mutex<[String: (revision: Int, program: MonitorProgram?)]>([:])

    /// Where evaluation stands, and the monitors being evaluated with their runtimes (kept beside the round, and
    /// written back into `progress.monitors` when the monitors change or the progress is saved).
    private struct State {
        var progress: Progress
        /// The store versions `round` was made from.
        var versions: (monitors: Int, callbacks: Int)?
        var round: Round?
        /// Runtimes in `round.due` order (nil: not evaluated yet).
        var runtimes: [Runtime?] = []

        /// `progress` with the runtimes written back.
        mutating func synced() -> Progress {
            if let round { for (due, runtime) in zip(round.due, runtimes) { progress.monitors[due.record.id] = runtime } }
            return progress
        }
    }

    package init(api: ConnectedCarAPI, deliveries: Deliveries, progress: Progress?) {
        self.api = api
        self.deliveries = deliveries
        state = Mutex(State(progress: progress ?? Progress(evaluatedUntil: Self.floor(api.clock.now))))
    }

    package func setOrigin(_ url: String) {
        origin.withLock { $0 = url }
        state.withLock { $0.versions = nil }
    }

    /// Where evaluation stands, for `world.json` and `/_control/deliveries`.
    package var snapshot: Progress { state.withLock { $0.synced() } }

    /// Evaluates the steps the clock has passed, at most `maxSteps` of them (the notifier's loop evaluates a
    /// simulated day per look, so a long advance never holds deliveries up).
    package func catchUp(maxSteps: Int = .max) {
        state.withLock { evaluate(&$0, until: api.clock.now, maxSteps: maxSteps) }
    }

    /// Runs `body` (a change to the world) once every step up to the clock's now has been evaluated, with no
    /// evaluation meanwhile; monitors are evaluated at that instant before and after it.
    package func whileCaughtUp<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        try state.withLock { (state) throws(E) -> T in
            let now = api.clock.now
            evaluate(&state, until: now, maxSteps: .max)
            guard let round = state.round else { return try body() }
            var raised = round.evaluate(at: now, &state.runtimes)
            let result = try body()
            raised += round.evaluate(at: now, &state.runtimes)
            deliveries.enqueue(raised)
            return result
        }
    }

    private static func floor(_ t: Double) -> Double { (t / step).rounded(.down) * step }

    /// One monitor due for evaluation on one vehicle (a class: evaluations pass it around without copying it).
    private final class Due: Sendable {
        let user: String
        let record: MonitorStore.Record
        let program: MonitorProgram

        init(user: String, record: MonitorStore.Record, program: MonitorProgram) {
            self.user = user
            self.record = record
            self.program = program
        }
    }

    private func evaluate(_ state: inout State, until now: Double, maxSteps: Int) {
        prepare(&state)
        guard let round = state.round, !round.due.isEmpty else {
            state.progress.evaluatedUntil = max(state.progress.evaluatedUntil, Self.floor(now))
            return
        }
        var steps = 0
        var raised: [Deliveries.Notification] = []
        while state.progress.evaluatedUntil + Self.step <= now, steps < maxSteps {
            let t = state.progress.evaluatedUntil + Self.step
            raised += round.evaluate(at: t, &state.runtimes)
            state.progress.evaluatedUntil = t
            steps += 1
        }
        deliveries.enqueue(raised)
    }

    /// Makes the round again when monitors or remote actions changed: runtimes are carried over by monitor id, and
    /// what waits for delivery for a deleted monitor is dropped.
    private func prepare(_ state: inout State) {
        let versions = (api.monitors.version, api.callbacks.version)
        if let known = state.versions, known == versions, state.round != nil { return }
        var progress = state.synced()
        let round = Round(self)
        let kept = api.monitors.allIDs()
        deliveries.discard(subjects: Set(progress.monitors.keys.filter { !kept.contains($0) }))
        programs.withLock { cache in cache = cache.filter { kept.contains($0.key) } }
        let live = Set(round.due.map(\.record.id))
        progress.monitors = progress.monitors.filter { live.contains($0.key) }
        state = State(progress: progress, versions: versions, round: round, runtimes: round.runtimes(progress))
    }

    /// The Running monitors, their vehicles and those vehicles' remote actions, read once for many evaluations.
    private struct Round: Sendable {
        let engine: MonitorEngine
        /// Every monitor due, grouped by vehicle (in `vehicles` order).
        let due: [Due]
        /// Each vehicle with the range of its monitors in `due`, and its remote actions.
        let vehicles: [Fleet.Vehicle]
        let ranges: [Range<Int>]
        let remotes: [[RemoteAction]]
        let documents: Documents

        init(_ engine: MonitorEngine) {
            self.engine = engine
            let api = engine.api
            var byVehicle: [String: [Due]] = [:]
            for (user, vehicle, record) in api.monitors.running() {
                guard let program = engine.program(record) else { continue }
                byVehicle[vehicle, default: []].append(Due(user: user, record: record, program: program))
            }
            let remotes = Dictionary(grouping: api.callbacks.allRemotes(), by: \.vehicle)
            var due: [Due] = []
            var vehicles: [Fleet.Vehicle] = []
            var ranges: [Range<Int>] = []
            var actions: [[RemoteAction]] = []
            for id in byVehicle.keys.sorted() {
                guard let index = api.fleet.vehicleIndex(id: id), let monitors = byVehicle[id] else { continue }
                vehicles.append(api.fleet.vehicle(index))
                ranges.append(due.count..<due.count + monitors.count)
                actions.append(remotes[id] ?? [])
                due += monitors
            }
            self.due = due
            self.vehicles = vehicles
            self.ranges = ranges
            self.remotes = actions
            documents = Documents(fleet: api.fleet, baseURL: engine.origin.withLock { $0 } + "/" + ConnectedCarAPI.basePath.joined(separator: "/"))
        }

        /// Each monitor's runtime, in `due` order (nil: not evaluated yet, or changed since).
        func runtimes(_ progress: Progress) -> [Runtime?] {
            due.map { due in progress.monitors[due.record.id].flatMap { $0.revision == due.record.revision ? $0 : nil } }
        }

        /// Evaluates every monitor made by `t` on its car's state at `t`; returns what fired.
        func evaluate(at t: Double, _ runtimes: inout [Runtime?]) -> [Deliveries.Notification] {
            var raised: [Deliveries.Notification] = []
            for v in vehicles.indices {
                let state = engine.api.world.state(of: vehicles[v], at: t, actions: remotes[v])
                for n in ranges[v] where Double(due[n].record.createdAt) <= t {
                    if let event = engine.evaluate(due[n], vehicle: vehicles[v], state: state, at: t, runtime: &runtimes[n], documents: documents) {
                        raised.append(event)
                    }
                }
            }
            return raised
        }
    }

    private func program(_ record: MonitorStore.Record) -> MonitorProgram? {
        programs.withLock { cache in
            if let known = cache[record.id], known.revision == record.revision { return known.program }
            let program = MonitorProgram(record)
            cache[record.id] = (record.revision, program)
            return program
        }
    }

    /// Evaluates one monitor at `t` (`runtime` nil: its first evaluation, which only records what it sees); returns
    /// its event if it fired or reminded.
    private func evaluate(
        _ due: Due, vehicle: Fleet.Vehicle, state: VehicleState, at t: Double, runtime saved: inout Runtime?, documents: Documents
    ) -> Deliveries.Notification? {
        let first = saved == nil
        let triggers = due.program.triggers
        var runtime = saved ?? Runtime(revision: due.record.revision, triggers: triggers.count)
        var truth = Array(repeating: false, count: triggers.count)
        var causes: [MonitorMessage.Cause] = []
        var pulsed = false
        for (n, (_, trigger)) in triggers.enumerated() {
            switch trigger {
            case .zone(let center, let radius, let outside):
                truth[n] = (state.position.distanceKm(to: center) <= radius) != outside
            case .time(let windows):
                truth[n] = windows.contains(Int(t))
            case .data(let data):
                let current = VehicleData.value(data.data, in: state, vehicle: vehicle, fleet: api.fleet)
                let last = runtime.values[n]
                let changed = !first && current != last
                if changed, let last { runtime.priors[n] = last }
                runtime.values[n] = current
                guard let current else { continue }
                let list = data.data == "vehicle.alert"
                var holds = data.op == "onChange" ? changed : VehicleData.satisfies(current, data.op, data.operands, list: list)
                if holds, let previous = data.previous {
                    holds = runtime.priors[n].map { VehicleData.satisfies($0, previous.op, previous.operands, list: list) } ?? false
                }
                truth[n] = holds
                if holds {
                    causes.append(MonitorMessage.Cause(data: data.data, value: current, previous: data.previous == nil ? nil : runtime.priors[n]))
                    if data.op == "onChange" { pulsed = true }
                }
            }
        }
        let holds = due.program.expression.evaluate(truth)
        defer {
            runtime.active = holds
            saved = runtime
        }
        guard !first, holds else { return nil }
        if !runtime.active || pulsed {
            runtime.lastFired = t
            return event(due, vehicle: vehicle, state: state, at: t, causes: causes, refresh: false, documents: documents)
        } else if let refresh = due.program.refresh, refresh > 0, let last = runtime.lastFired, t - last >= Double(refresh) {
            runtime.lastFired = last + Double(refresh) * ((t - last) / Double(refresh)).rounded(.down)
            return event(due, vehicle: vehicle, state: state, at: t, causes: causes, refresh: true, documents: documents)
        }
        return nil
    }

    /// The notification of one firing, or nil when the monitor has nowhere to post.
    private func event(
        _ due: Due, vehicle: Fleet.Vehicle, state: VehicleState, at t: Double, causes: [MonitorMessage.Cause], refresh: Bool, documents: Documents
    ) -> Deliveries.Notification? {
        guard
            let message = MonitorMessage(
                record: due.record, user: due.user, vehicle: vehicle, state: state, at: Int(t), causes: causes, refresh: refresh,
                extensions: due.program.extensions, api: api, documents: documents)
        else { return nil }
        return Deliveries.Notification(
            id: 0, subject: due.record.id, target: message.target, headers: message.headers, query: message.query, message: message.body,
            raisedAt: Int(t), policy: message.policy)
    }
}
