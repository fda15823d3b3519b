import Client
import Foundation
import Synchronization

/// Signals that stop work. Ctrl-C while a script or command runs: the first SIGINT sets a flag that the
/// interpreter checks between steps and cancels the requests in flight (libcurl notices within ~20 ms), so the run
/// stops with status 130 after flushing its output; a second SIGINT ends the process at once. SIGHUP (the terminal
/// closed) and SIGTERM do the same and also end the shell through its normal exit path — the sandbox stopped, the
/// output flushed, the history already saved — with status 128 + the signal. SIGWINCH sets a flag the line editor
/// reads. These handlers are the only ones: libedit's own (`EL_SIGNAL`) re-send each signal to the whole process
/// group and are not safe when two threads take a signal at once.
enum Interrupts {
    private static let requested = Atomic<Bool>(false)
    private static let ending = Atomic<Int32>(0)
    private static let resized = Atomic<Bool>(false)
    private static let settled = Atomic<Bool>(false)
    /// Given to every API session, so that Ctrl-C stops a transfer rather than waiting for the server.
    static let cancellation = Cancellation()

    /// Installs the handlers, and unblocks the signals in case the parent left them blocked (a blocked mask
    /// survives exec, and some test runners and job managers start children that way).
    static func install() {
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in [SIGINT, SIGHUP, SIGTERM, SIGWINCH] { sigaddset(&mask, signal) }
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        _ = cancellation  // initialised here: a lazy global's first use is not safe in a signal handler
        // sigaction without SA_RESTART (signal() sets it): a read waiting at the prompt returns EINTR, so Ctrl-C
        // there gives a fresh prompt at once.
        var action = sigaction()
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        action.__sigaction_handler.sa_handler = { _ in
            Interrupts.cancellation.cancel()
            if Interrupts.requested.exchange(true, ordering: .relaxed) {
                signal(SIGINT, SIG_DFL)
                raise(SIGINT)
            }
        }
        sigaction(SIGINT, &action, nil)
        action.__sigaction_handler.sa_handler = { signal in
            Interrupts.ending.store(signal, ordering: .relaxed)
            Interrupts.requested.store(true, ordering: .relaxed)
            Interrupts.cancellation.cancel()
        }
        sigaction(SIGHUP, &action, nil)
        sigaction(SIGTERM, &action, nil)
        // A resized window: the line editor re-reads the size (restarting whatever call was waiting).
        action.__sigaction_handler.sa_handler = { _ in Interrupts.resized.store(true, ordering: .relaxed) }
        action.sa_flags = SA_RESTART
        sigaction(SIGWINCH, &action, nil)
    }

    /// Whether the window was resized since the last call.
    static func takeResize() -> Bool { resized.exchange(false, ordering: .relaxed) }

    /// Whether Ctrl-C was pressed; reading it clears it, and lets requests run again (not once the shell is ending).
    static func take() -> Bool {
        guard endingSignal == nil else { return true }
        cancellation.reset()
        return requested.exchange(false, ordering: .relaxed)
    }

    /// A command ended its work gracefully on the signal (`record`): the Ctrl-C is spent, and a SIGHUP or SIGTERM
    /// still ends the shell but with the status of its run, not 128 + the signal.
    static func settle() {
        settled.store(true, ordering: .relaxed)
        requested.store(false, ordering: .relaxed)
        if endingSignal == nil { cancellation.reset() }
    }

    /// Whether a command settled the ending signal (``settle()``).
    static var isSettled: Bool { settled.load(ordering: .relaxed) }

    /// Whether Ctrl-C was pressed, leaving the flag set.
    static var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// SIGHUP or SIGTERM, once either came: the shell is to exit.
    static var endingSignal: Int32? {
        let signal = ending.load(ordering: .relaxed)
        return signal == 0 ? nil : signal
    }
}
