import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program on a real pseudo-terminal (stdin, stdout and stderr all the terminal's slave side), so that it
/// behaves as it does for a person: `isatty` is true, echo and line discipline apply. Returns everything the
/// terminal showed, stdout and stderr interleaved as they were written.
package enum PseudoTerminal {
    package struct Run: Sendable {
        package var status: Int32
        /// Bytes the terminal received, as text (carriage returns and escape sequences included).
        package var screen: String
        /// When each of the keystrokes was typed, in seconds since the program started (fewer if it ended first).
        package var typedAt: [Double]
        /// When each one's cue showed (before its pause, and before the wait for the line editor).
        package var cuedAt: [Double]
        /// The signal that killed the program, if one did (then `status` is 128 + it, as a shell reports).
        package var signal: Int32?
    }

    /// `TIOCSPTLCK` and `TIOCGPTN`, which Swift cannot import (they are `_IOW`/`_IOR` macros): the generic Linux
    /// encoding `dir << 30 | size << 16 | 'T' << 8 | nr` of x86-64, arm64 and riscv64.
    private static let lockRequest = UInt(1 << 30 | 4 << 16 | 0x54 << 8 | 0x31)
    private static let numberRequest = UInt(2 << 30 | 4 << 16 | 0x54 << 8 | 0x30)

    /// Something to type once the screen shows `after` (at once when nil), `pause` seconds later.
    package struct Keystrokes: Sendable {
        package var after: String?
        package var text: String
        package var pause: Double
        /// Instead of typing, close the terminal (as when its window is closed: the program gets SIGHUP).
        package var hangsUp = false
        /// Called with the program's process id when the cue shows, before typing (to read its memory, say).
        package var observe: (@Sendable (Int32) -> Void)?

        package init(after: String? = nil, _ text: String, pause: Double = 0, observe: (@Sendable (Int32) -> Void)? = nil) {
            self.after = after
            self.text = text
            self.pause = pause
            self.observe = observe
        }

        /// Closes the terminal once the screen shows `after`.
        package static func hangUp(after: String) -> Keystrokes {
            var keystrokes = Keystrokes(after: after, "")
            keystrokes.hangsUp = true
            return keystrokes
        }
    }

    /// Runs `url` with `arguments`, typing each of `typing` when its cue appears; gives up (killing the program)
    /// after `timeout` seconds, so that a test never hangs on a prompt that did not come.
    package static func run(
        _ url: URL, _ arguments: [String], typing: [Keystrokes] = [], environment: [String: String], timeout: Double = 60, columns: UInt16 = 120,
        rows: UInt16 = 40
    ) throws -> Run {
        // Linux's devpts directly (posix_openpt and friends are hidden from Swift's Glibc): open the multiplexer,
        // unlock the new terminal, ask its number.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, lockRequest, &unlock) == 0, ioctl(master, numberRequest, &number) == 0 else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no pseudo-terminal: \(String(cString: strerror(errno)))"])
        }
        var isOpen = true
        defer { if isOpen { close(master) } }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let started = Date()
        let pid = try spawn(
            url, arguments, terminal: slavePath,
            environment: environment.merging(["TERM": "xterm"]) { old, _ in old }.merging(ProcessInfo.processInfo.sanitizerSettings) { old, _ in old }
        )
        var pending = typing[...]
        var typedAt: [Double] = []
        var cuedAt: [Double] = []
        /// When the next keystrokes' cue showed and they wait out their pause: the time to type them.
        var dueAt: Date?
        var screen: [UInt8] = []
        // A cue counts only in what the program wrote after the last keystrokes (not in an earlier prompt).
        var searchFrom = 0
        var chunk = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            while let next = pending.first,
                dueAt != nil || next.after.map({ String(decoding: screen[searchFrom...], as: UTF8.self).contains($0) }) ?? true
            {
                if dueAt == nil { cuedAt.append(Date().timeIntervalSince(started)) }
                let due = dueAt ?? Date().addingTimeInterval(next.pause)
                guard Date() >= due else {
                    dueAt = due
                    break
                }
                dueAt = nil
                if next.hangsUp {
                    close(master)
                    isOpen = false
                    pending = []
                    break
                }
                if next.after != nil { waitForLineEditing(master) }
                next.observe?(pid)
                typedAt.append(Date().timeIntervalSince(started))
                _ = next.text.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
                pending.removeFirst()
                searchFrom = screen.count
            }
            guard isOpen else { break }
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                break
            }
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let wait = dueAt.map { max(0, min(200, Int32($0.timeIntervalSinceNow * 1000) + 1)) } ?? 200
            guard poll(&poller, 1, wait) != 0 else { continue }
            let count = read(master, &chunk, chunk.count)
            if count > 0 {
                screen += chunk[..<count]
            } else if count < 0, errno == EINTR || errno == EAGAIN {
                continue
            } else {
                break  // EIO: every slave descriptor is closed, the program has exited
            }
        }
        var status: Int32 = 0
        // A program that outlives its terminal (it ignored the hang-up) is killed at the deadline.
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno != EINTR) { break }
            if Date() >= deadline { kill(pid, SIGKILL) }
            usleep(10_000)
        }
        // WIFEXITED/WEXITSTATUS are macros Swift cannot import: the low 7 bits are the signal, the next 8 the status.
        let signal = status & 0x7F == 0 ? nil : status & 0x7F
        let exit = signal.map { 128 + $0 } ?? (status >> 8) & 0xFF
        return Run(status: exit, screen: String(decoding: screen, as: UTF8.self), typedAt: typedAt, cuedAt: cuedAt, signal: signal)
    }

    /// Waits (half a second at most) for the program to take the terminal out of canonical mode, as a line editor
    /// does right after its prompt shows: keys typed a moment earlier would meet the kernel's own line discipline,
    /// which echoes them and reads ^R and ^C its own way. A program reading plain lines (a password prompt) stays
    /// canonical, and the keys go after the wait.
    private static func waitForLineEditing(_ master: Int32) {
        let until = Date().addingTimeInterval(0.5)
        var settings = termios()
        while Date() < until {
            if tcgetattr(master, &settings) == 0, settings.c_lflag & tcflag_t(ICANON) == 0 { return }
            usleep(10_000)
        }
    }

    /// Starts `setsid --ctty PROGRAM ARGS` on the terminal: the program leads a new session whose controlling
    /// terminal is this one (so Ctrl-C typed there is SIGINT, as for a person), with no signal blocked whatever
    /// the test thread blocks. `setsid` execs in place (the child is no group leader), so the pid is the program's.
    private static func spawn(_ url: URL, _ arguments: [String], terminal: String, environment: [String: String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, terminal, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        let argv = (["/usr/bin/setsid", "--ctty", url.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/usr/bin/setsid", &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "cannot start \(url.path): \(String(cString: strerror(result)))"])
        }
        return pid
    }
}

extension ProcessInfo {
    /// This process's sanitizer settings (`ASAN_OPTIONS`, `LSAN_OPTIONS`, `TSAN_OPTIONS` under `make sanitize`), for
    /// a program started with an environment of its own: it runs under the same rules (the same leak suppressions).
    package var sanitizerSettings: [String: String] { environment.filter { $0.key.hasSuffix("SAN_OPTIONS") } }
}
