import CThreadStack
import Foundation

/// The one depth budget of evaluation: every recursion of the evaluator — an operand, a pipeline stage, a block, a
/// command, a user command called through `each`, `where` or any block — enters one level, and a level too many is
/// an error with its place, never a crash.
///
/// The budget is counted twice: in levels (``maxLevels``, the same on every machine and build), and in the bytes
/// of stack this thread has left, which is what overflows in the end — a debug build's frames are several times
/// a release build's, and a thread other than the main one may have less.
struct StackDepth {
    /// Levels of evaluation at most, whatever the stack.
    static let maxLevels = 3_000
    private(set) var levels = 0
    /// The thread whose stack `lowestUsable` describes.
    private var thread: pthread_t?
    /// Below this address the stack is kept for what runs after the check (printing the error, a command's own
    /// work between two checks).
    private var lowestUsable: UInt = 0

    /// Enters one level; false (and nothing entered) when the budget is spent.
    mutating func enter() -> Bool {
        guard levels < Self.maxLevels, hasStackLeft() else { return false }
        levels += 1
        return true
    }

    mutating func leave() { levels -= 1 }

    /// Whether the current frame is above the reserve at the bottom of this thread's stack (stacks grow down on
    /// every platform Swift runs ccsh on).
    private mutating func hasStackLeft() -> Bool {
        let current = pthread_self()
        if thread.map({ pthread_equal($0, current) != 0 }) != true {
            thread = current
            lowestUsable = Self.lowestUsableAddress()
        }
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) } > lowestUsable
    }

    /// The lowest address of this thread's stack plus a reserve of a quarter of it, at most 1 MiB; 0 when the
    /// bounds cannot be read (only the level count applies then).
    private static func lowestUsableAddress() -> UInt {
        var lowest: UInt = 0
        var size: UInt = 0
        guard ccsh_thread_stack(&lowest, &size) != 0 else { return 0 }
        return lowest + min(1 << 20, size / 4)
    }
}
