import APIContract
import Foundation

/// What a listener received and has not yet handed out, in the order it was received, and who watches it go by.
///
/// Nothing acknowledged is lost: a request's notifications are acknowledged (its sender answered 200) only once
/// they are safe. While a reader takes them (``AcknowledgePolicy/whenTaken``, a `listen` in a pipeline) that is
/// when the reader has taken every one of them; a reader that stops early (`listen | first 2`) leaves the rest
/// unacknowledged, and their sender is told to send again (503) — the API retries. A listener kept in the shell
/// for later readers (``AcknowledgePolicy/whenKept``, `listen --background`) acknowledges what it keeps.
///
/// The inbox is bounded by count and by bytes; when it is full the sender is told to come back later (503), as the
/// API's retry policy expects.
final class Inbox: @unchecked Sendable {
    /// When a request's notifications count as safe.
    enum AcknowledgePolicy: Sendable {
        case whenKept
        case whenTaken
    }

    /// One request's notifications, as the listener's loop follows them.
    struct Ticket: Hashable, Sendable {
        let number: Int
    }

    private struct Item {
        var notification: JSON
        var ticket: Ticket
        var bytes: Int
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var head = 0
    /// Notifications of each ticket not yet taken.
    private var untaken: [Ticket: Int] = [:]
    private var bytesKept = 0
    private var nextTicket = 0
    private var observers: [Int: @Sendable (JSON) -> Void] = [:]
    private var nextObserver = 0
    private(set) var isClosed = false
    let capacity: Int
    let byteCapacity: Int
    private var policy: AcknowledgePolicy
    /// Called (under no lock) when a ticket's last notification is taken: the listener's loop wakes to answer it.
    var onSettled: @Sendable () -> Void = {}

    init(capacity: Int, byteCapacity: Int, policy: AcknowledgePolicy) {
        self.capacity = capacity
        self.byteCapacity = byteCapacity
        self.policy = policy
    }

    /// Adds the notifications of one request (`bytes` long), all or none; nil when there is no room or the inbox
    /// is closed. The ticket is settled at once under ``AcknowledgePolicy/whenKept``.
    func add(_ notifications: [JSON], bytes: Int) -> Ticket? {
        condition.lock()
        guard !isClosed, items.count - head + notifications.count <= capacity, bytesKept + bytes <= byteCapacity else {
            condition.unlock()
            return nil
        }
        nextTicket += 1
        let ticket = Ticket(number: nextTicket)
        let share = bytes / max(1, notifications.count)
        for (n, notification) in notifications.enumerated() {
            items.append(Item(notification: notification, ticket: ticket, bytes: n == 0 ? bytes - share * (notifications.count - 1) : share))
        }
        bytesKept += bytes
        if policy == .whenTaken { untaken[ticket] = notifications.count }
        let watching = Array(observers.values)
        condition.broadcast()
        condition.unlock()
        for observer in watching { notifications.forEach(observer) }
        return ticket
    }

    /// Whether every notification of `ticket` is safe (taken, or kept under ``AcknowledgePolicy/whenKept``).
    func isSettled(_ ticket: Ticket) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return untaken[ticket] == nil
    }

    /// From now on, what is kept is acknowledged (a listener handed to the shell with `--background`); the tickets
    /// waiting are settled.
    func acknowledgeWhenKept() {
        condition.lock()
        policy = .whenKept
        let hadWaiting = !untaken.isEmpty
        untaken.removeAll()
        condition.unlock()
        if hadWaiting { onSettled() }
    }

    /// The next notification, taken, waiting up to `timeout` seconds; nil when none came (or the inbox is closed and
    /// empty).
    func next(timeout: Double) -> JSON? {
        guard let (notification, ticket) = receive(timeout: timeout) else { return nil }
        taken(ticket)
        return notification
    }

    /// Like ``next(timeout:)``, but the notification counts as taken only at ``taken(_:)`` with its ticket: after
    /// the reader has done with it what must not be lost (`listen --print` wrote it out).
    func receive(timeout: Double) -> (JSON, Ticket)? {
        condition.lock()
        let deadline = Date().addingTimeInterval(timeout)
        while head >= items.count, !isClosed {
            if !condition.wait(until: deadline) { break }
        }
        guard head < items.count else {
            condition.unlock()
            return nil
        }
        let item = items[head]
        head += 1
        bytesKept -= item.bytes
        if head > 1024, head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.unlock()
        return (item.notification, item.ticket)
    }

    /// One notification of `ticket` is taken; the last one settles the ticket (its sender is answered 200).
    func taken(_ ticket: Ticket) {
        condition.lock()
        var settled = false
        if let left = untaken[ticket] {
            if left <= 1 {
                untaken[ticket] = nil
                settled = true
            } else {
                untaken[ticket] = left - 1
            }
        }
        condition.unlock()
        if settled { onSettled() }
    }

    /// How many wait to be handed out.
    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return items.count - head
    }

    /// Calls `observer` (on the listener's thread) with every notification received from now on; returns what
    /// ``stopObserving(_:)`` takes.
    func observe(_ observer: @escaping @Sendable (JSON) -> Void) -> Int {
        condition.lock()
        defer { condition.unlock() }
        nextObserver += 1
        observers[nextObserver] = observer
        return nextObserver
    }

    func stopObserving(_ token: Int) {
        condition.lock()
        observers[token] = nil
        condition.unlock()
    }

    /// No more notifications come; waiting readers return. Tickets not settled stay so: their senders are told to
    /// send again.
    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }
}
