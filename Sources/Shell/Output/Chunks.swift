import Foundation
import Synchronization

/// Work over many rows split across the cores: a long table's cells, its lines and the check that every row is
/// one view's document are pure per row, so 10 000 rows take a fraction of the time on 2 cores. Short inputs stay
/// on the calling thread.
enum Chunks {
    /// `body` over consecutive ranges of `0..<count`, the results joined in order.
    static func map<T: Sendable>(_ count: Int, minimum: Int = 2000, _ body: @Sendable (Range<Int>) -> [T]) -> [T] {
        let parts = self.parts(count, minimum: minimum, body)
        return parts.count == 1 ? parts[0] : parts.flatMap { $0 }
    }

    /// `body`'s result for each of consecutive ranges of `0..<count`, in order (one range when `count` is small).
    static func parts<R: Sendable>(_ count: Int, minimum: Int = 2000, _ body: @Sendable (Range<Int>) -> R) -> [R] {
        let chunkCount = count < minimum ? 1 : min(16, ProcessInfo.processInfo.activeProcessorCount * 2)
        guard chunkCount > 1 else { return [body(0..<count)] }
        let size = (count + chunkCount - 1) / chunkCount
        let parts = Mutex([R?](repeating: nil, count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let part = body(min(count, chunk * size)..<min(count, (chunk + 1) * size))
            parts.withLock { $0[chunk] = part }
        }
        return parts.withLock { $0 }.compactMap { $0 }
    }
}
