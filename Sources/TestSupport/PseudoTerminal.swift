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
    }

    /// `TIOCSPTLCK` and `TIOCGPTN`, which Swift cannot import (they are `_IOW`/`_IOR` macros): the generic Linux
    /// encoding `dir << 30 | size << 16 | 'T' << 8 | nr` of x86-64, arm64 and riscv64.
    private static let lockRequest = UInt(1 << 30 | 4 << 16 | 0x54 << 8 | 0x31)
    private static let numberRequest = UInt(2 << 30 | 4 << 16 | 0x54 << 8 | 0x30)

    /// Something to type once the screen shows `after` (at once when nil).
    package struct Keystrokes: Sendable {
        package var after: String?
        package var text: String

        package init(after: String? = nil, _ text: String) {
            self.after = after
            self.text = text
        }
    }

    /// Runs `url` with `arguments`, typing each of `typing` when its cue appears; gives up (killing the program)
    /// after `timeout` seconds, so that a test never hangs on a prompt that did not come.
    package static func run(
        _ url: URL, _ arguments: [String], typing: [Keystrokes] = [], environment: [String: String], timeout: Double = 60
    ) throws -> Run {
        // Linux's devpts directly (posix_openpt and friends are hidden from Swift's Glibc): open the multiplexer,
        // unlock the new terminal, ask its number.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, lockRequest, &unlock) == 0, ioctl(master, numberRequest, &number) == 0 else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no pseudo-terminal: \(String(cString: strerror(errno)))"])
        }
        defer { close(master) }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        guard let slave = FileHandle(forUpdatingAtPath: slavePath) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "cannot open \(slavePath)"])
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment.merging(["TERM": "xterm"]) { old, _ in old }
        process.standardInput = slave
        process.standardOutput = slave
        process.standardError = slave
        try process.run()
        try slave.close()
        var pending = typing[...]
        var screen: [UInt8] = []
        // A cue counts only in what the program wrote after the last keystrokes (not in an earlier prompt).
        var searchFrom = 0
        var chunk = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            while let next = pending.first, next.after.map({ String(decoding: screen[searchFrom...], as: UTF8.self).contains($0) }) ?? true {
                _ = next.text.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
                pending.removeFirst()
                searchFrom = screen.count
            }
            guard Date() < deadline else {
                process.terminate()
                break
            }
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) != 0 else { continue }
            let count = read(master, &chunk, chunk.count)
            if count > 0 {
                screen += chunk[..<count]
            } else if count < 0, errno == EINTR || errno == EAGAIN {
                continue
            } else {
                break  // EIO: every slave descriptor is closed, the program has exited
            }
        }
        process.waitUntilExit()
        return Run(status: process.terminationStatus, screen: String(decoding: screen, as: UTF8.self))
    }
}
