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

    /// Runs `url` with `arguments`; `input` is typed on the terminal after start (each line ends with "\n").
    package static func run(_ url: URL, _ arguments: [String], input: String = "", environment: [String: String]) throws -> Run {
        // Linux's devpts directly (posix_openpt and friends are hidden from Swift's Glibc): open the multiplexer,
        // unlock the new terminal, ask its number.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, lockRequest, &unlock) == 0, ioctl(master, numberRequest, &number) == 0 else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no pseudo-terminal: \(String(cString: strerror(errno)))"])
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        guard let slave = FileHandle(forUpdatingAtPath: slavePath) else {
            close(master)
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
        if !input.isEmpty { _ = input.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) } }
        var screen: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(master, &chunk, chunk.count)
            if count > 0 {
                screen += chunk[..<count]
            } else if count < 0, errno == EINTR {
                continue
            } else {
                break  // EIO: every slave descriptor is closed, the program has exited
            }
        }
        process.waitUntilExit()
        close(master)
        return Run(status: process.terminationStatus, screen: String(decoding: screen, as: UTF8.self))
    }
}
