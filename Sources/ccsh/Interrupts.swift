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
        // sigaction without SA_RESTART (signal() sets it): a read waiting at the prompt returns EINTR, so Ctrl-C
        // there gives a fresh prompt at once.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            if Interrupts.requested.exchange(true, ordering: .relaxed) {
                signal(SIGINT, SIG_DFL)
                raise(SIGINT)
            }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Whether Ctrl-C was pressed; reading it clears it.
    static func take() -> Bool { requested.exchange(false, ordering: .relaxed) }

    /// Whether Ctrl-C was pressed, leaving the flag set.
    static var isRequested: Bool { requested.load(ordering: .relaxed) }
}
