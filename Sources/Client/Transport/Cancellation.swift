import Synchronization

/// A flag that stops transfers in progress (Ctrl-C). Safe to set from any thread or a signal handler; every
/// transport watching it gives up within ~20 ms with a `cancelled` error, and stays usable afterwards.
package final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    package init() {}

    package func cancel() { flag.store(true, ordering: .relaxed) }

    /// Clears the flag before the next command.
    package func reset() { flag.store(false, ordering: .relaxed) }

    package var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
