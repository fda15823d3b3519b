import APIContract

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Parses the `timestamps` query parameter (docs/api.md §9): each value an ISO 8601 interval of RFC 3339 instants —
/// `T1/T2`, `T1/duration`, `T/` (until now), `/T` (up to T), or a repetition `Rn/T/period[/length]` (a window of
/// `length`, default 24 h, every `period`, n times; `R/…` repeats until now). At most 10 values.
package enum TimestampsFilter {
    package static let maxValues = 10
    /// Upper bound of generated repetitions, so `R/1970-01-01T00:00:00Z/PT1S` cannot exhaust the server.
    private static let maxRepetitions = 1000

    /// The closed intervals (epoch seconds) the values select; an empty list means "no filter". `now` is the
    /// world's, where open repetitions stop.
    package static func intervals(_ values: [String], now: Int) throws(SandboxError) -> [ClosedRange<Int>] {
        guard values.count <= maxValues else {
            throw .badParameter("timestamps", "at most \(maxValues) intervals are allowed, got \(values.count)")
        }
        var out: [ClosedRange<Int>] = []
        for value in values { out += try parse(value, now: now) }
        return out
    }

    private static func parse(_ value: String, now: Int) throws(SandboxError) -> [ClosedRange<Int>] {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func bad(_ why: String) -> SandboxError {
            var hint = ""
            if value.contains(" ") { hint = " (a '+' in a UTC offset must be sent as %2B)" }
            return .badParameter("timestamps", "'\(value)': \(why)\(hint)")
        }
        func instant(_ text: String) throws(SandboxError) -> Int {
            guard let t = Timestamp.parse(text) else { throw bad("'\(text)' is not an RFC 3339 date-time") }
            return t
        }
        if let first = parts.first, first.hasPrefix("R") {
            guard parts.count == 3 || parts.count == 4 else { throw bad("a repetition is Rn/start/period[/length]") }
            let countText = first.dropFirst()
            guard countText.isEmpty || Int(countText) != nil, (Int(countText) ?? 1) > 0 else { throw bad("bad repetition count") }
            let start = try instant(parts[1])
            guard let period = Timestamp.duration(parts[2]), period > 0 else { throw bad("'\(parts[2])' is not an ISO 8601 duration") }
            var length = 86400
            if parts.count == 4 {
                guard let l = Timestamp.duration(parts[3]), l > 0 else { throw bad("'\(parts[3])' is not an ISO 8601 duration") }
                length = l
            }
            let count = Int(countText) ?? Int.max
            var windows: [ClosedRange<Int>] = []
            var begin = start
            while windows.count < min(count, maxRepetitions), begin <= now {
                windows.append(begin...(begin + length))
                begin += period
            }
            return windows
        }
        guard parts.count == 2 else { throw bad("an interval is start/end, start/duration, start/ or /end") }
        switch (parts[0].isEmpty, parts[1].isEmpty) {
        case (true, true): throw bad("an interval needs a start or an end")
        case (true, false): return [Int.min...(try instant(parts[1]))]
        case (false, true): return [(try instant(parts[0]))...Int.max]
        case (false, false):
            let start = try instant(parts[0])
            let end: Int
            if parts[1].hasPrefix("P") {
                guard let d = Timestamp.duration(parts[1]) else { throw bad("'\(parts[1])' is not an ISO 8601 duration") }
                end = start + d
            } else {
                end = try instant(parts[1])
            }
            guard end >= start else { throw bad("the end is before the start") }
            return [start...end]
        }
    }
}

/// Wall-clock seconds, for "until now" and token expiry.
package enum Clock {
    package static var now: Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Monotonic seconds, for durations and rate windows.
    package static var monotonic: Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
