import APIContract
import Foundation
import Testing

/// `Timestamp.format`, written byte by byte for the history's rows: the same text as Foundation's RFC 3339 formatter,
/// and read back to the same second.
@Suite struct TimestampFormatTests {
    @Test("the same as ISO8601DateFormatter, and parsed back to the same second, from 1970 to 2100")
    func sameText() {
        let formatter = ISO8601DateFormatter()
        var random = SystemRandomNumberGenerator()
        for seconds in [0, 59, 86_399, 951_782_400, 1_793_664_000, 4_102_444_799]
            + (0..<2000).map({ _ in Int.random(in: 0..<4_102_444_800, using: &random) })
        {
            let text = Timestamp.format(seconds)
            #expect(text == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))), "\(seconds)")
            #expect(Timestamp.parse(text) == seconds)
        }
    }
}
