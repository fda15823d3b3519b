import APIContract
import Foundation
import Synchronization

/// Notifications on their way to callback targets, delivered as docs/api.md §10.5 says: in order per subject (a
/// monitor or a remote action — "retry impacts the monitor/remote, not the callback"); a 2xx means received; any
/// other answer or a time-out is tried again after the subject's retry delay (4.17: 10 simulated seconds; v4.0: the
/// monitor's `retryPolicy`, which may also bound the tries), with what queued meanwhile following; several waiting
/// go as one post (4.17: a JSON array of up to 100, Body attributes only; v4.0: one body whose `events` are all of
/// them — with `batchNotify`, held back until its size or time window is reached; without, only to flush what queued
/// during retries, one event per post otherwise); a notification older
/// than 72 simulated hours is dropped. Pending ones are kept in `DIR/deliveries.json` — written by ``flush()``, which
/// the notifier calls every look (50 ms) and at the end, so a restart loses none and a busy world does not write the
/// file once per event.
package final class Deliveries: Sendable {
    /// One notification for one target.
    package struct Notification: Sendable {
        package var id: Int
        /// What it is about (a monitor or remote action id): the order is kept per subject.
        package var subject: String
        package var target: String
        /// Header and Query attributes, already substituted.
        package var headers: [(String, String)]
        package var query: [(String, String)]
        package var message: JSON
        /// Simulated second it was raised.
        package var raisedAt: Int
        package var policy = Policy()
    }

    /// How a subject's notifications are retried and grouped.
    package struct Policy: Sendable, Equatable {
        /// Simulated seconds between tries.
        package var retryDelay = 10.0
        /// Posts tried before the notifications are given up (v4.0 `None`: 1, `Bounded`: 1 + maxRetryNumber); nil
        /// tries until the 72 hours are over.
        package var attempts: Int?
        /// Most notifications in one post.
        package var batchSize = 100
        /// v4.0 `batchNotify.timeWindow`: notifications wait until `batchSize` of them are there, or the oldest is
        /// this old.
        package var batchWindow: Double?
        /// v4.0: a post of several is one body whose `events` are all of theirs (4.17: a JSON array of messages).
        package var mergesEvents = false
    }

    /// One post, as `GET /_control/deliveries` shows it.
    package struct Attempt: Sendable {
        package var at: Int
        package var subject: String
        package var target: String
        package var notifications: [Int]
        package var outcome: WebhookClient.Outcome
    }

    private struct State {
        var counter = 0
        var pending: [Notification] = []
        var nextAttempt: [String: Double] = [:]
        /// Failed posts in a row, per subject.
        var failures: [String: Int] = [:]
        /// Subjects being posted, with their target.
        var inFlight: [String: String] = [:]
        var attempts: [Attempt] = []
        var dropped = 0
        /// The queue changed since it was last written.
        var dirty = false
    }

    package static let retention = 72 * 3600
    package static let batchSize = 100
    /// Posts in flight to one target at most.
    package static let postsPerTarget = 8
    /// Attempts kept for `/_control/deliveries`.
    private static let attemptsKept = 5000

    private let file: URL
    private let state: Mutex<State>

    package init(directory: URL) throws {
        file = directory.appendingPathComponent("deliveries.json")
        var loaded = State()
        if let document = try AtomicFile.readJSON(file) {
            loaded.counter = Int(document["counter"]?.number ?? 0)
            loaded.pending = (document["pending"]?.array ?? []).compactMap(Self.notification)
        }
        state = Mutex(loaded)
    }

    /// Queues a notification (and saves the queue).
    package func enqueue(
        subject: String, target: String, headers: [(String, String)], query: [(String, String)], message: JSON, raisedAt: Int,
        policy: Policy = Policy()
    ) {
        enqueue([
            Notification(
                id: 0, subject: subject, target: target, headers: headers, query: query, message: message, raisedAt: raisedAt, policy: policy)
        ])
    }

    /// Queues notifications in order (their ids are given here), saving the queue once.
    package func enqueue(_ notifications: [Notification]) {
        guard !notifications.isEmpty else { return }
        mutate { state in
            for var notification in notifications {
                state.counter += 1
                notification.id = state.counter
                state.pending.append(notification)
            }
        }
    }

    /// The subjects due for a post at simulated second `now`, each with its oldest notifications (one, or a batch),
    /// marked in flight; expired notifications are dropped first. At most ``postsPerTarget`` posts go to one target
    /// at once, as a polite client's connection pool would.
    package func due(at now: Double) -> [[Notification]] {
        mutate { state in
            let before = state.pending.count
            state.pending.removeAll { Double($0.raisedAt + Self.retention) < now }
            state.dropped += before - state.pending.count
            var order: [String] = []
            var waiting: [String: [Notification]] = [:]
            for notification in state.pending {
                if waiting[notification.subject] == nil { order.append(notification.subject) }
                waiting[notification.subject, default: []].append(notification)
            }
            var busy: [String: Int] = [:]
            for target in state.inFlight.values { busy[target, default: 0] += 1 }
            return order.compactMap { subject in
                guard state.inFlight[subject] == nil, (state.nextAttempt[subject] ?? 0) <= now, let list = waiting[subject], let first = list.first,
                    busy[first.target, default: 0] < Self.postsPerTarget
                else { return nil }
                let policy = first.policy
                if let window = policy.batchWindow, list.count < policy.batchSize, Double(first.raisedAt) + window > now { return nil }
                state.inFlight[subject] = first.target
                busy[first.target, default: 0] += 1
                // A v4.0 monitor without batchNotify posts one event per call, except to flush what queued while
                // it was retrying.
                let oneByOne = policy.mergesEvents && policy.batchWindow == nil && state.failures[subject] == nil
                return Array(list.prefix(oneByOne ? 1 : min(policy.batchSize, Self.batchSize)))
            }
        }
    }

    /// Drops what waits for these subjects (monitors that were deleted: their events go nowhere any more).
    package func discard(subjects: Set<String>) {
        guard !subjects.isEmpty else { return }
        mutate { state in
            let before = state.pending.count
            state.pending.removeAll { subjects.contains($0.subject) && state.inFlight[$0.subject] == nil }
            state.dropped += before - state.pending.count
        }
    }

    /// Records a post's outcome: received notifications leave the queue; otherwise the subject waits its retry delay, or gives them up after its last try.
    package func finish(_ sent: [Notification], outcome: WebhookClient.Outcome, at now: Double) {
        guard let first = sent.first else { return }
        mutate { state in
            state.inFlight[first.subject] = nil
            state.attempts.append(
                Attempt(at: Int(now), subject: first.subject, target: first.target, notifications: sent.map(\.id), outcome: outcome))
            if state.attempts.count > Self.attemptsKept { state.attempts.removeFirst(state.attempts.count - Self.attemptsKept) }
            let ids = Set(sent.map(\.id))
            if outcome.isReceived {
                state.pending.removeAll { ids.contains($0.id) }
                state.nextAttempt[first.subject] = nil
                state.failures[first.subject] = nil
                return
            }
            let failures = state.failures[first.subject, default: 0] + 1
            if let attempts = first.policy.attempts, failures >= attempts {
                state.pending.removeAll { ids.contains($0.id) }
                state.dropped += ids.count
                state.failures[first.subject] = nil
                state.nextAttempt[first.subject] = nil
            } else {
                state.failures[first.subject] = failures
                state.nextAttempt[first.subject] = now + first.policy.retryDelay
            }
        }
    }

    /// `GET /_control/deliveries`: every attempt (oldest first), what waits, what was dropped.
    package func document() -> JSON {
        state.withLock { state in
            .obj([
                "attempts": .array(
                    state.attempts.map { attempt in
                        var outcome: [(String, JSON)] = []
                        switch attempt.outcome {
                        case .status(let code): outcome.append(("status", .int(code)))
                        case .failed(let reason): outcome.append(("error", .string(reason)))
                        }
                        return .object(
                            [
                                ("time", .string(Timestamp.format(attempt.at))), ("subject", .string(attempt.subject)),
                                ("target", .string(attempt.target)), ("notifications", .array(attempt.notifications.map { .int($0) })),
                                ("received", .bool(attempt.outcome.isReceived)),
                            ] + outcome)
                    }),
                "raised": .int(state.counter), "pending": .int(state.pending.count), "dropped": .int(state.dropped),
            ])
        }
    }

    /// Applies `change` under the lock and marks the queue for ``flush()`` when it changed (every change to the
    /// queue adds or removes notifications).
    private func mutate<T>(_ change: (inout State) -> T) -> T {
        state.withLock { state in
            let before = state.pending.count
            let result = change(&state)
            if state.pending.count != before { state.dirty = true }
            return result
        }
    }

    /// Writes the queue to `deliveries.json` if it changed since it was last written.
    package func flush() throws {
        try state.withLock { state in
            guard state.dirty else { return }
            try AtomicFile.write(Self.saved(state).bytes, to: file, mode: 0o600)
            state.dirty = false
        }
    }

    private static func saved(_ state: State) -> JSON {
        .obj([
            "counter": .int(state.counter),
            "pending": .array(
                state.pending.map { n in
                    .obj([
                        "id": .int(n.id), "subject": .string(n.subject), "target": .string(n.target),
                        "headers": .array(n.headers.map { .array([.string($0.0), .string($0.1)]) }),
                        "query": .array(n.query.map { .array([.string($0.0), .string($0.1)]) }), "message": n.message, "raisedAt": .int(n.raisedAt),
                        "policy": .obj([
                            "retryDelay": .double(n.policy.retryDelay), "attempts": n.policy.attempts.map { .int($0) },
                            "batchSize": .int(n.policy.batchSize), "batchWindow": n.policy.batchWindow.map { .double($0) },
                            "mergesEvents": .bool(n.policy.mergesEvents),
                        ]),
                    ])
                }),
        ])
    }

    private static func notification(_ item: JSON) -> Notification? {
        guard let id = item["id"]?.number, let subject = item["subject"]?.string, let target = item["target"]?.string,
            let message = item["message"], let raised = item["raisedAt"]?.number
        else { return nil }
        func pairs(_ key: String) -> [(String, String)] {
            (item[key]?.array ?? []).compactMap { pair in
                guard let parts = pair.array, parts.count == 2, let name = parts[0].string, let value = parts[1].string else { return nil }
                return (name, value)
            }
        }
        let saved = item["policy"]
        let policy = Policy(
            retryDelay: saved?["retryDelay"]?.number ?? 10, attempts: saved?["attempts"]?.number.map { Int($0) },
            batchSize: Int(saved?["batchSize"]?.number ?? 100), batchWindow: saved?["batchWindow"]?.number,
            mergesEvents: saved?["mergesEvents"] == .bool(true))
        return Notification(
            id: Int(id), subject: subject, target: target, headers: pairs("headers"), query: pairs("query"), message: message,
            raisedAt: Int(raised), policy: policy)
    }
}
