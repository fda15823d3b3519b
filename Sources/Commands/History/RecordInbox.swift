import APIContract
import Foundation
import Listener
import Synchronization

/// Where the running `record` hears of its cars between reads: its own listener (`record --listen`), whose
/// notifications are answered 200 only once kept in the database, and the shell's `listen --background`
/// listeners, watched (they answer as they keep each one; `listen` still reads them).
final class RecordInbox {
    private let own: WebhookListener?
    private let watched: [(listener: WebhookListener, token: Int)]
    private let heard = Heard()

    /// Notifications the watched listeners received, in order, filled on their threads.
    private final class Heard: Sendable {
        let queue = Mutex<[JSON]>([])
    }

    init(own: WebhookListener?, watching listeners: [WebhookListener]) {
        self.own = own
        let heard = heard
        watched = listeners.map { listener in (listener, listener.observe { notification in heard.queue.withLock { $0.append(notification) } }) }
    }

    deinit {
        for (listener, token) in watched { listener.stopObserving(token) }
        own?.stop()
    }

    /// Where its own listener listens, if it has one.
    var url: String? { own?.url }

    /// The next notification, waiting up to `timeout` seconds for its own listener, with what acknowledges it (a
    /// watched listener's are acknowledged already).
    func next(timeout: Double) -> (notification: JSON, acknowledge: @Sendable () -> Void)? {
        let first = heard.queue.withLock { queue in queue.isEmpty ? nil : queue.removeFirst() }
        if let first { return (first, {}) }
        guard let own else {
            Thread.sleep(forTimeInterval: timeout)
            return nil
        }
        return own.receive(timeout: timeout)
    }
}
