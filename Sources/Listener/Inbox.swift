import APIContract
import Foundation

/// What a listener received and has not yet handed out, in the order it was received, and who watches it go by.
/// A notification is in the inbox before its sender is answered 200: received means kept. The inbox is bounded;
/// when it is full the sender is told to come back later (503), as the API's retry policy expects.
final class Inbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [JSON] = []
    private var head = 0
    private var observers: [Int: @Sendable (JSON) -> Void] = [:]
    private var nextObserver = 0
    private(set) var isClosed = false
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Adds the notifications of one request, all or none; false when there is no room.
    func add(_ notifications: [JSON]) -> Bool {
        condition.lock()
        guard items.count - head + notifications.count <= capacity, !isClosed else {
            condition.unlock()
            return false
        }
        items.append(contentsOf: notifications)
        let watching = Array(observers.values)
        condition.broadcast()
        condition.unlock()
        for observer in watching { notifications.forEach(observer) }
        return true
    }

    /// The next notification, waiting up to `timeout` seconds; nil when none came (or the inbox is closed and empty).
    func next(timeout: Double) -> JSON? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(timeout)
        while head >= items.count, !isClosed {
            if !condition.wait(until: deadline) { break }
        }
        guard head < items.count else { return nil }
        let item = items[head]
        head += 1
        if head > 1024, head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
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

    /// No more notifications come; waiting readers return.
    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }
}
