import Foundation

/// Reads a collection's pages on a thread of its own, ahead of the consumer, so that the server is never idle
/// while the consumer reads: one page waits for the consumer while the next is being fetched. The thread only
/// finds the next link (at the start of a HAL page) before sending the next request; the consumer cuts the page.
/// The worker session is used by that thread alone.
///
/// The thread stops after the last page, after a failure (handed to the consumer in its turn), or once ``stop()``
/// is called — when the consumer has gone (`first 100`), the page in flight is dropped.
final class PageReadAhead: Sendable {
    /// The fetched page nobody has taken yet (its request and body), and whether the consumer has gone.
    private struct Hand {
        var page: Result<(APIRequest, [UInt8]), ClientError>?
        var stopped = false
    }

    // NSCondition guards `hand`; nonisolated(unsafe) because only code holding the condition's lock touches it.
    private let condition = NSCondition()
    nonisolated(unsafe) private var hand = Hand()

    /// Starts fetching from `request` on `worker`.
    init(from request: APIRequest, on worker: Session) {
        nonisolated(unsafe) let worker = worker
        Thread { [self] in run(from: request, on: worker) }.start()
    }

    private func run(from first: APIRequest, on worker: Session) {
        var request = first
        while true {
            let page = Result { () throws(ClientError) in (request, try worker.send(request).body) }
            condition.lock()
            while hand.page != nil, !hand.stopped { condition.wait() }
            if hand.stopped {
                condition.unlock()
                return
            }
            hand.page = page
            condition.broadcast()
            condition.unlock()
            guard case .success((_, let body)) = page, let next = CollectionPage.next(in: body) else { return }
            request = next
        }
    }

    /// The next page, waiting for it if need be; its failure is thrown here, when the consumer reaches it.
    func next() throws(ClientError) -> CollectionPage {
        let (request, body) = try take().get()
        return try CollectionPage(body: body, of: request)
    }

    /// Takes the waiting page (the producer may fetch the next one at once).
    private func take() -> Result<(APIRequest, [UInt8]), ClientError> {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let page = hand.page {
                hand.page = nil
                condition.broadcast()
                return page
            }
            condition.wait()
        }
    }

    /// The consumer has gone: the thread ends after the request in flight.
    func stop() {
        condition.lock()
        hand.stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
