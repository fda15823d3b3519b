import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Names the input that crashed or hung the fuzzer. Before each input, `begin` copies it into a buffer made at
/// start; a fatal signal (a Swift trap is SIGILL or SIGTRAP, a stack overflow SIGSEGV on the alternate stack)
/// writes the seed, the index and the input to stderr with async-signal-safe calls only, then dies of the signal.
/// A watchdog thread does the same, and exits with 3, when one input runs past the time limit.
enum CrashReporter {
    /// The input being run: its index (-1 before the first), and when it started (monotonic nanoseconds).
    private static let index = Atomic<Int>(-1)
    private static let startedAt = Atomic<UInt64>(0)

    /// The copy of the current input and the fixed text of the report, written only by the fuzzing thread between
    /// inputs; read by the signal handler (the thread is stopped in it) or by the watchdog (the input is stuck).
    nonisolated(unsafe) private static var inputCopy = UnsafeMutablePointer<UInt8>.allocate(capacity: InputMaker.maxLength)
    nonisolated(unsafe) private static var inputLength = 0
    nonisolated(unsafe) private static var target: StaticString = "none"
    nonisolated(unsafe) private static var seed: UInt64 = 0

    /// Installs the handlers and starts the watchdog.
    static func install(seed: UInt64, timeLimitMilliseconds: Int) {
        Self.seed = seed
        let stackSize = 1 << 16
        var alternate = stack_t()
        alternate.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: stackSize, alignment: 16)
        alternate.ss_size = stackSize
        sigaltstack(&alternate, nil)
        for signal in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                CrashReporter.report(signal: number)
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
            action.sa_flags = Int32(SA_ONSTACK | SA_NODEFER)
            sigaction(signal, &action, nil)
        }
        let limit = UInt64(timeLimitMilliseconds) * 1_000_000
        let watchdog = Thread {
            while true {
                usleep(20_000)
                let running = index.load(ordering: .acquiring)
                let started = startedAt.load(ordering: .acquiring)
                guard running >= 0, started > 0, DispatchTime.now().uptimeNanoseconds - started > limit,
                    index.load(ordering: .acquiring) == running
                else { continue }
                report(signal: nil)
                _exit(3)
            }
        }
        watchdog.start()
    }

    /// Records `input` as the one now running.
    static func begin(_ number: Int, target: StaticString, input: [UInt8]) {
        startedAt.store(0, ordering: .releasing)
        index.store(number, ordering: .releasing)
        Self.target = target
        inputLength = min(input.count, InputMaker.maxLength)
        input.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { inputCopy.update(from: base, count: inputLength) }
        }
        startedAt.store(DispatchTime.now().uptimeNanoseconds, ordering: .releasing)
    }

    /// Marks the end of the current input (the watchdog then waits for the next).
    static func end() { startedAt.store(0, ordering: .releasing) }

    // MARK: Async-signal-safe output

    /// Shows at most this much of the input; `--only` replays it whole.
    private static let shownLength = 2_000

    /// Writes what happened to which input, how to make it again, and the start of the input.
    private static func report(signal: Int32?) {
        write("\nccsh-fuzz: input ")
        writeNumber(UInt64(max(0, index.load(ordering: .relaxed))))
        write(" (")
        write(target)
        if let signal {
            write(") crashed with signal ")
            writeNumber(UInt64(signal))
        } else {
            write(") hung: it ran past the time limit")
        }
        write("\nreplay it: ccsh-fuzz --seed ")
        writeNumber(seed)
        write(" --only ")
        writeNumber(UInt64(max(0, index.load(ordering: .relaxed))))
        write("\ninput (")
        writeNumber(UInt64(inputLength))
        write(" bytes")
        if inputLength > shownLength { write(", the first 2000 shown") }
        write("):\n")
        _ = Glibc.write(2, inputCopy, min(inputLength, shownLength))
        write("\n")
    }

    private static func write(_ text: StaticString) { _ = Glibc.write(2, text.utf8Start, text.utf8CodeUnitCount) }

    private static func writeNumber(_ number: UInt64) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var value = number
            var at = digits.count
            repeat {
                at -= 1
                digits[at] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            } while value > 0
            if let base = digits.baseAddress { _ = Glibc.write(2, base + at, digits.count - at) }
        }
    }
}
