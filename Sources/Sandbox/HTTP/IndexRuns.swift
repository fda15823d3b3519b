/// The item numbers a collection request selects, kept as sorted runs so that a filter over 10,000 items costs a
/// few bisections rather than a scan.
package struct IndexRuns: Sendable, Equatable {
    package private(set) var runs: [Range<Int>]

    package init(_ runs: [Range<Int>]) {
        var merged: [Range<Int>] = []
        for run in runs.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, run.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, run.upperBound)
            } else {
                merged.append(run)
            }
        }
        self.runs = merged
    }

    /// Everything from 0 to `count`.
    package static func all(_ count: Int) -> IndexRuns { IndexRuns([0..<max(0, count)]) }

    package var count: Int { runs.reduce(0) { $0 + $1.count } }

    /// The item number at a position of the selection.
    package func item(at position: Int) -> Int? {
        var rest = position
        for run in runs {
            if rest < run.count { return run.lowerBound + rest }
            rest -= run.count
        }
        return nil
    }

    /// Items whose time lies in any of `intervals`, for a collection whose item times strictly decrease with the
    /// item number (most recent first) — or increase, when `ascending`.
    package static func within(
        _ intervals: [ClosedRange<Int>], count: Int, ascending: Bool = false, time: (Int) -> Int
    ) -> IndexRuns {
        /// The first item number for which `isPast` holds; `isPast` is monotone over 0..<count.
        func bisect(_ isPast: (Int) -> Bool) -> Int {
            var low = 0
            var high = count
            while low < high {
                let mid = (low + high) / 2
                if isPast(mid) { high = mid } else { low = mid + 1 }
            }
            return low
        }
        return IndexRuns(
            intervals.map { interval in
                ascending
                    ? bisect { time($0) >= interval.lowerBound }..<bisect { time($0) > interval.upperBound }
                    : bisect { time($0) <= interval.upperBound }..<bisect { time($0) < interval.lowerBound }
            })
    }
}
