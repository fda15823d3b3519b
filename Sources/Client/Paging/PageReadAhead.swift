import Foundation
import Synchronization

/// The next page of a collection, fetched on a thread of its own while the consumer reads the current one, so
/// that the network and the reading overlap. The worker session is used by that thread alone until ``page()``
/// returns.
final class PageReadAhead: Sendable {
    private let outcome = Mutex<Result<CollectionPage, ClientError>?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts fetching `request` on `worker`.
    init(_ request: APIRequest, on worker: Session) {
        nonisolated(unsafe) let worker = worker
        Thread { [self] in
            let result = Result { () throws(ClientError) in try CollectionPage.fetch(request, on: worker) }
            outcome.withLock { $0 = result }
            finished.signal()
        }.start()
    }

    /// Waits for the page; its failure is thrown here, when the consumer reaches it.
    func page() throws(ClientError) -> CollectionPage {
        finished.wait()
        finished.signal()
        guard let result = outcome.withLock({ $0 }) else { preconditionFailure("signalled without an outcome") }
        return try result.get()
    }
}
