import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// `--clock-skew`: rewrites the `Date` header of every response to the machine's time plus a skew, as a server
/// whose clock is off would send it (`ccsh doctor` compares its own clock with it). Hummingbird sets `Date` after
/// the responder, so this sits in the channel, on the response head's way out.
final class DateSkew: ChannelOutboundHandler, RemovableChannelHandler, Sendable {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let seconds: Int

    init(seconds: Int) { self.seconds = seconds }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var part = unwrapOutboundIn(data)
        if case .head(var head) = part {
            head.headerFields[.date] = Self.httpDate(Date().addingTimeInterval(Double(seconds)))
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
