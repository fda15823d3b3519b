import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// The `Date` header of every response is the world's now, as a server's is its own: a sandbox moved a day ahead
/// says so, and ccsh counts ages from it. `--clock-skew` adds a skew, as a server whose clock is off would send
/// (`ccsh doctor` compares its own clock with it). Hummingbird sets `Date` after the responder, so this sits in the
/// channel, on the response head's way out.
final class WorldDate: ChannelOutboundHandler, RemovableChannelHandler, Sendable {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let clock: SimulationClock
    let skew: Int

    init(clock: SimulationClock, skew: Int) {
        self.clock = clock
        self.skew = skew
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var part = unwrapOutboundIn(data)
        if case .head(var head) = part {
            head.headerFields[.date] = Self.httpDate(Date(timeIntervalSince1970: clock.now + Double(skew)))
            part = .head(head)
        }
        context.write(wrapOutboundOut(part), promise: promise)
    }

    /// `Fri, 04 Dec 2026 07:30:05 GMT` (RFC 9110 §5.6.7).
    static func httpDate(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var text = [CChar](repeating: 0, count: 40)
        let length = strftime(&text, text.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        return String(decoding: text.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
