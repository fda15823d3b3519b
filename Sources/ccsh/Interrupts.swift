import Client
import Foundation
import Synchronization

/// Ctrl-C while a script or command runs: the first SIGINT sets a flag that the interpreter checks between steps,
/// and cancels the requests in flight (libcurl notices within ~20 ms), so the run stops with status 130 after
/// flushing its output; a second SIGINT ends the process at once.
enum Interrupts {
    private static let requested = Atomic<Bool>(false)
    /// Given to every API session, so that Ctrl-C stops a transfer rather than waiting for the server.
    static let cancellation = Cancellation()

    /// Installs the SIGINT handler, and unblocks SIGINT in case the parent left it blocked (a blocked mask survives
    /// exec, and some test runners and job managers start children that way).
    static func install() {
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        _ = cancellation  // initialised here: a lazy global's first use is not safe in a signal handler
        // sigaction without SA_RESTART (signal() sets it): a read waiting at the prompt returns EINTR, so Ctrl-C
        // there gives a fresh prompt at once.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            Interrupts.cancellation.cancel()
            if Interrupts.requested.exchange(true, ordering: .relaxed) {
                signal(SIGINT, SIG_DFL)
                raise(SIGINT)
            }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Whether Ctrl-C was pressed; reading it clears it, and lets requests run again.
    static func take() -> Bool {
        cancellation.reset()
        return requested.exchange(false, ordering: .relaxed)
    }

    /// Whether Ctrl-C was pressed, leaving the flag set.
    static var isRequested: Bool { requested.load(ordering: .relaxed) }
}
