import Foundation

/// A value of the shell's thread carried through a `Sendable` closure that runs on that thread too — a view drawing
/// a card, which reads the one-thread ``APIContext``. Reading it on another thread stops the process at once, a bug
/// made loud, instead of a data race.
struct ShellThreadBound<Wrapped>: @unchecked Sendable {
    private let value: Wrapped
    private let thread = pthread_self()

    init(_ value: Wrapped) { self.value = value }

    /// The value, on the thread that wrapped it.
    var wrapped: Wrapped {
        precondition(pthread_equal(pthread_self(), thread) != 0, "a value of the shell's thread was read on another thread")
        return value
    }
}
