import Foundation
import Synchronization

/// Ctrl-C while a script or command runs: the first SIGINT sets a flag that the interpreter checks between steps,
/// so the run stops with status 130 after flushing its output; a second SIGINT ends the process at once.
enum Interrupts {
    private static let requested = Atomic<Bool>(false)

    /// Installs the SIGINT handler, and unblocks SIGINT in case the parent left it blocked (a blocked mask survives
    /// exec, and some test runners and job managers start children that way).
    static func install() {
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        signal(SIGINT) { _ in
            if Interrupts.requested.exchange(true, ordering: .relaxed) {
                signal(SIGINT, SIG_DFL)
                raise(SIGINT)
            }
        }
    }

    /// Whether Ctrl-C was pressed; reading it clears it.
    static func take() -> Bool { requested.exchange(false, ordering: .relaxed) }

    /// Whether Ctrl-C was pressed, leaving the flag set.
    static var isRequested: Bool { requested.load(ordering: .relaxed) }
}
