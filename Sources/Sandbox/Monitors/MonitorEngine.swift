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
        /// Each data trigger's last value, and the value it had before its last change.
        var values: [String: String] = [:]
        var priors: [String: String] = [:]
    }

    /// Simulated seconds between evaluations.
    package static let step = 10.0

    let api: ConnectedCarAPI
    let deliveries: Deliveries
    /// `https://127.0.0.1:PORT`, for the links of documents in events; known once the server listens.
    private let origin = Mutex("")
    private let progress: Mutex<Progress>
    private let programs = Mutex<[String: (revision: Int, program: MonitorProgram?)]>([:])

    package init(api: ConnectedCarAPI, deliveries: Deliveries, progress: Progress?) {
        self.api = api
        self.deliveries = deliveries
        self.progress = Mutex(progress ?? Progress(evaluatedUntil: Self.floor(api.clock.now)))
    }

    package func setOrigin(_ url: String) { origin.withLock { $0 = url } }

    /// Where evaluation stands, for `world.json` and `/_control/deliveries`.
    package var snapshot: Progress { progress.withLock { $0 } }

    /// Evaluates the steps the clock has passed, at most `maxSteps` of them (the notifier's loop evaluates a
    /// simulated day per look, so a long advance never holds deliveries up).
    package func catchUp(maxSteps: Int = .max) {
        progress.withLock { evaluate(&$0, until: api.clock.now, maxSteps: maxSteps) }
    }

    /// Runs `body` (a change to the world) once every step up to the clock's now has been evaluated, with no
    /// evaluation meanwhile; monitors are evaluated at that instant before and after it.
    package func whileCaughtUp<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        try progress.withLock { (progress) throws(E) -> T in
            let now = api.clock.now
            evaluate(&progress, until: now, maxSteps: .max)
            let round = Round(self)
            round.evaluate(at: now, &progress)
            let result = try body()
            round.evaluate(at: now, &progress)
            return result
        }
    }

    private static func floor(_ t: Double) -> Double { (t / step).rounded(.down) * step }

    /// One monitor due for evaluation on one vehicle.
    private struct Due {
        var user: String
        var record: MonitorStore.Record
        var program: MonitorProgram
    }

    private func evaluate(_ progress: inout Progress, until now: Double, maxSteps: Int) {
        let round = Round(self)
        let live = Set(round.due.values.flatMap { $0.map(\.record.id) })
        let kept = api.monitors.allIDs()
        let deleted = Set(progress.monitors.keys.filter { !kept.contains($0) })
        do { try deliveries.discard(subjects: deleted) } catch {
            FileHandle.standardError.write(Data("ccsh-sandbox: cannot drop a deleted monitor's events: \(error)\n".utf8))
        }
        progress.monitors = progress.monitors.filter { live.contains($0.key) }
        guard !round.due.isEmpty else {
            progress.evaluatedUntil = max(progress.evaluatedUntil, Self.floor(now))
            return
        }
        var steps = 0
        while progress.evaluatedUntil + Self.step <= now, steps < maxSteps {
            let t = progress.evaluatedUntil + Self.step
            round.evaluate(at: t, &progress)
            progress.evaluatedUntil = t
            steps += 1
        }
    }

    /// The Running monitors, their vehicles and those vehicles' remote actions, read once for many evaluations.
    private struct Round {
        let engine: MonitorEngine
        /// Vehicle id → its monitors.
        let due: [String: [Due]]
        let vehicles: [(id: String, vehicle: Fleet.Vehicle)]
        let remotes: [String: [RemoteAction]]
        let documents: Documents

        init(_ engine: MonitorEngine) {
            self.engine = engine
            let api = engine.api
            var due: [String: [Due]] = [:]
            for (user, vehicle, record) in api.monitors.running() {
                guard let program = engine.program(record) else { continue }
                due[vehicle, default: []].append(Due(user: user, record: record, program: program))
            }
            self.due = due
            vehicles = due.keys.sorted().compactMap { id in api.fleet.vehicleIndex(id: id).map { (id, api.fleet.vehicle($0)) } }
            remotes = Dictionary(grouping: api.callbacks.allRemotes(), by: \.vehicle)
            documents = Documents(fleet: api.fleet, baseURL: engine.origin.withLock { $0 } + "/" + ConnectedCarAPI.basePath.joined(separator: "/"))
        }

        /// Evaluates every monitor made by `t` on its car's state at `t`.
        func evaluate(at t: Double, _ progress: inout Progress) {
            for (id, vehicle) in vehicles {
                let state = engine.api.world.state(of: vehicle, at: t, actions: remotes[id] ?? [])
                for due in due[id] ?? [] where Double(due.record.createdAt) <= t {
                    engine.evaluate(due, vehicle: vehicle, state: state, at: t, progress: &progress, documents: documents)
                }
            }
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

    private func evaluate(_ due: Due, vehicle: Fleet.Vehicle, state: VehicleState, at t: Double, progress: inout Progress, documents: Documents) {
        let key = due.record.id
        let first = progress.monitors[key]?.revision != due.record.revision
        var runtime = first ? Runtime(revision: due.record.revision) : progress.monitors[key] ?? Runtime(revision: due.record.revision)
        var truth: [String: Bool] = [:]
        var causes: [MonitorMessage.Cause] = []
        var pulsed = false
        for (name, trigger) in due.program.triggers {
            switch trigger {
            case .zone(let center, let radius, let outside):
                truth[name] = (state.position.distanceKm(to: center) <= radius) != outside
            case .time(let windows):
                truth[name] = windows.contains(Int(t))
            case .data(let data):
                let current = VehicleData.value(data.data, in: state, vehicle: vehicle, fleet: api.fleet)
                let last = runtime.values[name]
                let changed = !first && current != last
                if changed, let last { runtime.priors[name] = last }
                runtime.values[name] = current
                guard let current else {
                    truth[name] = false
                    continue
                }
                var holds = data.op == "onChange" ? changed : VehicleData.satisfies(current, data.op, data.operands)
                if holds, let previous = data.previous {
                    holds = runtime.priors[name].map { VehicleData.satisfies($0, previous.op, previous.operands) } ?? false
                }
                truth[name] = holds
                if holds {
                    causes.append(MonitorMessage.Cause(data: data.data, value: current, previous: data.previous == nil ? nil : runtime.priors[name]))
                    if data.op == "onChange" { pulsed = true }
                }
            }
        }
        let holds = due.program.expression.evaluate(truth)
        defer {
            runtime.active = holds
            progress.monitors[key] = runtime
        }
        guard !first, holds else { return }
        if !runtime.active || pulsed {
            fire(due, vehicle: vehicle, state: state, at: t, causes: causes, refresh: false, documents: documents)
            runtime.lastFired = t
        } else if let refresh = due.program.refresh, refresh > 0, let last = runtime.lastFired, t - last >= Double(refresh) {
            fire(due, vehicle: vehicle, state: state, at: t, causes: causes, refresh: true, documents: documents)
            runtime.lastFired = last + Double(refresh) * ((t - last) / Double(refresh)).rounded(.down)
        }
    }

    private func fire(
        _ due: Due, vehicle: Fleet.Vehicle, state: VehicleState, at t: Double, causes: [MonitorMessage.Cause], refresh: Bool, documents: Documents
    ) {
        guard
            let message = MonitorMessage(
                record: due.record, user: due.user, vehicle: vehicle, state: state, at: Int(t), causes: causes, refresh: refresh,
                extensions: due.program.extensions, api: api, documents: documents)
        else { return }
        do {
            try deliveries.enqueue(
                subject: due.record.id, target: message.target, headers: message.headers, query: message.query, message: message.body,
                raisedAt: Int(t), policy: message.policy)
        } catch {
            FileHandle.standardError.write(Data("ccsh-sandbox: cannot queue a monitor event: \(error)\n".utf8))
        }
    }
}
