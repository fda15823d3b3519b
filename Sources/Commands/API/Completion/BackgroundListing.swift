import Client
import Foundation
import Shell
import Synchronization

/// A listing (one paged collection, or several) read on a thread of its own, for TAB, which may wait for it only a moment: `rows(within:)` gives
/// the rows once they have come, nil while the listing goes on (a later TAB asks again), or the failure's message.
final class BackgroundListing: Sendable {
    private enum State: Sendable {
        case running
        case done([Value])
        case failed(String)
    }

    private let state = Mutex(State.running)
    private let finished = DispatchSemaphore(value: 0)
    /// When the listing started, so that a finished one can be reused for a while.
    let started = Date()

    /// Starts `list` on `worker`, a session no other thread uses: the rows of one collection (``rows(of:on:)``), or
    /// of several.
    init(worker: Session, list: @escaping @Sendable (Session) throws -> [Value]) {
        nonisolated(unsafe) let worker = worker
        Thread { [self] in read(on: worker, list) }.start()
    }

    /// Every row of a paged collection.
    static func rows(of request: APIRequest, on worker: Session) throws -> [Value] {
        let cursor = CollectionCursor(session: worker, request: request)
        var rows: [Value] = []
        while let bytes = try cursor.next() { rows.append(try JSONReader.value(from: bytes)) }
        return rows
    }

    private func read(on worker: Session, _ list: (Session) throws -> [Value]) {
        let outcome: State
        do {
            outcome = .done(try list(worker))
        } catch let error as ClientError {
            outcome = .failed(error.userMessage)
        } catch {
            outcome = .failed("the answer is not valid JSON")
        }
        state.withLock { $0 = outcome }
        finished.signal()
    }

    /// The rows if the listing ends within `milliseconds`, else nil; a failed listing's message as a note.
    func rows(within milliseconds: Int) throws(CompletionNote) -> [Value]? {
        if isRunning, finished.wait(timeout: .now() + .milliseconds(milliseconds)) == .success { finished.signal() }
        switch state.withLock({ $0 }) {
        case .running: return nil
        case .done(let rows): return rows
        case .failed(let message): throw CompletionNote(message)
        }
    }

    /// Whether the listing is still going on.
    var isRunning: Bool {
        state.withLock {
            if case .running = $0 { return true }
            return false
        }
    }
}
